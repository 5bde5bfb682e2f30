// `npm test`: build, type-check and compile the tests, then run them with node's test runner.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
// Compiled tests of deleted files must not linger and run: start from an empty dist-test/.
rmSync(join(root, 'dist-test'), { recursive: true, force: true });
run(process.execPath, ['scripts/build.mjs']);
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.']);
const filters = process.argv.slice(2);
run(process.execPath, ['--test', '--test-reporter=spec', ...(filters.length ? filters : ['dist-test/test/'])]);
