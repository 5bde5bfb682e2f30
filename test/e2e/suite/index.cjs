// The extension tests' entry point: the extension host `require`s this module and awaits run() (the
// standard @vscode/test-electron shape). Runs in code-server through test/e2e/code-shim.cjs, or in a
// downloaded desktop VS Code (STRIDELINT_E2E_DESKTOP=1).
'use strict';
const path = require('node:path');
const Mocha = require('mocha');

exports.run = () =>
  new Promise((resolve, reject) => {
    const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, bail: false });
    mocha.addFile(path.join(__dirname, 'extension.test.cjs'));
    const runner = mocha.run((failures) => {
      const { passes = 0, failures: failed = 0 } = runner.stats ?? {};
      console.log(`integration suite: ${passes} passed, ${failed} failed`);
      if (failures > 0) reject(new Error(`${failures} integration tests failed.`));
      else resolve();
    });
  });
