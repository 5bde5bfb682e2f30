import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { indexOfTexts, type FileKind, type Finding } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { realworldIndex, realworldPath, SHARED_SKIP_REASON } from '../helpers/shared';

/**
 * Issue 18 on the realworld corpus: each repository is one workspace (its Dockerfiles, compose files,
 * daemon.json and Kubernetes manifests; Helm templates are charts, their own scope, and left out). Every file is
 * linted alone and with the workspace index; what the relations remove (false alarms) and add (cross-file
 * threats) per rule is pinned here and stated in the closing note.
 */
const KINDS: Record<string, FileKind> = { kubernetes: 'kubernetes', dockerfile: 'dockerfile', compose: 'compose', daemon: 'daemon' };

/** Findings removed / added per rule with the workspace index, as measured on the corpus (hand-checked samples in the closing note). */
const EXPECTED: { removed: Record<string, number>; added: Record<string, number> } = {
  removed: {},
  added: {
    'kubernetes/namespace-network-policy': 26,
    'kubernetes/psa-enforce-missing': 9,
    'compose/healthcheck': 94,
    'compose/no-root-user': 4,
    'kubernetes/rbac-blast-radius': 2,
  },
};

const key = (finding: Finding) => `${finding.ruleId}@${finding.range.start.line}:${finding.range.start.character}`;

describe('workspace relations on the realworld corpus', { skip: SHARED_SKIP_REASON }, () => {
  it('every relation resolves without error, and the findings change by the figures of the closing note', () => {
    const byRepo = new Map<string, Array<{ path: string; kind: FileKind }>>();
    for (const file of realworldIndex()) {
      const kind = KINDS[file.kind];
      if (!kind) continue;
      const repo = file.path.slice(0, file.path.indexOf('/'));
      byRepo.set(repo, [...(byRepo.get(repo) ?? []), { path: file.path, kind }]);
    }
    const removed: Record<string, number> = {};
    const added: Record<string, number> = {};
    const samples: string[] = [];
    const errors: string[] = [];
    for (const files of byRepo.values()) {
      const texts = Object.fromEntries(files.map((file) => [file.path, readFileSync(realworldPath({ path: file.path, kind: file.kind, bytes: 0 }), 'utf8')]));
      const index = indexOfTexts(texts);
      for (const file of files) {
        const alone = lintFile(texts[file.path], file.path, { kind: file.kind }).findings;
        const related = lintFile(texts[file.path], file.path, { kind: file.kind, workspace: { index: index.view() } }).findings;
        errors.push(...related.filter((finding) => finding.ruleId === 'stridelint/internal-error').map((finding) => `${file.path}: ${finding.message}`));
        const before = new Set(alone.map(key));
        const after = new Set(related.map(key));
        for (const finding of alone) if (!after.has(key(finding))) {
          removed[finding.ruleId] = (removed[finding.ruleId] ?? 0) + 1;
          samples.push(`- ${finding.ruleId} ${file.path}:${finding.range.start.line + 1} ${finding.message}`);
        }
        for (const finding of related) if (!before.has(key(finding))) {
          added[finding.ruleId] = (added[finding.ruleId] ?? 0) + 1;
          samples.push(`+ ${finding.ruleId} ${file.path}:${finding.range.start.line + 1} ${finding.message}`);
        }
      }
    }
    if (process.env.STRIDELINT_PRINT_FIGURES) console.log(JSON.stringify({ removed, added }, null, 2), `\n${samples.join('\n')}`);
    assert.deepEqual(errors, []);
    assert.deepEqual({ removed, added }, EXPECTED);
  });
});
