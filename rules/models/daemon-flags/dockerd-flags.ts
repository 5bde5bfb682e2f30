import type { Span } from '../../engine/types';
import { DAEMON_KEYS, IGNORED_KEYS, REMOVED_KEYS } from '../daemon-schema';
import type { Word } from './words';

/** dockerd's one-letter flags and the long flag each stands for. */
const SHORTHANDS: Record<string, string> = { H: 'host', D: 'debug', l: 'log-level', b: 'bridge', G: 'group', p: 'pidfile', g: 'graph', s: 'storage-driver' };
/** Boolean flags that are no daemon.json key (they take no value either). */
const BOOLEAN_ONLY = new Set(['help', 'h', 'version', 'v', 'validate']);

export type FlagValueType = 'boolean' | 'string' | 'integer' | 'array' | 'object';

/** One dockerd flag as written, and the daemon.json key it sets (dockerd's own mapping). */
export interface DaemonFlag {
  /** As written, without dashes: `H`, `host`, `icc`. */
  name: string;
  /** The daemon.json key: `hosts` for `-H`, `log-opts` for `--log-opt`; `proxies.http-proxy` for `--http-proxy`. */
  key: string;
  type: FlagValueType;
  /** The value: `true` for a bare boolean flag. */
  value: string;
  form: 'equals' | 'separate' | 'bare' | 'attached';
  /** The word holding the flag name (and, for `equals`/`attached`, its value). */
  word: Word;
  /** The separate value word of `--flag value`. */
  valueWord?: Word;
  /** Every character of the flag, name to value. */
  span: Span;
  /** `-H` or `--host`: how the flag was spelled, kept when the fix rewrites it. */
  dashes: '-' | '--';
}

/** Which program a command line starts, and where its arguments begin. */
export interface RecognisedCommand {
  program: 'dockerd' | 'kubelet';
  /** The word that names the program (findings about the whole daemon sit there). */
  executable: Word;
  /** Index of the first argument. */
  argumentsFrom: number;
  /** `dockerd-current`: Red Hat's patched daemon, which has flags upstream does not know. */
  patched: boolean;
}

/** Recognises `dockerd`, `docker daemon`, `/usr/bin/dockerd-current` and `kubelet` (also after systemd's `-@+!:` prefixes). */
export function recogniseCommand(words: readonly Word[]): RecognisedCommand | undefined {
  let first = 0;
  const prefix = /^[-@:+!]+/.exec(words[0]?.value ?? '')?.[0] ?? '';
  if (prefix.includes('@')) first = 1; // `@/usr/bin/dockerd dockerd …`: the second word is argv[0]
  const path = (words[0]?.value ?? '').slice(prefix.length);
  const name = path.slice(path.lastIndexOf('/') + 1);
  const executable = words[0];
  if (!executable) return undefined;
  if (name === 'dockerd' || name === 'dockerd-current') return { program: 'dockerd', executable, argumentsFrom: first + 1, patched: name === 'dockerd-current' };
  if ((name === 'docker' || name === 'docker-current') && words[first + 1]?.value === 'daemon') return { program: 'dockerd', executable, argumentsFrom: first + 2, patched: name === 'docker-current' };
  if (name === 'kubelet') return { program: 'kubelet', executable, argumentsFrom: first + 1, patched: false };
  return undefined;
}

/** The daemon.json key and type a long flag name sets; undefined for a flag dockerd does not have. */
export function flagKey(name: string): { key: string; type: FlagValueType } | undefined {
  const alias = IGNORED_KEYS[name];
  const key = alias === undefined ? name : alias;
  if (key === '') return undefined;
  const top = key.split('.')[0];
  const schema = DAEMON_KEYS[top];
  if (key.includes('.')) return { key, type: 'string' };
  if (schema) return { key, type: (schema.type as FlagValueType | undefined) ?? 'object' };
  if (REMOVED_KEYS[key]) return { key, type: key === 'api-enable-cors' || key === 'disable-legacy-registry' ? 'boolean' : key === 'oom-score-adjust' ? 'integer' : 'string' };
  return undefined;
}

/**
 * Reads dockerd's arguments as its flag parser (pflag) does: `--name=value`, `--name value`, a bare boolean
 * (`--icc`; `--icc false` does not consume `false`), `-H value`, `-Hvalue`, `-H=value`; `--` ends the flags.
 * Unknown flags are returned with `key` = their name and type string, so that they can be reported.
 */
export function parseDockerdFlags(words: readonly Word[]): { flags: DaemonFlag[]; unknown: Word[] } {
  const flags: DaemonFlag[] = [];
  const unknown: Word[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    const written = word.value;
    if (written === '--') break;
    const long = /^--([A-Za-z0-9][A-Za-z0-9-]*)(=)?/.exec(written);
    const short = long ? undefined : /^-([A-Za-z])(=)?/.exec(written);
    if (!long && !short) continue; // a positional argument: dockerd refuses it, nothing to judge
    const name = long ? long[1] : SHORTHANDS[short![1]] ?? short![1];
    const dashes = long ? '--' : '-';
    const target = flagKey(name);
    if (!target) {
      if (!BOOLEAN_ONLY.has(name)) unknown.push(word);
      continue;
    }
    const head = (long ?? short)!;
    const base = { name: long ? name : short![1], key: target.key, type: target.type, word, dashes } as const;
    if (head[2] === '=' || (short && written.length > 2)) {
      const at = head[0].length;
      flags.push({ ...base, value: written.slice(at), form: head[2] === '=' ? 'equals' : 'attached', span: word.span });
      continue;
    }
    const next = words[index + 1];
    if (target.type === 'boolean' || !next) {
      if (target.type === 'boolean') flags.push({ ...base, value: 'true', form: 'bare', span: word.span });
      continue;
    }
    flags.push({ ...base, value: next.value, form: 'separate', valueWord: next, span: { start: word.span.start, end: next.span.end } });
    index++;
  }
  return { flags, unknown };
}

/** The characters of a flag's value (for a bare boolean flag: the flag itself). */
export function valueSpan(flag: DaemonFlag): Span {
  if (flag.valueWord) return flag.valueWord.span;
  if (flag.form === 'bare' || !flag.word.plain) return flag.word.span;
  const at = flag.word.value.length - flag.value.length;
  return { start: flag.word.offsets[at], end: flag.word.offsets[flag.word.value.length] };
}
