import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SERVER_EXEC_ARGV, serverEnvironment } from '../../client/server-launch';

describe('how the client starts the server', () => {
  it('passes --expose-gc and asks glibc for transparent huge pages (a warm start reads its scan cache into one large buffer), not a fixed mmap threshold (≈ 10 % more scan CPU)', () => {
    assert.deepEqual(SERVER_EXEC_ARGV, ['--expose-gc']);
    assert.deepEqual(serverEnvironment({ PATH: '/usr/bin', MALLOC_ARENA_MAX: '4' }), { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' });
    assert.deepEqual(serverEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }), {}, "the user's own tunables stay as they are");
  });

  it("adds a malloc setting only where the user has not set one (the user's environment is inherited)", () => {
    const settings = { MALLOC_MMAP_THRESHOLD_: '131072' };
    assert.deepEqual(serverEnvironment({ PATH: '/usr/bin', MALLOC_ARENA_MAX: '4' }, settings), settings);
    assert.deepEqual(serverEnvironment({ MALLOC_MMAP_THRESHOLD_: '65536' }, settings), {});
    assert.deepEqual(serverEnvironment({ MALLOC_MMAP_THRESHOLD_: '' }, settings), {}, 'set, even to nothing');
  });
});
