import { isSyntheticValue } from '../helm/functions/sprig-crypto';
import { maskSecret } from './mask';
import { nameWords, secretNameClass } from './names';
import { classifyValue, writtenText } from './placeholders';
import { findValuePatterns, mayHoldValuePattern, type ValueMatch } from './values';

export { maskSecret } from './mask';
export { isSecretName, nameWords, secretNameClass } from './names';
export { classifyValue, isPlaceholder, isWeakDefault, unquote } from './placeholders';
export { findValuePatterns, VALUE_PATTERNS, type ValuePattern } from './values';

/**
 * The one secret detector every kind's rules call: give it what a file writes (a name, when there is one,
 * and the value as written) and it says whether that is a leaked secret, a weak default credential, or
 * nothing. Provider formats win over names; names alone need a literal that is no reference or placeholder.
 */
export type SecretVerdict =
  | {
      verdict: 'secret';
      /** A provider format id (`github-pat`) or `secret-name` when only the name says so. */
      type: string;
      /** "a GitHub personal access token", "a literal password". */
      label: string;
      /** Safe to print. */
      masked: string;
      /** A provider format is certain; a name with a literal is likely. */
      certain: boolean;
    }
  | { verdict: 'weak'; label: string; masked: string };

function maskMatch(match: ValueMatch): string {
  if (match.pattern.id === 'url-credentials') return `${match.match.slice(0, match.start - match.matchStart)}••••@…`;
  const prefix = match.pattern.prefix?.exec(match.secret)?.[0];
  return maskSecret(match.secret, prefix);
}

/** Where a file writes a secret or a weak default, for the rule that reports it. */
export interface SecretSighting {
  span: import('../../engine/types').Span;
  verdict: SecretVerdict;
  /** What holds it, for messages: `ENV AWS_ACCESS_KEY_ID`, `environment DB_PASSWORD`, `curl -u`. */
  subject: string;
}

/** Words that, inside a value, show the value is the name of a secret (a file, a Secret, a store key). */
const SECRET_NOUNS = new Set(['creds', 'credentials', 'secret', 'secrets', 'password', 'passwd', 'key', 'keystore', 'truststore', 'token', 'pass']);

/** `destKafka1_keystore_creds`, `db-password`, `app.secret.key`: an identifier naming a secret, not one. */
function namesASecret(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]*(?:[_.-][A-Za-z0-9]+)+$/.test(value) && nameWords(value).some((word) => SECRET_NOUNS.has(word));
}

/** Key and token names need a value long enough to be one; passwords can be short words. */
const MIN_KEY_LENGTH = 8;

export function judgeSecret(name: string | undefined, raw: string): SecretVerdict | undefined {
  // Nearly every word of a command line has no provider format and no secret's name: answered before the
  // value's classification (a dozen patterns) is worked out, with the same verdict the full path gives.
  if (!mayHoldValuePattern(writtenText(raw)) && (name === undefined || !secretNameClass(name))) return undefined;
  const { class: valueClass, value } = classifyValue(raw, name);
  if (valueClass === 'empty') return undefined;
  // A Helm render puts fixed placeholders where Sprig would generate keys and passwords at install time.
  if (isSyntheticValue(value)) return undefined;
  for (const match of findValuePatterns(value)) {
    const part = classifyValue(match.secret, name).class;
    if (part === 'weak') return { verdict: 'weak', label: `a default password in ${match.pattern.label.replace(/^a password inside /, '')}`, masked: maskMatch(match) };
    if (part === 'literal') return { verdict: 'secret', type: match.pattern.id, label: match.pattern.label, masked: maskMatch(match), certain: true };
  }
  if (name === undefined || valueClass === 'reference' || valueClass === 'placeholder') return undefined;
  const nameClass = secretNameClass(name);
  if (!nameClass) return undefined;
  if (valueClass === 'weak') return { verdict: 'weak', label: 'a well-known default credential', masked: maskSecret(value) };
  if (nameClass === 'key' && (value.length < MIN_KEY_LENGTH || /\s/.test(value))) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^@]*$/i.test(value)) return undefined; // a URL without credentials under a token-ish name
  if (namesASecret(value)) return undefined;
  return { verdict: 'secret', type: 'secret-name', label: nameClass === 'password' ? 'a literal password' : 'a literal secret', masked: maskSecret(value), certain: false };
}
