// The shipped CLI bundle with the `yaml` library's debug switches set in the environment: that library would print
// every token (LOG_TOKENS) or document (LOG_STREAM) on stdout, corrupting `--format json` here and the language
// server's protocol channel; scripts/yaml-debug-logging-off.mjs compiles those reads out of our bundles.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { workspace } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/shared';

describe('dist/cli.js ignores the yaml library debug switches', () => {
  it('prints only its JSON report with LOG_TOKENS and LOG_STREAM set', () => {
    const root = workspace({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n' });
    const outcome = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), '--format', 'json', root], { encoding: 'utf8', env: { ...process.env, LOG_TOKENS: '1', LOG_STREAM: '1' } });
    assert.equal(outcome.status, 1, outcome.stderr);
    const report = JSON.parse(outcome.stdout);
    assert.ok(JSON.stringify(report).includes('compose/no-privileged'), 'the privileged service is still reported');
  });
});
