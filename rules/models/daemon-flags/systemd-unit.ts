import type { Span } from '../../engine/types';
import { splitAtWhitespace, splitSystemdWords, type Chars, type Word } from './words';

/** One `Key=value` line of a unit file (continuations joined), with the value's characters and offsets. */
export interface UnitDirective {
  section: string;
  key: string;
  value: Chars;
  /** The whole directive as written, key to the last continued line. */
  span: Span;
  keySpan: Span;
}

/** A command line of `ExecStart=` after variable expansion. */
export interface UnitCommand {
  directive: UnitDirective;
  words: Word[];
  /** `$NAME` references this file does not define (an `EnvironmentFile=` or the manager's environment). */
  unresolved: string[];
}

export interface SystemdUnit {
  directives: UnitDirective[];
  /** The `ExecStart=` lines in effect after the last empty `ExecStart=` reset of this file. */
  commands: UnitCommand[];
  /** The file resets `ExecStart=` (a drop-in replacing the packaged command). */
  resetsExecStart: boolean;
}

/**
 * Reads a unit file or drop-in as systemd does: `[Section]` headers, `#`/`;` comment lines, `Key=value` with
 * a trailing `\` continuing onto the next line (comment lines inside a continuation are skipped).
 */
export function parseUnit(text: string): SystemdUnit {
  const directives: UnitDirective[] = [];
  let section = '';
  const lineStarts = [...text.matchAll(/^/gm)].map((match) => match.index);
  for (let line = 0; line < lineStarts.length; line++) {
    const start = lineStarts[line];
    const raw = lineText(text, start);
    const trimmed = raw.trim();
    if (trimmed === '' || /^[#;]/.test(trimmed)) continue;
    const header = /^\s*\[([^\]]*)\]/.exec(raw);
    if (header) {
      section = header[1];
      continue;
    }
    const assignment = /^(\s*)([A-Za-z0-9_.-]+)\s*=\s*/.exec(raw);
    if (!assignment) continue;
    const keyStart = start + assignment[1].length;
    const chars: Chars = { text: '', offsets: [], end: start + raw.length };
    let from = start + assignment[0].length;
    let current = raw;
    let currentStart = start;
    for (;;) {
      const content = current.replace(/[ \t]+$/, '');
      const continued = content.endsWith('\\');
      const until = currentStart + content.length - (continued ? 1 : 0);
      for (let offset = from; offset < until; offset++) {
        chars.text += text[offset];
        chars.offsets.push(offset);
      }
      chars.end = until;
      if (!continued || line + 1 >= lineStarts.length) break;
      chars.text += ' '; // systemd replaces the backslash with a space
      chars.offsets.push(until);
      do {
        line++;
        currentStart = lineStarts[line];
        current = lineText(text, currentStart);
      } while (/^\s*[#;]/.test(current) && line + 1 < lineStarts.length);
      from = currentStart;
    }
    directives.push({ section, key: assignment[2], value: chars, span: { start: keyStart, end: chars.end }, keySpan: { start: keyStart, end: keyStart + assignment[2].length } });
  }
  return { directives, ...execStart(directives) };
}

function lineText(text: string, start: number): string {
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

function execStart(directives: UnitDirective[]): { commands: UnitCommand[]; resetsExecStart: boolean } {
  const environment = new Map<string, Chars>();
  let commands: UnitCommand[] = [];
  let resetsExecStart = false;
  for (const directive of directives) {
    if (directive.section !== 'Service') continue;
    if (directive.key === 'Environment') {
      if (directive.value.text.trim() === '') environment.clear();
      for (const token of splitSystemdWords(directive.value, { variables: false })) {
        const equals = token.word.value.indexOf('=');
        if (equals <= 0) continue;
        const value = token.word.value.slice(equals + 1);
        environment.set(token.word.value.slice(0, equals), { text: value, offsets: token.word.offsets.slice(equals + 1, -1), end: token.word.offsets[token.word.offsets.length - 1] });
      }
    } else if (directive.key === 'ExecStart') {
      if (directive.value.text.trim() === '') {
        commands = [];
        resetsExecStart = true;
        continue;
      }
      commands.push(expand(directive, environment));
    }
  }
  return { commands, resetsExecStart };
}

/** Expands `$NAME` (split at whitespace into words) and `${NAME}` (inside one word) from `Environment=`. */
function expand(directive: UnitDirective, environment: ReadonlyMap<string, Chars>): UnitCommand {
  const words: Word[] = [];
  const unresolved: string[] = [];
  for (const { word, variables } of splitSystemdWords(directive.value, { variables: true })) {
    if (variables.length === 1 && !variables[0].braced && word.value === '') {
      const value = environment.get(variables[0].name);
      if (value) words.push(...splitAtWhitespace(value));
      else unresolved.push(variables[0].name);
      continue;
    }
    let value = word.value;
    const offsets = word.offsets.slice(0, -1);
    for (const variable of [...variables].reverse()) {
      const defined = environment.get(variable.name);
      if (!defined) unresolved.push(variable.name);
      value = value.slice(0, variable.index) + (defined?.text ?? '') + value.slice(variable.index);
      offsets.splice(variable.index, 0, ...(defined?.offsets ?? []));
    }
    words.push({ ...word, value, offsets: [...offsets, word.offsets[word.offsets.length - 1]] });
  }
  return { directive, words, unresolved };
}
