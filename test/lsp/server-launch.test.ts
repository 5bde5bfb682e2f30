import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SERVER_EXEC_ARGV, serverEnvironment } from '../../client/server-launch';

describe('how the client starts the server', () => {
  it('passes --expose-gc and, by default, no malloc settings (the fixed mmap threshold cost the scan ≈ 10 % CPU)', () => {
    assert.deepEqual(SERVER_EXEC_ARGV, ['--expose-gc']);
    assert.deepEqual(serverEnvironment({ PATH: '/usr/bin', MALLOC_ARENA_MAX: '4' }), {});
  });

  it("adds a malloc setting only where the user has not set one (the user's environment is inherited)", () => {
    const settings = { MALLOC_MMAP_THRESHOLD_: '131072' };
    assert.deepEqual(serverEnvironment({ PATH: '/usr/bin', MALLOC_ARENA_MAX: '4' }, settings), settings);
    assert.deepEqual(serverEnvironment({ MALLOC_MMAP_THRESHOLD_: '65536' }, settings), {});
    assert.deepEqual(serverEnvironment({ MALLOC_MMAP_THRESHOLD_: '' }, settings), {}, 'set, even to nothing');
  });
});
