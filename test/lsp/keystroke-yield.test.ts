// Work that yields to the event loop (a workspace scan's slices, the cache save) lets the lints of keystrokes read
// meanwhile run first (server/lsp/workspace-scan.ts): a yield does not end while a keystroke's lint is due.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keystrokeLintDue, yieldToEventLoop } from '../../server/lsp/workspace-scan';

/** A yield started now, and whether it has ended, after `turns` turns of the event loop. */
async function yieldAfter(turns: number): Promise<boolean> {
  let ended = false;
  void yieldToEventLoop().then(() => (ended = true));
  for (let i = 0; i < turns && !ended; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  return ended;
}

describe('a scan yields to due keystroke lints', () => {
  it('a yield ends after one turn when no lint is due', async () => {
    assert.equal(await yieldAfter(2), true);
  });

  it('a yield waits while a lint is due and ends once it is done (a second done changes nothing)', async () => {
    const done = keystrokeLintDue();
    let ended = false;
    void yieldToEventLoop().then(() => (ended = true));
    for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(ended, false);
    done();
    done();
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(ended, true);
    // Nothing is left due: the next yield is one turn again.
    assert.equal(await yieldAfter(2), true);
  });

  it('a lint that never runs holds a yield for a bounded number of turns only', async () => {
    const done = keystrokeLintDue();
    const ended = await yieldAfter(200);
    done();
    assert.equal(ended, true);
  });
});
