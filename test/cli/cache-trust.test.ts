import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import { cacheSigningKey, configHome } from '../../server/cli/cache-key';
import { FORGED, TEST_CACHE_KEY, forge, rewriteCache } from '../helpers/cache-file';
import { run, workspace } from '../helpers/cli';

const DOCKERFILE = 'FROM alpine\nUSER root\n';
const NOT_SIGNED = /^stridelint: the cache \.stridelint-cache was not used: not signed with this machine’s cache key \(written elsewhere, or altered\); it will be rewritten\.\n$/;

/** An environment without STRIDELINT_CACHE_KEY whose configuration folder is a new temporary one. */
function keyFileEnv(): { env: NodeJS.ProcessEnv; keyFile: string } {
  const config = mkdtempSync(join(tmpdir(), 'stridelint-config-'));
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: config };
  delete env.STRIDELINT_CACHE_KEY;
  return { env, keyFile: join(config, 'stridelint', 'cache-key') };
}

/** A workspace, its uncached output and a warm cache written with `env`'s key. */
function cachedWorkspace(env?: NodeJS.ProcessEnv): { root: string; file: string; cold: ReturnType<typeof run> } {
  const root = workspace({ 'a/Dockerfile': DOCKERFILE });
  const cold = run(['--format', 'json'], root);
  const first = run(['--format', 'json', '--cache'], root, env);
  assert.equal(first.stderr, '');
  assert.equal(first.stdout, cold.stdout);
  return { root, file: join(root, '.stridelint-cache'), cold };
}

describe('stridelint --cache: a cache a repository cannot forge', () => {
  it('uses a cache signed with its key (the forged message shows), and ignores one signed with another key', () => {
    const { root, file, cold } = cachedWorkspace();
    rewriteCache(file, forge);
    assert.ok(run(['--format', 'json', '--cache'], root).stdout.includes(FORGED), 'signed with the run’s key: used (the tests can tell)');
    rewriteCache(file, forge, { key: 'another machine’s key, not this one' });
    const forged = run(['--format', 'json', '--cache'], root);
    assert.equal(forged.stdout, cold.stdout, 'the output is as without a cache');
    assert.equal(forged.code, cold.code);
    assert.match(forged.stderr, NOT_SIGNED);
    const again = run(['--format', 'json', '--cache'], root);
    assert.equal(again.stderr, '', 'rewritten with this key, so the next run reads it');
    assert.equal(again.stdout, cold.stdout);
  });

  it('ignores a cache with a valid CRC-32 and length (the old check) and no signature', () => {
    const { root, file, cold } = cachedWorkspace();
    rewriteCache(file, forge, { keepChecksum: true });
    const data = readFileSync(file);
    const newline = data.indexOf(10);
    const body = data.subarray(newline + 1);
    const header = JSON.parse(data.toString('utf8', 0, newline)) as Record<string, unknown>;
    delete header.hmac;
    Object.assign(header, { crc32: crc32(body), length: body.length });
    writeFileSync(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
    const forged = run(['--format', 'json', '--cache'], root);
    assert.equal(forged.stdout, cold.stdout);
    assert.match(forged.stderr, NOT_SIGNED);
  });

  it('ignores a cache another machine wrote with its own key (as a repository could ship it)', () => {
    const { root, cold } = cachedWorkspace({ ...process.env, STRIDELINT_CACHE_KEY: 'the key of the repository author’s machine' });
    rewriteCache(join(root, '.stridelint-cache'), forge, { key: 'the key of the repository author’s machine' });
    const here = run(['--format', 'json', '--cache'], root);
    assert.equal(here.stdout, cold.stdout);
    assert.match(here.stderr, NOT_SIGNED);
  });

  it('ignores a truncated cache, even cut at a line’s end', () => {
    const root = workspace({ 'a/Dockerfile': DOCKERFILE, 'b/Dockerfile': DOCKERFILE });
    const cold = run(['--format', 'json'], root);
    run(['--format', 'json', '--cache'], root);
    const file = join(root, '.stridelint-cache');
    rewriteCache(file, forge);
    const text = readFileSync(file, 'utf8');
    const lastLine = text.lastIndexOf('\n', text.length - 2);
    writeFileSync(file, text.slice(0, lastLine + 1));
    const truncated = run(['--format', 'json', '--cache'], root);
    assert.equal(truncated.stdout, cold.stdout, 'no entry of the truncated file is used');
    assert.match(truncated.stderr, NOT_SIGNED);
  });

  it('makes a key file of mode 0600 in the user’s configuration folder on first use, and signs with it', () => {
    const { env, keyFile } = keyFileEnv();
    const { root, file } = cachedWorkspace(env);
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    assert.equal(statSync(join(keyFile, '..')).mode & 0o777, 0o700);
    const key = readFileSync(keyFile, 'utf8');
    assert.match(key, /^[0-9a-f]{64}\n$/);
    rewriteCache(file, forge, { key: Buffer.from(key.trim(), 'hex') });
    const warm = run(['--format', 'json', '--cache'], root, env);
    assert.equal(warm.stderr, '');
    assert.ok(warm.stdout.includes(FORGED), 'signed with the key file’s key: used');
    assert.equal(readFileSync(keyFile, 'utf8'), key, 'the key is kept');
    rewriteCache(file, forge, { key: TEST_CACHE_KEY });
    assert.match(run(['--format', 'json', '--cache'], root, env).stderr, NOT_SIGNED, 'another key’s signature is refused');
  });

  it('does not use a key file other users can read or write, nor one that is not a key: --cache is off, with a notice', () => {
    const { env, keyFile } = keyFileEnv();
    const { root, file, cold } = cachedWorkspace(env);
    const signed = readFileSync(file);
    for (const mode of [0o644, 0o620, 0o604]) {
      chmodSync(keyFile, mode);
      const result = run(['--format', 'json', '--cache'], root, env);
      assert.equal(result.stdout, cold.stdout);
      assert.equal(result.stderr, `stridelint: --cache is off for this run: the key file ${keyFile} can be read or written by other users (mode 0${mode.toString(8)}; \`chmod 600\` it).\n`);
      assert.deepEqual(readFileSync(file), signed, 'the cache is neither read nor rewritten');
    }
    chmodSync(keyFile, 0o600);
    if (process.getuid?.() === 0) {
      // Only root can give the file to another user: the ownership check runs where the tests run as root.
      chownSync(keyFile, 65534, 65534);
      assert.match(run(['--format', 'json', '--cache'], root, env).stderr, /--cache is off for this run: the key file .* belongs to another user\.\n$/);
      chownSync(keyFile, 0, 0);
    }
    writeFileSync(keyFile, 'short\n');
    assert.match(run(['--format', 'json', '--cache'], root, env).stderr, /--cache is off for this run: the key file .* does not hold a key \(64 hex digits\)\.\n$/);
    rmSync(keyFile);
    mkdirSync(keyFile);
    const directory = run(['--format', 'json', '--cache'], root, env);
    assert.equal(directory.stdout, cold.stdout);
    assert.match(directory.stderr, /--cache is off for this run: the key file .* is not a regular file\.\n$/);
  });

  it('runs without the cache, with a notice, when no key file can be made (the configuration folder is not a folder)', () => {
    const { env } = keyFileEnv();
    const notAFolder = join(env.XDG_CONFIG_HOME as string, 'file');
    writeFileSync(notAFolder, 'a file\n');
    const root = workspace({ 'a/Dockerfile': DOCKERFILE });
    const cold = run(['--format', 'json'], root);
    const result = run(['--format', 'json', '--cache'], root, { ...env, XDG_CONFIG_HOME: notAFolder });
    assert.equal(result.code, cold.code);
    assert.equal(result.stdout, cold.stdout);
    assert.match(result.stderr, /^stridelint: --cache is off for this run: the key file .*file\/stridelint\/cache-key cannot be used \(.*ENOTDIR.*\)\.\n$/);
    assert.throws(() => statSync(join(root, '.stridelint-cache')), { code: 'ENOENT' }, 'no unsigned cache is written');
  });

  it('takes STRIDELINT_CACHE_KEY before the key file (CI moving its cache), and refuses a short one', () => {
    const { env, keyFile } = keyFileEnv();
    const given = { ...env, STRIDELINT_CACHE_KEY: 'a CI secret of enough length' };
    const { root, file, cold } = cachedWorkspace(given);
    assert.throws(() => statSync(keyFile), { code: 'ENOENT' }, 'no key file is made');
    rewriteCache(file, forge, { key: 'a CI secret of enough length' });
    assert.ok(run(['--format', 'json', '--cache'], root, given).stdout.includes(FORGED));
    const short = run(['--format', 'json', '--cache'], root, { ...env, STRIDELINT_CACHE_KEY: 'too short' });
    assert.equal(short.stdout, cold.stdout);
    assert.equal(short.stderr, 'stridelint: --cache is off for this run: STRIDELINT_CACHE_KEY is shorter than 16 characters.\n');
  });

  it('finds the configuration folder as each platform keeps it', () => {
    assert.equal(configHome({ XDG_CONFIG_HOME: '/x/config', HOME: '/home/u' }, 'linux'), '/x/config');
    assert.equal(configHome({ XDG_CONFIG_HOME: 'relative', HOME: '/home/u' }, 'linux'), join('/home/u', '.config'), 'a relative XDG_CONFIG_HOME is ignored (the spec says so)');
    assert.equal(configHome({ HOME: '/Users/u' }, 'darwin'), join('/Users/u', 'Library', 'Application Support'));
    assert.equal(configHome({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32'), 'C:\\Users\\u\\AppData\\Roaming');
    const { env } = keyFileEnv();
    const first = cacheSigningKey(env);
    const second = cacheSigningKey(env);
    assert.ok('key' in first && 'key' in second && first.key.equals(second.key) && first.key.length === 32, 'one key, made once');
  });
});
