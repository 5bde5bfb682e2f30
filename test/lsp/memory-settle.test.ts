import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const MODULE = join(__dirname, '../../server/lsp/memory-settle.js');

/**
 * A process that grows its young generation as a scan does (many short-lived objects, some surviving), then
 * settles: prints the young generation's capacity before, after the settling collections, and when idle.
 */
const CHILD = `
const { getHeapSpaceStatistics } = require('node:v8');
const { settleMemory } = require(${JSON.stringify(MODULE)});
const young = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
let kept = [];
for (let i = 0; i < 3e6; i++) {
  kept.push({ i, text: 'x' + i });
  if (kept.length > 200000) kept = [];
}
kept = [];
const grown = young();
const started = Date.now();
// The settling timers do not keep a process alive (the server's connection does): this one waits for them.
const alive = typeof gc === 'function' ? setTimeout(() => {}, 60000) : undefined;
settleMemory(() => console.log(JSON.stringify({ grown, settled: young() })), undefined, () => {
  console.log(JSON.stringify({ idle: young(), after: Date.now() - started }));
  clearTimeout(alive);
});
`;

function run(args: string[]): Promise<Array<Record<string, number>>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args, '-e', CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(out.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, number>)));
  });
}

describe('memory after a workspace scan', () => {
  it('the young generation the scan grew is handed back once the server has been idle', async () => {
    const [settled, idle] = await run(['--expose-gc']);
    assert.ok(settled.grown >= 8 * 1048576, `the work grew the young generation (${settled.grown} bytes)`);
    assert.equal(settled.settled, settled.grown, 'right after the scan V8 keeps it (its allocation rate is still high)');
    assert.ok(idle, 'told when idle');
    assert.ok(idle.idle <= 1048576, `shrunk to one page per semi-space (${idle.idle} bytes)`);
    assert.ok(idle.after >= 5000, `not before V8's 5 s window (${idle.after} ms)`);
  });

  it('does nothing without --expose-gc', async () => {
    assert.deepEqual(await run([]), []);
  });
});
