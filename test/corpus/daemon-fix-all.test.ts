import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyFixes, selectFixes } from '../../rules/engine';
import { lint } from '../../rules/registry-lint';
import { schemaErrorCount } from '../helpers/daemon';
import { REPO_ROOT } from '../helpers/shared';

/** What `stridelint --fix` does to the insecure sample: safe fixes only, pass after pass, until none is left. */
describe('fix-all on examples/daemon.json', () => {
  it('converges to JSON that no safe fix changes, without new schema errors, keeping the unsafe findings', () => {
    const original = readFileSync(join(REPO_ROOT, 'examples', 'daemon.json'), 'utf8');
    const before = lint(original, 'daemon.json');
    let text = original;
    let passes = 0;
    for (; passes < 10; passes++) {
      const fixes = selectFixes(text, lint(text, 'daemon.json'));
      if (fixes.length === 0) break;
      text = applyFixes(text, fixes);
    }
    assert.ok(passes > 0 && passes < 10, `passes: ${passes}`);
    assert.ok(schemaErrorCount(text) <= schemaErrorCount(original));
    const after = lint(text, 'daemon.json');
    const ids = (findings: typeof after) => new Set(findings.map((finding) => finding.ruleId));
    for (const id of ['daemon/experimental', 'daemon/seccomp-unconfined', 'daemon/api-cors-header', 'daemon/iptables-disabled', 'daemon/log-level']) {
      assert.ok(ids(before).has(id) && !ids(after).has(id), `${id} is fixed safely`);
    }
    for (const id of ['daemon/tcp-without-tls', 'daemon/icc-enabled', 'daemon/insecure-registry']) assert.ok(ids(after).has(id), `${id} needs the user’s decision`);
    assert.ok(text.includes('\n  "log-opts": { "max-size": "10m" },\n'), 'the rename kept the line as written');
  });
});
