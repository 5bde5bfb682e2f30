import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, linkSync, mkdirSync, openSync, readSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** The environment variable that gives the key itself (CI restoring its cache on another machine). */
export const CACHE_KEY_VARIABLE = 'STRIDELINT_CACHE_KEY';
/** Shorter than this, a key given in the environment could be guessed: it is refused. */
const MIN_KEY_LENGTH = 16;
/** The key file holds 32 random bytes as hex; more is never read. */
const KEY_FILE_BYTES = 256;

export type CacheKey = { key: Buffer; source: string } | { error: string };

/**
 * The key that signs the CLI's cache (an HMAC over its body): a file the workspace cannot write, so a cache a
 * repository ships (it lives in the workspace by default) is never trusted. From `STRIDELINT_CACHE_KEY` when set
 * (for CI that moves its cache between machines); else from the file `stridelint/cache-key` in the user's
 * configuration folder, made with 32 random bytes and mode 0600 on first use. A key file that another user could
 * read or write (or that another user owns) is not used: whoever can read it can sign a cache.
 */
export function cacheSigningKey(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): CacheKey {
  const given = env[CACHE_KEY_VARIABLE];
  if (given !== undefined && given !== '') {
    return given.length >= MIN_KEY_LENGTH ? { key: Buffer.from(given), source: CACHE_KEY_VARIABLE } : { error: `${CACHE_KEY_VARIABLE} is shorter than ${MIN_KEY_LENGTH} characters` };
  }
  let file = 'stridelint/cache-key';
  try {
    const folder = join(configHome(env, platform), 'stridelint');
    file = join(folder, 'cache-key');
    return { key: readKeyFile(file, platform) ?? createKeyFile(folder, file, platform), source: file };
  } catch (error) {
    return { error: error instanceof KeyFileError ? error.message : `the key file ${file} cannot be used (${(error as Error).message})` };
  }
}

/** The user's configuration folder: %APPDATA% on Windows, else $XDG_CONFIG_HOME (absolute) or the platform's. */
export function configHome(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'win32') return env.APPDATA || join(env.USERPROFILE || homedir(), 'AppData', 'Roaming');
  if (env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME)) return env.XDG_CONFIG_HOME;
  const home = env.HOME || homedir();
  return platform === 'darwin' ? join(home, 'Library', 'Application Support') : join(home, '.config');
}

class KeyFileError extends Error {}

/** The key in `file`, checked (a regular file of this user's, mode 0600 or stricter); undefined when there is none. */
function readKeyFile(file: string, platform: NodeJS.Platform): Buffer | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const stat = fstatSync(descriptor);
    if (!stat.isFile()) throw new KeyFileError(`the key file ${file} is not a regular file`);
    if (platform !== 'win32') {
      if (process.getuid && stat.uid !== process.getuid()) throw new KeyFileError(`the key file ${file} belongs to another user`);
      if ((stat.mode & 0o077) !== 0) throw new KeyFileError(`the key file ${file} can be read or written by other users (mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')}; \`chmod 600\` it)`);
    }
    const buffer = Buffer.alloc(KEY_FILE_BYTES);
    const length = readSync(descriptor, buffer, 0, KEY_FILE_BYTES, 0);
    const text = buffer.toString('latin1', 0, length).trim();
    if (!/^[0-9a-f]{64}$/.test(text)) throw new KeyFileError(`the key file ${file} does not hold a key (64 hex digits)`);
    return Buffer.from(text, 'hex');
  } finally {
    closeSync(descriptor);
  }
}

/**
 * A new key file, written whole to a temporary file (mode 0600) and linked to its name: a concurrent run either
 * makes the file first (its key is read then) or finds it complete; a partly written key is never read.
 */
function createKeyFile(folder: string, file: string, platform: NodeJS.Platform): Buffer {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = readKeyFile(file, platform);
    if (!existing) throw error;
    return existing;
  } finally {
    unlinkSync(temporary);
  }
  return key;
}
