import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasOwnScavengeFlag, hasSpareCore, holdSerialScavenges } from '../../server/shared/v8-scavenges';

describe('serial scavenges while lint threads take every core', () => {
  it('a thread per core leaves no core spare; fewer threads than cores do', () => {
    assert.equal(hasSpareCore(2, 2), false); // the server's 2 workers on 2 cores; the CLI's worker and its own thread
    assert.equal(hasSpareCore(4, 2), false);
    assert.equal(hasSpareCore(2, 4), true);
    assert.equal(hasSpareCore(4, 8), true);
  });

  it('serial while any hold lasts, parallel again when the last lets go; a second release of one hold changes nothing', () => {
    const flags: string[] = [];
    const setFlags = (flag: string) => flags.push(flag);
    const first = holdSerialScavenges([], setFlags);
    const second = holdSerialScavenges([], setFlags);
    assert.deepEqual(flags, ['--no-parallel-scavenge']);
    first();
    first();
    assert.deepEqual(flags, ['--no-parallel-scavenge']);
    second();
    assert.deepEqual(flags, ['--no-parallel-scavenge', '--parallel-scavenge']);
    holdSerialScavenges([], setFlags)();
    assert.deepEqual(flags.slice(2), ['--no-parallel-scavenge', '--parallel-scavenge']);
  });

  it('node started with its own choice keeps it', () => {
    for (const own of ['--parallel-scavenge', '--no-parallel-scavenge', '--no-parallel_scavenge', '--single-threaded-gc', '--single-threaded']) {
      assert.equal(hasOwnScavengeFlag(['--expose-gc', own]), true, own);
      const flags: string[] = [];
      holdSerialScavenges(['--expose-gc', own], (flag) => flags.push(flag))();
      assert.deepEqual(flags, [], own);
    }
    assert.equal(hasOwnScavengeFlag(['--expose-gc', '--parallel-scavenge-task-trigger=2']), false);
  });
});
