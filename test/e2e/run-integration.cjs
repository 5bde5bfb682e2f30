#!/usr/bin/env node
// Runs the integration suite (test/e2e/suite/) with @vscode/test-electron's runTests(), in a temporary copy
// of test/e2e/fixtures/workspace. By default runTests launches test/e2e/code-shim.cjs (code-server + headless
// chromium, offline); STRIDELINT_E2E_DESKTOP=1 leaves the shim out, so runTests downloads and runs desktop
// VS Code (STRIDELINT_E2E_VSCODE_VERSION, default "stable"; needs network access and a display or xvfb).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');
const { REPO_ROOT, codeServerBinary } = require('./code-server.cjs');

async function main() {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'client.js'))) throw new Error('dist/client.js is missing: run `npm run build` first.');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-ws-'));
  fs.cpSync(path.join(__dirname, 'fixtures', 'workspace'), workspace, { recursive: true });
  const desktop = process.env.STRIDELINT_E2E_DESKTOP === '1';
  const options = {
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: path.join(__dirname, 'suite', 'index.cjs'),
    launchArgs: [workspace, '--disable-extensions'],
  };
  if (desktop) options.version = process.env.STRIDELINT_E2E_VSCODE_VERSION || 'stable';
  else {
    process.env.CODE_SERVER_BIN ||= codeServerBinary(); // installs into the cache once, then the shim reuses it
    options.vscodeExecutablePath = path.join(__dirname, 'code-shim.cjs');
  }
  try {
    await runTests(options);
    return 0;
  } catch (error) {
    console.error(`integration suite failed: ${error.message}`);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
