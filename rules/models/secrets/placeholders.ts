/**
 * Values that are not secrets although they sit under a secret name: references to a secret kept
 * elsewhere, placeholders waiting to be filled in, switches and numbers. Weak defaults (`changeme`,
 * `postgres`) are told apart: they are a finding of their own, never a leaked secret.
 */

export type ValueClass = 'empty' | 'reference' | 'placeholder' | 'weak' | 'literal';

/** `${VAR}`, `$VAR`, `$(VAR)` (Kubernetes), `$$` escapes, `%VAR%`, `@VAR@`, with an optional `:?`/`:+` tail. */
const WHOLE_REFERENCE = /^(?:\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[?+][^}]*)?\}|\$[A-Za-z_][A-Za-z0-9_]*|\$\$?\([A-Za-z_][A-Za-z0-9_]*\)|%[A-Za-z_][A-Za-z0-9_]*%|@[A-Za-z_][A-Za-z0-9_]*@)$/;
/** `${VAR:-default}` / `${VAR-default}`: the default is a literal written into the file, judged on its own. */
const DEFAULTED_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}$/;
/** Template engines (Helm, Go, Jinja, GitHub Actions) and command substitution: filled in elsewhere. */
const TEMPLATE = /\$\([^)]{0,256}\)|`[^`]{0,1024}`|\{%/;
/** Any variable expansion inside a longer value (`pre${X}`, `$USER:$PASS`): the value is assembled, not written. */
const EMBEDDED_REFERENCE = /\$\{?[A-Za-z_]/;
/** Secret stores and encrypted values. */
const SECRET_STORE = /^(?:(?:ref\+)?(?:vault|awssm|awsssm|awskms|gcpsm|gcpkms|azurekeyvault|sops|ssm|secretsmanager|parameterstore|op|doppler|k8s|secretref|env|file)(?::\/\/|:)|arn:aws[a-z-]*:|\{\{resolve:|@Microsoft\.KeyVault\(|projects\/[^/]+\/secrets\/|ENC\[[A-Z0-9_]+,data:|!vault\b|AgB[A-Za-z0-9+/]{200,})/i;
/** Files holding the secret, not the secret. */
const PATH = /^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\)[^\s]*$/;
const SCALAR = /^(?:true|false|yes|no|on|off|null|none|nil|undefined|enabled|disabled|\d{1,6}|\d+\.\d+)$/i;
/** Text that asks to be replaced: `<password>`, `xxxx`, `***`, `your_token`, `…EXAMPLE`, `TODO`. */
const FILL_ME_IN = [
  /^<[^<>]{1,80}>$/,
  /^\[[^[\]]{1,80}\]$/,
  /^(?:x{3,}|X{3,}|\*{3,}|•+|\.{3,}|…|-+|_+|#+|\?+|0{4,})$/,
  /x{6,}|X{6,}|\*{4,}|0{8,}/,
  /(?:^|[^a-z])(?:your|my)[-_ ]?[a-z_-]{0,40}(?:password|passwd|secret|token|key|pass|pwd|credential)/i,
  /^(?:replace|change|insert|enter|put|fill|set|add)[-_ ]?(?:me|this|it|here|[a-z_-]*here|your[a-z_-]*)$/i,
  /(?:^|[^a-z0-9])(?:placeholder|redacted|dummy|sample|example|fake|todo|fixme|tbd|notasecret|not[-_ ]?(?:a[-_ ])?(?:real[-_ ])?(?:secret|password|token))(?:[^a-z0-9]|$)/i,
  /(?:^|[^A-Za-z])(?:EXAMPLE|example)(?:KEY)?$/,
  /EXAMPLE(?:KEY)?$/,
  /^(?:secret|password|token|key|value|string|foo|bar|baz|none|empty|unset|test123)$/i,
];
/** Default credentials that ship with images and tutorials: a risk of their own, not a leak. */
const WEAK_DEFAULTS = new Set([
  'changeme', 'change_me', 'change-me', 'changeit', 'changethis', 'password', 'password1', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pass', 'pass123',
  'secret', 'admin', 'admin123', 'administrator', 'root', 'toor', 'test', 'testing', 'guest', 'default', 'demo', 'postgres', 'mysql', 'mariadb', 'redis',
  'rabbitmq', 'minioadmin', 'minio123', 'letmein', 'qwerty', '123456', '1234', '12345', '12345678', '123456789', 'abc123', 'user', 'welcome', 'mongo',
  'mongodb', 'example', 'mysecretpassword', 'secretpassword', 'supersecret', 'minio', 'elastic', 'kibana', 'grafana', 'keycloak', 'sonar', 'airflow', 'superset', 'odoo', 'wordpress', 'nextcloud', 'gitea', 'jenkins',
]);

/** Strips one level of matching quotes. */
export function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2 && (trimmed[0] === '"' || trimmed[0] === "'") && trimmed[trimmed.length - 1] === trimmed[0]) return trimmed.slice(1, -1);
  return trimmed;
}

export function isWeakDefault(value: string, name?: string): boolean {
  const lower = value.toLowerCase();
  return WEAK_DEFAULTS.has(lower) || (name !== undefined && lower.length > 0 && lower === name.toLowerCase());
}

/** True for values that only point at or stand in for a secret. */
export function isPlaceholder(value: string): boolean {
  return SCALAR.test(value) || PATH.test(value) || SECRET_STORE.test(value) || FILL_ME_IN.some((pattern) => pattern.test(value));
}

/**
 * The value a text writes: unquoted, and `${VAR:-default}` read as its default (`emptyDefault` when that
 * default is empty: the value is then the reference itself).
 */
export function writtenValue(raw: string): { value: string; emptyDefault: boolean } {
  const value = writtenText(raw);
  return { value, emptyDefault: DEFAULTED_REFERENCE.exec(value)?.[1] === '' };
}

/** `writtenValue(raw).value` without the object: asked of every word of every command line. */
export function writtenText(raw: string): string {
  let value = unquote(raw);
  for (let defaulted = DEFAULTED_REFERENCE.exec(value); defaulted; defaulted = DEFAULTED_REFERENCE.exec(value)) {
    // An empty default leaves the reference itself as the value.
    if (defaulted[1] === '') return value;
    value = unquote(defaulted[1]);
  }
  return value;
}

/**
 * Sorts a (quoted or not) value into the classes above. `${VAR:-default}` is judged by its default.
 * `name` lets a value equal to its own variable name count as a weak default (`ADMIN_PASSWORD=admin_password`).
 */
export function classifyValue(raw: string, name?: string): { class: ValueClass; value: string } {
  const { value, emptyDefault } = writtenValue(raw);
  if (value === '') return { class: 'empty', value };
  if (emptyDefault) return { class: 'reference', value };
  if (WHOLE_REFERENCE.test(value) || (value.includes('{{') && value.includes('}}')) || TEMPLATE.test(value) || EMBEDDED_REFERENCE.test(value) || value.startsWith('$$')) return { class: 'reference', value };
  if (isWeakDefault(value, name)) return { class: 'weak', value };
  if (isPlaceholder(value)) return { class: 'placeholder', value };
  return { class: 'literal', value };
}
