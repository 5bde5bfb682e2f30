import type { Span, SpanEdit } from '../../engine/types';
import { parseDaemon, type DaemonModel } from '../daemon';
import type { DaemonFlag } from './dockerd-flags';
import type { Word } from './words';

/** How the words of one command line are edited where they are written (unit text, env file, YAML list). */
export interface WordEditor {
  /** Replaces a word with one holding `value`, quoting as the place needs; undefined when that is not clean. */
  replace(word: Word, value: string): SpanEdit | undefined;
  /** Removes a run of consecutive words (a flag and its separate value). */
  remove(words: readonly Word[]): SpanEdit | undefined;
  /** Appends words at the end of the command line. */
  append(values: readonly string[]): SpanEdit | undefined;
}

/**
 * What ties a daemon model built from dockerd flags back to the file: the daemon rules read the model as if
 * it were a daemon.json, and their spans and edits are translated to the flags' own characters.
 */
export interface DaemonFlagOrigin {
  flags: DaemonFlag[];
  /** Where findings about the daemon as a whole sit: the `dockerd` word. */
  anchor: Span;
  /** `host`: a unit or environment file on the host (it shares the host's daemon.json); `container`: dind. */
  scope: 'host' | 'container';
  editor?: WordEditor;
  /** The characters of the flag(s) that wrote a span of the model's JSON text; the anchor for anything else. */
  mapSpan(span: Span): Span;
  /** The flag that wrote the JSON text at `offset`. */
  flagAt(offset: number): DaemonFlag | undefined;
}

interface Segment {
  start: number;
  end: number;
  flag: DaemonFlag;
}

/**
 * Writes dockerd flags as the daemon.json they amount to (in written order, a repeated scalar flag twice, as
 * the last one wins like a duplicate key) and parses it with the daemon model, remembering which flag wrote
 * each stretch of that text.
 */
export function daemonViewOfFlags(flags: DaemonFlag[], options: { anchor: Span; scope: 'host' | 'container'; editor?: WordEditor }): DaemonModel {
  const segments: Segment[] = [];
  let json = '{';
  const emit = (text: string, flag?: DaemonFlag) => {
    if (flag) segments.push({ start: json.length, end: json.length + text.length, flag });
    json += text;
  };
  const groups = new Map<string, DaemonFlag[]>();
  for (const flag of flags) {
    const top = flag.key.split('.')[0];
    const group = groups.get(top);
    if (group) group.push(flag);
    else groups.set(top, [flag]);
  }
  let first = true;
  for (const [key, group] of groups) {
    const comma = () => {
      if (!first) json += ',';
      first = false;
    };
    const type = group[0].type;
    if (group[0].key.includes('.')) {
      comma();
      emit(`${JSON.stringify(key)}:{`, group[0]);
      group.forEach((flag, index) => emit(`${index > 0 ? ',' : ''}${JSON.stringify(flag.key.split('.')[1])}:${JSON.stringify(flag.value)}`, flag));
      emit('}', group[group.length - 1]);
    } else if (type === 'array' || type === 'object') {
      comma();
      const [open, close] = type === 'array' ? ['[', ']'] : ['{', '}'];
      emit(`${JSON.stringify(key)}:${open}`, group[0]);
      group.forEach((flag, index) => emit(`${index > 0 ? ',' : ''}${type === 'array' ? JSON.stringify(flag.value) : objectEntry(key, flag.value)}`, flag));
      emit(close, group[group.length - 1]);
    } else {
      for (const flag of group) {
        comma();
        emit(`${JSON.stringify(key)}:${scalar(flag)}`, flag);
      }
    }
  }
  json += '}';
  const model = parseDaemon({ text: json, path: 'daemon.json' }).model!;
  // Segments are written in order and never overlap: find the first that ends after the span starts.
  const overlapping = (span: Span) => {
    let low = 0;
    let high = segments.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (segments[mid].end <= span.start) low = mid + 1;
      else high = mid;
    }
    const found: Segment[] = [];
    for (let index = low; index < segments.length && (segments[index].start < span.end || (span.start === span.end && segments[index].start <= span.start)); index++) found.push(segments[index]);
    return found;
  };
  model.flags = {
    flags,
    anchor: options.anchor,
    scope: options.scope,
    ...(options.editor ? { editor: options.editor } : {}),
    mapSpan(span) {
      const found = overlapping(span);
      if (found.length === 0) return options.anchor;
      return { start: Math.min(...found.map((segment) => segment.flag.span.start)), end: Math.max(...found.map((segment) => segment.flag.span.end)) };
    },
    flagAt(offset) {
      return overlapping({ start: offset, end: offset })[0]?.flag;
    },
  };
  return model;
}

/** A flag's value as the JSON dockerd would have read from daemon.json (a malformed one stays a string). */
function scalar(flag: DaemonFlag): string {
  if (flag.type === 'boolean') {
    if (/^(?:1|t|true)$/i.test(flag.value)) return 'true';
    if (/^(?:0|f|false)$/i.test(flag.value)) return 'false';
  }
  if (flag.type === 'integer' && /^-?\d+$/.test(flag.value)) return String(Number(flag.value));
  return JSON.stringify(flag.value);
}

/** `name=value` of a map flag (`--log-opt max-size=10m`, `--default-ulimit nofile=1024:2048`) as a JSON member. */
function objectEntry(key: string, value: string): string {
  const equals = value.indexOf('=');
  const name = equals < 0 ? value : value.slice(0, equals);
  const rest = equals < 0 ? '' : value.slice(equals + 1);
  if (key === 'default-ulimits') {
    const [soft, hard] = rest.split(':');
    const number = (text: string | undefined) => (text !== undefined && /^-?\d+$/.test(text) ? Number(text) : text ?? null);
    return `${JSON.stringify(name)}:${JSON.stringify({ Name: name, Hard: number(hard ?? soft), Soft: number(soft) })}`;
  }
  if (key === 'features') return `${JSON.stringify(name)}:${equals < 0 || /^(?:1|t|true)$/i.test(rest)}`;
  if (key === 'runtimes') return `${JSON.stringify(name)}:${JSON.stringify({ path: rest })}`;
  return `${JSON.stringify(name)}:${JSON.stringify(rest)}`;
}
