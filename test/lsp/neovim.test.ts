import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../helpers/shared';
import { SERVER_BUNDLE } from './lsp-client';

const NVIM_AVAILABLE = spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;
const SCRIPT = join(REPO_ROOT, 'test', 'lsp', 'fixtures', 'nvim-check.lua');

describe('Neovim as an independent LSP client (headless)', () => {
  it('shows diagnostics for a file of each kind and applies the Dockerfile quick fix', { skip: NVIM_AVAILABLE ? false : 'nvim is not installed (.ci/run installs Debian’s neovim)' }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'stridelint-nvim-'));
    const home = mkdtempSync(join(tmpdir(), 'stridelint-nvim-home-'));
    try {
      const files: Record<string, string> = {
        Dockerfile: 'FROM alpine:3.20\nADD app.js /app/\n',
        'compose.yaml': 'services:\n  web: [\n',
        'daemon.json': '{ "icc": false, }\n',
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nspec: {\n',
      };
      for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
      const { stdout } = await promisify(execFile)('nvim', ['--headless', '--clean', '-c', `luafile ${SCRIPT}`], {
        cwd: root,
        env: { ...process.env, HOME: home, XDG_CACHE_HOME: join(home, 'cache'), XDG_STATE_HOME: join(home, 'state'), LSP_SERVER: SERVER_BUNDLE, FILES: Object.keys(files).join(' '), FIX_CODE: 'dockerfile/add-instead-of-copy' },
        timeout: 60000,
      });
      assert.match(stdout, /diagnostic Dockerfile:2:1 dockerfile\/add-instead-of-copy \[Tampering\] ADD/);
      for (const name of ['compose.yaml', 'daemon.json', 'pod.yaml']) assert.match(stdout, new RegExp(`diagnostic ${name.replace('.', '\\.')}:\\d+:\\d+ stridelint/parse-error \\[Denial of service\\]`));
      assert.match(stdout, /code action: Replace ADD with COPY/);
      assert.equal(readFileSync(join(root, 'Dockerfile'), 'utf8'), 'FROM alpine:3.20\nCOPY app.js /app/\n');
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    }
  });
});
