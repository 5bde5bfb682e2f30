import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULE_METAS } from '../../rules';
import { parseConfig } from '../../rules/engine';
import { lint } from '../../rules/registry-lint';

const DAEMON = '{\n  "icc": false,\n  "experimental": true\n}\n';
const known = new Set(ALL_RULE_METAS.map((meta) => meta.id));

/** daemon.json cannot hold comments, so its findings are turned off in .stridelint.yaml: per rule, per path. */
describe('turning daemon rules off', () => {
  it('everywhere, with rules', () => {
    const config = parseConfig('rules:\n  daemon/experimental: off\n', '.stridelint.yaml', '', known);
    assert.ok(lint(DAEMON, 'daemon.json').some((finding) => finding.ruleId === 'daemon/experimental'));
    assert.ok(!lint(DAEMON, 'daemon.json', { config }).some((finding) => finding.ruleId === 'daemon/experimental'));
  });

  it('for some paths only, with overrides', () => {
    const config = parseConfig('overrides:\n  - files: ["swarm/**/daemon.json"]\n    rules:\n      daemon/live-restore: off\n', '.stridelint.yaml', '', known);
    const ids = (path: string) => lint(DAEMON, path, { config }).map((finding) => finding.ruleId);
    assert.ok(!ids('swarm/manager/daemon.json').includes('daemon/live-restore'), 'swarm nodes cannot use live-restore');
    assert.ok(ids('hosts/web/daemon.json').includes('daemon/live-restore'));
  });

  it('a comment is no way to do it: it is a parse error, and nothing else is reported', () => {
    const findings = lint('{\n  // stridelint-disable daemon/icc-enabled\n  "icc": true\n}\n', 'daemon.json');
    assert.deepEqual(findings.map((finding) => finding.ruleId), ['stridelint/parse-error']);
  });
});
