import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyConfig } from '../../rules/engine/config';
import { kustomizeBuildOptions } from '../../rules/engine/kustomize/build-options';
import { lintFile, lintKustomizations } from '../../rules/registry-lint';
import type { Finding } from '../../rules/engine/types';
import { buildKustomization } from '../../rules/models/kustomize/build';
import type { SourceSet } from '../../rules/models/helm/source-map';
import { realworldIndex, SHARED_SKIP_REASON } from '../helpers/shared';
import { realworldRepository } from './realworld-kustomizations';

const KUSTOMIZATION = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/** A repository's files as text, as the adapters hand them over. */
function textSources(repository: string): SourceSet {
  const files = new Map<string, string>();
  for (const [path, data] of realworldRepository(repository).files) files.set(path, typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
  return { files };
}

/**
 * One finding, for comparing single-file and build results: its file, rule and the resource (document of the
 * file) it is on, so that a finding moved within its resource (from the name to the metadata line) is the same.
 */
function keyOf(sources: SourceSet, file: string, finding: Finding): string {
  const text = sources.files.get(file);
  const lines = typeof text === 'string' ? text.split('\n').slice(0, finding.range.start.line) : [];
  const documentIndex = lines.filter((line) => /^---(\s|$)/.test(line)).length;
  return `${file}#${documentIndex}:${finding.range.start.line + 1} ${finding.ruleId}`;
}
const withoutLine = (entry: string) => entry.replace(/:\d+ /, ' ');

/** What linting kustomizations as built units changes on the realworld corpus, against linting each file alone. */
export function realworldUnitFigures() {
  const kustomizations = realworldIndex().filter((file) => KUSTOMIZATION.test(file.path));
  const reasons = new Map<string, number>();
  const options = kustomizeBuildOptions(emptyConfig());
  for (const file of kustomizations) {
    const result = buildKustomization(textSources(file.path.split('/')[0]), `/${file.path.split('/').slice(0, -1).join('/')}`, options);
    const reason = result.problems[0]?.reason ?? 'built';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const disappeared: string[] = [];
  const appeared: string[] = [];
  /** Disappeared findings that were on patch files (a patch linted alone as if it were a whole resource). */
  const onPatches: string[] = [];
  let leaves = 0;
  for (const repository of [...new Set(kustomizations.map((file) => file.path.split('/')[0]))].sort()) {
    const sources = textSources(repository);
    const result = lintKustomizations(sources, { build: options });
    leaves += result.builds.length;
    const before: string[] = [];
    for (const file of result.coveredFiles) {
      const text = sources.files.get(file) as string;
      for (const finding of lintFile(text, file).findings) before.push(keyOf(sources, file, finding));
    }
    const after = [...result.findings].flatMap(([file, list]) => list.map((finding) => keyOf(sources, file, finding)));
    const beforeKeys = new Set(before.map(withoutLine));
    const afterKeys = new Set(after.map(withoutLine));
    const resourceFiles = new Set(result.builds.flatMap((build) => build.result.resources.map((resource) => resource.file)));
    for (const entry of before.filter((item) => !afterKeys.has(withoutLine(item)))) {
      disappeared.push(entry);
      if (!resourceFiles.has(entry.slice(0, entry.indexOf('#')))) onPatches.push(entry);
    }
    appeared.push(...after.filter((entry) => !beforeKeys.has(withoutLine(entry))));
  }
  return { reasons, leaves, disappeared, onPatches, appeared, total: kustomizations.length };
}

test('realworld kustomizations as units: builds per reason, and the findings that disappear and appear', { skip: SHARED_SKIP_REASON }, () => {
  const figures = realworldUnitFigures();
  assert.equal(figures.total, 92);
  // With stridelint's default (load restrictions off, see build-options.ts): every kustomization builds or names why not.
  assert.deepEqual(Object.fromEntries([...figures.reasons].sort()), { built: 85, 'malformed-yaml': 3, 'missing-file': 2, 'remote-resource': 2 });
  const byRule = (list: string[]) => {
    const counts = new Map<string, number>();
    for (const entry of list) counts.set(entry.slice(entry.lastIndexOf(' ') + 1), (counts.get(entry.slice(entry.lastIndexOf(' ') + 1)) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]).map(([rule, count]) => `${rule} ${count}`).join(', ');
  };
  console.log(`realworld kustomize units: ${figures.leaves} leaf builds; ${figures.disappeared.length} findings disappeared (${byRule(figures.disappeared)}), ${figures.onPatches.length} of them on patch files; ${figures.appeared.length} appeared (${byRule(figures.appeared)})`);
  assert.ok(figures.disappeared.length > 0 && figures.appeared.length > 0);
});
