// A workspace scan's worker threads run below the server's own thread (server/lsp/thread-priority.ts). Linux only:
// a thread has a nice value of its own there; elsewhere the call returns false and changes nothing.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { SCAN_WORKER_NICENESS } from '../../server/lsp/thread-priority';
import { REPO_ROOT } from '../helpers/shared';

const LINUX_REASON = process.platform === 'linux' ? false : 'a thread has a nice value of its own on Linux only';

/** Each thread of this process with its nice value (/proc/self/task/<tid>/stat, field 19). */
function threadNiceValues(): Map<string, number> {
  const values = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      values.set(tid, Number(fields[16]));
    } catch {
      // a thread that ended meanwhile
    }
  }
  return values;
}

const ownNice = () => Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ')[16]);

describe('scan worker threads below the server thread', () => {
  it('a thread that lowers itself gets the higher nice value; the thread that started it keeps its own', { skip: LINUX_REASON }, async () => {
    const before = ownNice();
    const module = join(__dirname, '..', '..', 'server', 'lsp', 'thread-priority.js');
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads'); const { readFileSync } = require('node:fs');
       const nice = () => Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ')[16]);
       const start = nice(); const lowered = require(${JSON.stringify(module)}).lowerThisThreadPriority(5);
       parentPort.postMessage({ start, lowered, after: nice() });`,
      { eval: true },
    );
    const answer = await new Promise<{ start: number; lowered: boolean; after: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    assert.equal(answer.lowered, true);
    assert.equal(answer.after, Math.min(19, answer.start + 5));
    assert.equal(ownNice(), before);
  });

  it('the shipped scan worker (dist/scan-worker.js) runs SCAN_WORKER_NICENESS below the thread that started it', { skip: LINUX_REASON || (!existsSync(join(REPO_ROOT, 'dist', 'scan-worker.js')) && 'dist/scan-worker.js is not built') }, async () => {
    const base = ownNice();
    const threads = threadNiceValues();
    const worker = new Worker(join(REPO_ROOT, 'dist', 'scan-worker.js'));
    try {
      // Its first statements lower it: poll until a new thread shows the value (or give up after 10 s).
      let lowered: number | undefined;
      for (let tries = 0; tries < 200 && lowered === undefined; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        lowered = [...threadNiceValues()].find(([tid, nice]) => !threads.has(tid) && nice === Math.min(19, base + SCAN_WORKER_NICENESS))?.[1];
      }
      assert.equal(lowered, Math.min(19, base + SCAN_WORKER_NICENESS));
      assert.equal(ownNice(), base);
    } finally {
      await worker.terminate();
    }
  });
});
