import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DAEMON_RULES } from '../../rules/daemon';
import { emptyConfig } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { assertFixesSound, schemaErrorCount } from '../helpers/daemon';
import { realworldIndex, realworldPath, SHARED_SKIP_REASON } from '../helpers/shared';

/** Every daemon.json of the real-world corpus: it lints without internal errors, and every fix offered is sound. */
describe('real-world daemon.json files', { skip: SHARED_SKIP_REASON }, () => {
  const files = SHARED_SKIP_REASON ? [] : realworldIndex().filter((file) => file.kind === 'daemon');

  it('there are some to lint', () => {
    assert.ok(files.length >= 30, `found ${files.length}`);
  });

  // Some are named docker-daemon.json and the like: users map those with `files: { daemon: [...] }`.
  const config = emptyConfig();
  config.files = { daemon: ['**/*.json'] };

  it('each lints without internal errors, as daemon.json, with every daemon rule', () => {
    const ruleIds = new Set(DAEMON_RULES.map((rule) => rule.meta.id));
    let findings = 0;
    for (const file of files) {
      const text = readFileSync(realworldPath(file), 'utf8');
      const result = lintFile(text, file.path, { config });
      assert.equal(result.kind, 'daemon', file.path);
      const internal = result.findings.filter((finding) => finding.ruleId === 'stridelint/internal-error');
      assert.deepEqual(internal.map((finding) => finding.message), [], file.path);
      for (const finding of result.findings) {
        assert.ok(ruleIds.has(finding.ruleId) || finding.ruleId === 'stridelint/parse-error', `${file.path}: unexpected ${finding.ruleId}`);
        assert.match(finding.message, /\.$/);
      }
      findings += result.findings.length;
    }
    assert.ok(findings > files.length, 'real configurations leave some findings');
  });

  it('every fix offered on them yields JSON that parses, keeps the schema and clears its finding', () => {
    let fixes = 0;
    for (const file of files) {
      const text = readFileSync(realworldPath(file), 'utf8').replace(/^\uFEFF/, '');
      const parses = lintFile(text, file.path, { config }).findings.every((finding) => finding.ruleId !== 'stridelint/parse-error');
      if (!parses) continue;
      assert.equal(typeof schemaErrorCount(text), 'number');
      for (const rule of DAEMON_RULES) fixes += assertFixesSound(rule, text, file.path);
    }
    assert.ok(fixes > 0, 'some fixes were checked');
  });
});
