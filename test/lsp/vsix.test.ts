import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ALL_RULE_METAS } from '../../rules';
import { ruleDocsPath } from '../../rules/engine';
import { REPO_ROOT } from '../helpers/shared';

const run = promisify(execFile);
const VSCE = join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/** What the VSIX may hold: the bundles (client, server, the scan worker), schemas, grammars, rule docs, README, CHANGELOG, LICENSE, icon. */
const ALLOWED = [/^package\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/, /^images\/icon\.png$/, /^dist\/(client|server|scan-worker)\.js$/, /^syntaxes\/[^/]+\.json$/, /^rules\/schemas\/[^/]+\.schema\.json$/, /^docs\/rules\/[a-z]+(?:-[a-z]+)*\/[a-z0-9-]+\.md$/];
const REQUIRED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'images/icon.png', 'dist/client.js', 'dist/server.js', 'dist/scan-worker.js', 'syntaxes/stridelint-suppression.injection.json', 'rules/schemas/config.schema.json'];

describe('the VSIX (vsce, offline)', () => {
  it('holds the bundles, schemas, grammar, docs, README, CHANGELOG, LICENSE and icon, nothing else, and stays under 2 MB', async (t) => {
    const out = mkdtempSync(join(tmpdir(), 'stridelint-vsix-'));
    try {
      const vsix = join(out, 'stridelint.vsix');
      const [listed] = await Promise.all([
        run(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: REPO_ROOT }),
        run(process.execPath, [VSCE, 'package', '--no-dependencies', '-o', vsix], { cwd: REPO_ROOT }),
      ]);
      const files = listed.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
      const stray = files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
      assert.deepEqual(stray, [], 'files that do not belong in the VSIX (fix .vscodeignore)');
      for (const file of [...REQUIRED, ...ALL_RULE_METAS.map((meta) => ruleDocsPath(meta.id))]) assert.ok(files.includes(file), `missing from the VSIX: ${file}`);
      const bytes = statSync(vsix).size;
      t.diagnostic(`VSIX size (unminified test build): ${(bytes / 1024).toFixed(0)} KB`);
      assert.ok(bytes < 2 * 1024 * 1024, `VSIX is ${bytes} bytes`);
      assert.deepEqual(readdirSync(out), ['stridelint.vsix']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
