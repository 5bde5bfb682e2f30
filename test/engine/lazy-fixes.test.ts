import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineRule } from '../../rules/engine/rule';
import { fixesPending, lintFile, type Finding } from '../../rules/engine';
import { withoutFixes } from '../../server/lsp/scan-task';
import { shiftFinding } from '../../server/lsp/finding-places';
import addInsteadOfCopy from '../../rules/dockerfile/add-instead-of-copy';

const TEXT = 'FROM a:1\nRUN make\n';

/** Reports the RUN line; its fix (insert `# built` before it) is a function that counts its calls. */
function countingRule(fixes: () => { title: string; safe: boolean; edits: { start: number; end: number; newText: string }[] }[]) {
  const calls = { count: 0 };
  const rule = defineRule({
    meta: { ...addInsteadOfCopy.meta, id: 'dockerfile/test-lazy', title: 'Lazy' },
    check(context) {
      const start = context.text.indexOf('RUN');
      context.report({
        span: { start, end: start + 3 },
        message: 'A RUN.',
        fixes: () => {
          calls.count++;
          return fixes();
        },
      });
    },
  });
  return { rule, calls };
}

const insertComment = () => [{ title: 'Add a comment', safe: true, edits: [{ start: 9, end: 9, newText: '# built\n' }] }];

describe('fixes given as a function (LintOptions.fixes)', () => {
  it('eager (the default) builds them during the lint; lazy builds them once, on first read, with the same edits', () => {
    const eager = countingRule(insertComment);
    const [eagerFinding] = lintFile(TEXT, 'Dockerfile', { rules: [eager.rule] }).findings;
    assert.equal(eager.calls.count, 1);
    assert.equal(fixesPending(eagerFinding), false);

    const lazy = countingRule(insertComment);
    const [lazyFinding] = lintFile(TEXT, 'Dockerfile', { rules: [lazy.rule], fixes: 'lazy' }).findings;
    assert.equal(lazy.calls.count, 0, 'nothing built by the lint');
    assert.equal(fixesPending(lazyFinding), true);
    assert.deepEqual(Object.keys(lazyFinding), Object.keys(eagerFinding), 'the same keys in the same order');
    assert.deepEqual(lazyFinding.fixes, eagerFinding.fixes);
    assert.deepEqual(lazyFinding.fixes[0].edits, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '# built\n' }]);
    void lazyFinding.fixes;
    assert.equal(lazy.calls.count, 1, 'built once, then kept');
    assert.equal(fixesPending(lazyFinding), false);
    assert.equal(JSON.stringify(lazyFinding), JSON.stringify(eagerFinding));
  });

  it('none: every finding without fixes, the function never called', () => {
    const { rule, calls } = countingRule(insertComment);
    const findings = lintFile(TEXT, 'Dockerfile', { rules: [rule, addInsteadOfCopy], fixes: 'none' }).findings;
    assert.deepEqual(findings.map((finding) => finding.fixes), [[]]);
    const withAdd = lintFile('FROM a:1\nADD x /x\n', 'Dockerfile', { rules: [addInsteadOfCopy], fixes: 'none' }).findings;
    assert.deepEqual(withAdd.map((finding) => [finding.ruleId, finding.fixes]), [['dockerfile/add-instead-of-copy', []]], 'array fixes dropped too');
    assert.equal(calls.count, 0);
  });

  it('a function that throws gives no fix in either mode, and no internal error', () => {
    for (const mode of ['eager', 'lazy'] as const) {
      const { rule } = countingRule(() => {
        throw new TypeError('boom');
      });
      const findings = lintFile(TEXT, 'Dockerfile', { rules: [rule], fixes: mode }).findings;
      assert.deepEqual(findings.map((finding) => [finding.ruleId, finding.fixes]), [['dockerfile/test-lazy', []]], mode);
    }
  });

  it('edits outside the text or overlapping are dropped when built, as eager ones are', () => {
    const { rule } = countingRule(() => [{ title: 'Past the end', safe: true, edits: [{ start: 0, end: 999, newText: '' }] }]);
    assert.deepEqual(lintFile(TEXT, 'Dockerfile', { rules: [rule], fixes: 'lazy' }).findings[0].fixes, []);
  });

  it('a copy by spread builds them; a scan compaction and a move by lines do not', () => {
    const { rule, calls } = countingRule(insertComment);
    const [finding] = lintFile(TEXT, 'Dockerfile', { rules: [rule], fixes: 'lazy' }).findings;
    const compact = withoutFixes(finding);
    assert.deepEqual(compact.fixes, []);
    assert.equal(compact.message, finding.message);
    const moved: Finding = shiftFinding(finding, 3, 'Dockerfile');
    assert.equal(calls.count, 0, 'neither built them');
    assert.deepEqual(moved.fixes[0].edits[0].range, { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } });
    assert.equal(calls.count, 1);
    const copy = { ...finding };
    assert.equal(fixesPending(finding), false);
    assert.deepEqual(copy.fixes, finding.fixes);
    assert.equal(calls.count, 1);
  });
});
