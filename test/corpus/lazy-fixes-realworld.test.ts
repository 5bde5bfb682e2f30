import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixesPending, lintFile } from '../../rules/engine';
import { ALL_RULES } from '../../rules';
import { realworldIndex, realworldPath, SHARED_AVAILABLE, SHARED_SKIP_REASON } from '../helpers/shared';

/**
 * The language server lints with `fixes: 'lazy'` (a code action builds the fixes it reads), the CLI eagerly
 * (`--fix`, SARIF, JSON): on every file of the real-world corpus both give every finding the same fixes, edit
 * for edit, and the same findings.
 */
describe('lazy fixes on the real-world corpus', { skip: SHARED_SKIP_REASON }, () => {
  const files = SHARED_AVAILABLE ? realworldIndex().filter((file) => ['dockerfile', 'compose', 'daemon', 'kubernetes'].includes(file.kind)) : [];

  it('gives every finding the fixes an eager lint gives it', () => {
    assert.ok(files.length > 2000, `expected the corpus's files, found ${files.length}`);
    let pending = 0;
    let fixes = 0;
    const differences: string[] = [];
    for (const file of files) {
      const text = readFileSync(realworldPath(file), 'utf8');
      const eager = lintFile(text, file.path, { rules: ALL_RULES }).findings;
      const lazy = lintFile(text, file.path, { rules: ALL_RULES, fixes: 'lazy' }).findings;
      pending += lazy.filter((finding) => fixesPending(finding)).length;
      fixes += eager.reduce((sum, finding) => sum + finding.fixes.length, 0);
      // JSON reads each lazy finding's getter: the fixes are built here, against the text they were found in.
      const want = eager.map((finding) => JSON.stringify(finding));
      const got = lazy.map((finding) => JSON.stringify(finding));
      if (got.join('\n') !== want.join('\n')) differences.push(`${file.path}: ${got.find((entry, index) => entry !== want[index]) ?? 'fewer findings'}`);
    }
    assert.deepEqual(differences, []);
    assert.ok(pending > 5000, `lazy findings: ${pending}`);
    assert.ok(fixes > 10000, `fixes compared: ${fixes}`);
  });
});
