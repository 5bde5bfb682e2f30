/**
 * Which variable and key names hold a secret. One list for every kind: a name is split into words
 * (camelCase and `_ - . space`), then judged by its words, not by substrings, so `MAX_TOKENS`,
 * `SSH_AUTH_SOCK` and `GOPRIVATE` stay quiet while `PGPASSWORD` and `AWS_ACCESS_KEY_ID` do not.
 */

/** How strongly a name says "secret": `password` names hold any literal, `key`/`token` names need a longer one. */
export type SecretNameClass = 'password' | 'key';

/** Well-known names, exact (case-insensitive, `-`/`.` read as `_`), whatever the word rules below say. */
const KNOWN_SECRET_NAMES: ReadonlyMap<string, SecretNameClass> = new Map([
  ['aws_access_key_id', 'key'],
  ['aws_secret_access_key', 'key'],
  ['aws_session_token', 'key'],
  ['pgpassword', 'password'],
  ['mysql_pwd', 'password'],
  ['splunk_token', 'key'],
  ['identitytoken', 'key'],
  ['registrytoken', 'key'],
]);

/** Words that make a name a secret on their own. */
const PASSWORD_WORDS = new Set(['password', 'passwd', 'passphrase', 'passcode', 'pwd', 'pass', 'pw']);
const KEY_WORDS = new Set(['secret', 'secrets', 'token', 'credential', 'credentials', 'creds', 'apikey', 'privatekey', 'accesskey', 'secretkey', 'authtoken', 'clientsecret']);
/** `key` alone is too common (`GPG_KEY`, `CACHE_KEY`); after one of these words it is key material. */
const KEY_QUALIFIERS = new Set([
  'api', 'access', 'secret', 'private', 'signing', 'encryption', 'encrypt', 'client', 'auth', 'master', 'service', 'account',
  'db', 'database', 'license', 'app', 'ssh', 'session', 'webhook', 'hmac', 'jwt', 'cookie', 'storage', 'shared', 'admin', 'crypt', 'cipher',
]);
/** Glued spellings (`PGPASSWORD`, `MYAPIKEY`, `clientSecret` already splits): a word ending in one of these counts. */
const GLUED_ENDINGS = /(?:password|passwd|passphrase|secret|token|apikey|privatekey|accesskey|secretkey|accountkey|storagekey|signingkey|encryptionkey|masterkey|clientkey|authkey)$/;
/**
 * A last word that makes the name describe a secret instead of holding one: where it is (`_FILE`, `_PATH`,
 * `_URL`), what it is called (`_NAME`, `_ID`), a setting about it (`_TTL`, `_LENGTH`, `_ENABLED`), or who
 * uses it (`_USER`: user names are not secrets).
 */
const DESCRIBING_LAST_WORDS = new Set([
  'file', 'files', 'path', 'dir', 'directory', 'location', 'name', 'names', 'id', 'ids', 'url', 'uri', 'endpoint', 'host', 'hostname', 'server', 'port',
  'length', 'len', 'size', 'min', 'max', 'ttl', 'expiry', 'expires', 'expiration', 'lifetime', 'timeout', 'age', 'type', 'mode', 'method', 'algorithm', 'algo',
  'format', 'header', 'prefix', 'suffix', 'field', 'enabled', 'enable', 'disabled', 'disable', 'required', 'require', 'allow', 'allowed', 'skip', 'verify',
  'insecure', 'version', 'count', 'limit', 'sock', 'socket', 'policy', 'provider', 'backend', 'ref', 'source', 'hint', 'regex', 'pattern', 'user', 'username',
  'login', 'email', 'issuer', 'audience', 'scope', 'scopes', 'realm', 'hash', 'digest', 'checksum', 'fingerprint', 'public', 'keyring', 'keyserver', 'store',
  'mount', 'volume', 'env', 'var', 'vars', 'key' /* judged separately below */, 'rotation', 'interval', 'stdin', 'prompt', 'command', 'cmd', 'helper', 'manager', 'ref', 'refs', 'selector', 'retries', 'strength', 'complexity', 'reset', 'generator',
]);
/** Any of these words anywhere makes the name a non-secret (`STRIPE_PUBLISHABLE_KEY`, `GPG_KEY`, `CSRF_TOKEN`, `MAX_TOKENS`). */
const NEVER_SECRET_WORDS = new Set(['public', 'publishable', 'pub', 'gpg', 'pgp', 'csrf', 'xsrf', 'tokenizer', 'tokens', 'max', 'min', 'allow', 'random', 'empty', 'generate', 'kms', 'fingerprint', 'passthrough', 'bypass']);

/** `dbPassword_FILE` → `['db', 'password', 'file']`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** Names judged so far (a file asks about the same option and variable names again and again); bounded in count and length. */
const judgedNames = new Map<string, SecretNameClass | null>();
const MAX_JUDGED_NAMES = 4096;
const MAX_JUDGED_NAME_LENGTH = 100;

/** Whether a name holds a secret, and how strongly it says so; undefined for every other name. */
export function secretNameClass(name: string): SecretNameClass | undefined {
  if (name.length > MAX_JUDGED_NAME_LENGTH) return judgeName(name);
  const known = judgedNames.get(name);
  if (known !== undefined) return known ?? undefined;
  if (judgedNames.size >= MAX_JUDGED_NAMES) judgedNames.clear();
  const judged = judgeName(name);
  judgedNames.set(name, judged ?? null);
  return judged;
}

function judgeName(name: string): SecretNameClass | undefined {
  const words = nameWords(name);
  if (words.length === 0) return undefined;
  const known = KNOWN_SECRET_NAMES.get(words.join('_'));
  if (known) return known;
  if (words.some((word) => NEVER_SECRET_WORDS.has(word))) return undefined;
  const last = words[words.length - 1];
  if (last !== 'key' && DESCRIBING_LAST_WORDS.has(last)) return undefined;
  if (words.some((word) => PASSWORD_WORDS.has(word) || (word.length > 8 && /(?:password|passwd)$/.test(word)))) return 'password';
  if (words.some((word) => KEY_WORDS.has(word) || GLUED_ENDINGS.test(word))) return 'key';
  const keyAt = words.lastIndexOf('key');
  if (keyAt > 0 && words.slice(0, keyAt).some((word) => KEY_QUALIFIERS.has(word))) return 'key';
  return undefined;
}

export function isSecretName(name: string): boolean {
  return secretNameClass(name) !== undefined;
}
