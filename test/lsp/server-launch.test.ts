import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SERVER_EXEC_ARGV, serverEnvironment } from '../../client/server-launch';

describe('how the client starts the server', () => {
  it('adds the malloc settings to the environment', () => {
    assert.deepEqual(serverEnvironment({ PATH: '/usr/bin', MALLOC_ARENA_MAX: '4' }), { MALLOC_MMAP_THRESHOLD_: '131072' });
    assert.deepEqual(SERVER_EXEC_ARGV, ['--expose-gc']);
  });

  it("keeps a user's own malloc settings", () => {
    assert.deepEqual(serverEnvironment({ MALLOC_MMAP_THRESHOLD_: '65536' }), {});
    assert.deepEqual(serverEnvironment({ MALLOC_MMAP_THRESHOLD_: '' }), {}, 'set, even to nothing');
  });
});
