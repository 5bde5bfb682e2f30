import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FileKind, type Finding } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { fillTokens, randomSource } from '../helpers/secret-tokens';
import { REPO_ROOT } from '../helpers/shared';

/**
 * The labelled secret set: `test/fixtures/secrets/<kind>/*`, each file headed by `#!` lines saying which
 * lines hold a secret, a weak default, or nothing (`#! secret: 3 5`, `#! weak: 9`, `#! none: 2 4`), lines
 * counted below the header. `@@GEN:<format>@@` becomes a freshly generated token and `@@B64:…@@` its base64,
 * so the repository never holds a token a secret scanner would flag.
 */
export const FIXTURE_ROOT = join(REPO_ROOT, 'test', 'fixtures', 'secrets');
const PATH_BY_KIND: Record<string, string> = { dockerfile: 'Dockerfile', compose: 'compose.yaml', kubernetes: 'manifest.yaml', dotenv: '.env', daemon: 'daemon.json', 'docker-config': 'config.json' };

export interface LabelledFile {
  kind: FileKind;
  file: string;
  text: string;
  labels: { secret: Set<number>; weak: Set<number>; none: Set<number> };
  findings: Finding[];
  /** The token values generated for this file. */
  generated: string[];
}

export function loadLabelledSet(seed = 16): LabelledFile[] {
  const random = randomSource(seed);
  const files: LabelledFile[] = [];
  for (const kind of readdirSync(FIXTURE_ROOT).sort()) {
    for (const file of readdirSync(join(FIXTURE_ROOT, kind)).sort()) {
      const raw = readFileSync(join(FIXTURE_ROOT, kind, file), 'utf8');
      const lines = raw.split('\n');
      const header = lines.filter((line) => line.startsWith('#!'));
      const labelLine = (name: string) => new Set((header.find((line) => line.startsWith(`#! ${name}:`)) ?? '').replace(/^#! \w+:/, '').trim().split(/\s+/).filter(Boolean).map(Number));
      const body = lines.filter((line) => !line.startsWith('#!')).join('\n');
      const generated: string[] = [];
      const text = fillTokens(body, random, generated).replace(/@@B64:([\s\S]*?)@@/g, (_all, inner: string) => Buffer.from(inner).toString('base64'));
      const findings = lintFile(text, PATH_BY_KIND[kind], { kind: kind as FileKind }).findings;
      files.push({ kind: kind as FileKind, file, text, labels: { secret: labelLine('secret'), weak: labelLine('weak'), none: labelLine('none') }, findings, generated });
    }
  }
  return files;
}

export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  positives: number;
  negatives: number;
  /** `file:line` of every miss and false alarm, for the failure message. */
  errors: string[];
}

/** Scores one class of finding (leaked secret, or weak default) per labelled line. */
export function score(files: readonly LabelledFile[], wanted: 'secret' | 'weak'): Score {
  const result: Score = { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0, positives: 0, negatives: 0, errors: [] };
  const isWanted = (finding: Finding) => (wanted === 'secret' ? finding.data?.secretType !== undefined : /\/weak-default-credential$/.test(finding.ruleId));
  for (const file of files) {
    const flagged = new Set(file.findings.filter(isWanted).map((finding) => finding.range.start.line + 1));
    const positives = file.labels[wanted];
    const negatives = new Set([...file.labels.none, ...file.labels[wanted === 'secret' ? 'weak' : 'secret']]);
    for (const line of positives) {
      result.positives++;
      if (flagged.has(line)) result.truePositives++;
      else {
        result.falseNegatives++;
        result.errors.push(`missed ${file.kind}/${file.file}:${line}: ${file.text.split('\n')[line - 1]?.trim().slice(0, 60)}`);
      }
    }
    for (const line of negatives) {
      result.negatives++;
      if (!flagged.has(line)) result.trueNegatives++;
    }
    for (const line of flagged) {
      if (positives.has(line)) continue;
      result.falsePositives++;
      result.errors.push(`false alarm ${file.kind}/${file.file}:${line}: ${file.findings.find((finding) => finding.range.start.line + 1 === line && isWanted(finding))?.message}`);
    }
  }
  return result;
}

export const precision = (s: Score): number => (s.truePositives + s.falsePositives === 0 ? 1 : s.truePositives / (s.truePositives + s.falsePositives));
export const recall = (s: Score): number => (s.positives === 0 ? 1 : s.truePositives / s.positives);
