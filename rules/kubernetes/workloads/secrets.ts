/**
 * What looks like a secret (rule-catalog D13, shared by kubernetes/hardcoded-secret): variable names and
 * values that are key material. Values are only ever shown masked.
 */

/** A secret word ending a name or one of its `_` segments (`DB_PASSWORD`, `PGPASSWORD`, `DB_PASS_2`, `API_KEY_PROD`; not `MAX_TOKENS`). */
const SECRET_WORD = /(?:password|passwd|pwd|secret|token|api_?key|client_?key|access_?key|private_?key|credentials?)(?:_|$)|(?:^|_)pass(?:_|$)/;
/** Names that hold a reference to a secret or a setting about one, not the secret itself. */
const REFERENCE_SUFFIX = /_(?:file|path|dir|name|ref|url|uri|endpoint|length|ttl|expiry|expiration|header|mount|type|id|version|enabled)$/;
const SETTING_NAME = /^(?:allow_empty|random_root|.*_allow_empty)_/;

export function isSecretName(name: string): boolean {
  const normal = name.toLowerCase().replace(/[-.]/g, '_');
  return SECRET_WORD.test(normal) && !REFERENCE_SUFFIX.test(normal) && !SETTING_NAME.test(normal);
}

const KEY_MATERIAL: ReadonlyArray<[RegExp, string]> = [
  [/-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/, 'a private key'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
];

/** What kind of key material a value holds, if any. */
export function keyMaterial(value: string): string | undefined {
  return KEY_MATERIAL.find(([pattern]) => pattern.test(value))?.[1];
}

/** A literal worth reporting: not empty, not a `$(VAR)` or `${VAR}` reference, a switch, a file path or a `<placeholder>`. */
export function isLiteralSecretValue(value: string): boolean {
  const trimmed = value.trim();
  return trimmed !== '' && !/^\$[({][A-Za-z_][A-Za-z0-9_]*[)}]$/.test(trimmed) && !/^(?:true|false|yes|no|[01])$/i.test(trimmed) && !trimmed.startsWith('/') && !/^<[^>]*>$/.test(trimmed);
}

/** At most the first four characters, and never more than half of the value. */
export function mask(value: string): string {
  return `${value.slice(0, Math.min(4, Math.floor(value.length / 2)))}…`;
}
