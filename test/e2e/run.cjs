#!/usr/bin/env node
// `npm run test:e2e`: the integration suite (runTests → code-server shim, or desktop VS Code with
// STRIDELINT_E2E_DESKTOP=1), then the UI smoke suite (playwright-core + chromium). Both always run; the exit
// code is 1 when either failed. Needs `npm run build` first (the npm script does it).
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const suites = [
  ['integration suite', 'run-integration.cjs'],
  ['UI smoke suite', 'ui.cjs'],
];
const started = Date.now();
const results = suites.map(([name, script]) => {
  const t0 = Date.now();
  const { status } = spawnSync(process.execPath, [path.join(__dirname, script)], { stdio: 'inherit' });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`${name}: ${status === 0 ? 'passed' : `FAILED (exit ${status})`} in ${seconds} s`);
  return status === 0;
});
console.log(`e2e stage: ${results.filter(Boolean).length} of ${results.length} suites passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(results.every(Boolean) ? 0 : 1);
