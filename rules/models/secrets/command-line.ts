import type { Span } from '../../engine/types';
import { judgeSecret, type SecretVerdict } from './index';

/** A word of a command line (a RUN script, a compose `command`, a Kubernetes `args` item). */
export interface CommandWord {
  value: string;
  span: Span;
}

export interface WordSecret {
  word: CommandWord;
  verdict: SecretVerdict;
  /** What the word is: `--password`, `curl -u`, `NAME=`. */
  what: string;
}

/** Commands whose `-p` is a password (`docker login -p`, `mysql -pSECRET`). */
const LOGIN_COMMANDS = new Set(['docker', 'podman', 'buildah', 'skopeo', 'helm', 'nerdctl', 'oras', 'crane', 'regctl']);
const MYSQL_COMMANDS = new Set(['mysql', 'mysqldump', 'mysqladmin', 'mariadb', 'mariadb-dump']);
/** `-u user:password` / `--user user:password` (curl), `--http-user`/`--http-password` (wget). */
const USER_PASSWORD_COMMANDS = new Set(['curl', 'wget']);
const BUILD_SECRET_SPEC = /^(?:id|src|source|type|env|target|required)=/;
const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)=([\s\S]*)$/;

/**
 * Secrets written into a command line: `--password=…`/`--token …` options, `-u user:pass`, `docker login -p`,
 * `mysql -p…`, `NAME=value` words, and provider formats in any word (`Authorization: Bearer …`, URLs with a
 * password). One verdict per word.
 */
export function secretsInCommand(commandName: string, args: readonly CommandWord[]): readonly WordSecret[] {
  // Nearly every command holds none: the list is made at the first find.
  let found: WordSecret[] | undefined;
  const isLogin = LOGIN_COMMANDS.has(commandName) && args.some((word) => word.value === 'login');
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const next = args[i + 1];
    const nextValue = next && !next.value.startsWith('-') ? next : undefined;
    const option = word.value.charCodeAt(0) === DASH ? OPTION.exec(word.value) : null;
    if (option) {
      const optionName = option[1];
      const inline: string | undefined = option[2];
      if (USER_PASSWORD_COMMANDS.has(commandName) && (optionName === 'u' || optionName === 'user' || optionName === 'proxy-user')) {
        const credentials = inline ?? nextValue?.value;
        const colon = credentials?.indexOf(':') ?? -1;
        if (credentials !== undefined && colon >= 0) found = withSecret(found, inline !== undefined ? word : nextValue, judgeSecret('password', credentials.slice(colon + 1)), `${commandName} -u`);
        if (inline === undefined) i++;
        continue;
      }
      if ((isLogin && optionName === 'p') || (optionName === 'password' && isLogin)) {
        found = withSecret(found, inline !== undefined ? word : nextValue, judgeSecret('password', inline ?? nextValue?.value ?? ''), `${commandName} login -p`);
        if (inline === undefined) i++;
        continue;
      }
      if (MYSQL_COMMANDS.has(commandName) && /^-p./.test(word.value)) {
        found = withSecret(found, word, judgeSecret('password', word.value.slice(2)), `${commandName} -p`);
        continue;
      }
      const optionValue = inline ?? (nextValue && !ASSIGNMENT.test(nextValue.value) ? nextValue.value : undefined);
      // `docker build --secret id=npm,src=…` names a secret; it does not hold one.
      const optionVerdict = optionValue === undefined || BUILD_SECRET_SPEC.test(optionValue) ? undefined : judgeSecret(optionName, optionValue);
      if (optionVerdict) {
        found = withSecret(found, inline !== undefined ? word : nextValue, optionVerdict, `--${optionName}`);
        if (inline === undefined) i++;
        continue;
      }
    }
    const assignment = ASSIGNMENT.exec(word.value);
    if (assignment) {
      found = withSecret(found, word, judgeSecret(assignment[1], assignment[2]), `${assignment[1]}=`);
      continue;
    }
    found = withSecret(found, word, judgeSecret(undefined, word.value), 'a word');
  }
  return found ?? NONE;
}

const NONE: readonly WordSecret[] = [];
const DASH = 0x2d;
const OPTION = /^--?([A-Za-z][A-Za-z0-9_-]*)(?:=([\s\S]*))?$/;

/** `found` with one more secret (made at the first); one verdict per word: a word already found is left as it is. */
function withSecret(found: WordSecret[] | undefined, word: CommandWord | undefined, verdict: SecretVerdict | undefined, what: string): WordSecret[] | undefined {
  if (!word || !verdict || found?.some((earlier) => earlier.word === word)) return found;
  (found ??= []).push({ word, verdict, what });
  return found;
}
