import { join } from 'node:path';
import { replayRun } from './run-replay';

/**
 * `dist/cli.js`, the CLI's entry: small, so that a `--cache` run whose record still holds (run-replay.ts) writes
 * its output without loading the engine; any other run loads the engine bundle beside it (`dist/cli-engine.js`).
 */
const argv = process.argv.slice(2);
const engine = join(__dirname, 'cli-engine.js');
let replayed: number | undefined;
try {
  replayed = replayRun(argv, {
    cwd: process.cwd(),
    env: process.env,
    engine,
    stdout: (bytes) => process.stdout.write(bytes),
    stderr: (bytes) => process.stderr.write(bytes),
  });
} catch (error) {
  process.stderr.write(`stridelint: internal error: ${(error as Error).stack ?? String(error)}\n`);
  replayed = 2;
}
if (replayed !== undefined) process.exitCode = replayed;
// eslint-disable-next-line @typescript-eslint/no-require-imports
else (require('./cli-engine.js') as { runCli(argv: string[]): void }).runCli(argv);
