import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { SHARED_SKIP_REASON } from '../helpers/shared';
import { buildRealworldKustomizations } from './realworld-kustomizations';

/**
 * Every kustomization in ../shared/corpus/realworld builds, or gives exactly one precise problem (a reason,
 * a message, and the kustomization line that caused it); none throws. A build's output re-parses, and its
 * source map covers the whole text with spans that point into files of the source set.
 */
test('realworld kustomizations build or give one precise problem', { skip: SHARED_SKIP_REASON }, () => {
  const results = buildRealworldKustomizations();
  assert.equal(results.length, 92);
  const counts = new Map<string, number>();
  for (const { path, result } of results) {
    const reason = result.problems[0]?.reason ?? 'built';
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
    if (result.problems.length > 0) {
      assert.equal(result.problems.length, 1, path);
      assert.notEqual(result.problems[0].reason, 'internal-error', `${path}: ${result.problems[0].message}`);
      assert.ok(result.problems[0].message.length > 10, path);
      assert.ok(result.problems[0].location?.file, `${path}: the problem has a location`);
      continue;
    }
    const documents = parseAllDocuments(result.output.text);
    assert.ok(Array.isArray(documents) && documents.every((d) => d.errors.length === 0), `${path}: output re-parses`);
    let offset = 0;
    for (const span of result.output.spans) {
      assert.equal(span.start, offset, `${path}: spans are contiguous`);
      assert.ok(span.end > span.start);
      assert.ok(result.kustomizations.includes(span.source.file) || result.inputs.includes(span.source.file), `${path}: span source ${span.source.file} is a file the build read`);
      offset = span.end;
    }
    assert.equal(offset, result.output.text.length, `${path}: spans cover the output`);
  }
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`realworld kustomizations: ${[...counts].map(([reason, n]) => `${reason} ${n}`).join(', ')}; build time median ${median.toFixed(1)} ms, slowest ${times[times.length - 1].toFixed(0)} ms (the first build includes warm-up)`);
});
