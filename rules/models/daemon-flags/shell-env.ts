import type { Span } from '../../engine/types';
import type { Chars } from './words';

/** One `NAME=value` (or `export NAME=value`) of a shell-variable file such as /etc/default/docker. */
export interface ShellAssignment {
  name: string;
  /** The value after the shell's quote removal and `$OTHER` expansion, each character with its offset. */
  value: Chars;
  span: Span;
  nameSpan: Span;
  /**
   * Where text can be added to the end of the value and stay inside it: before a closing quote. Undefined
   * for an unquoted value, where a space would end the assignment.
   */
  appendAt?: number;
}

/**
 * Reads the assignments of a shell-variable file as `sh` would before the init script or systemd splits
 * `$DOCKER_OPTS` at whitespace: single quotes literal, double quotes with `\` before `$`, `` ` ``, `"`, `\` and a
 * newline, unquoted `\` escaping the next character, `#` comments, `$NAME`/`${NAME}` from earlier lines.
 */
export function parseShellAssignments(text: string): ShellAssignment[] {
  const assignments: ShellAssignment[] = [];
  const known = new Map<string, Chars>();
  const pattern = /^([ \t]*)(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)\+?=/gm;
  let match: RegExpExecArray | null;
  let resumeAt = 0;
  while ((match = pattern.exec(text)) !== null) {
    if (match.index < resumeAt) continue;
    const nameStart = match.index + match[1].length + match[0].slice(match[1].length).indexOf(match[2]);
    const value = readValue(text, match.index + match[0].length, known);
    resumeAt = value.end;
    pattern.lastIndex = Math.max(pattern.lastIndex, value.end);
    const appended = match[0].endsWith('+=') ? concat(known.get(match[2]), value.chars) : value.chars;
    known.set(match[2], appended);
    assignments.push({ name: match[2], value: appended, span: { start: match.index + match[1].length, end: value.end }, nameSpan: { start: nameStart, end: nameStart + match[2].length }, ...(value.appendAt !== undefined ? { appendAt: value.appendAt } : {}) });
  }
  return assignments;
}

function concat(before: Chars | undefined, after: Chars): Chars {
  return before ? { text: before.text + after.text, offsets: [...before.offsets, ...after.offsets], end: after.end } : after;
}

/** A value built by expansion stops growing here: `A="$A$A"` repeated would double it on every line. */
const MAX_EXPANDED = 16_384;

function readValue(text: string, start: number, known: ReadonlyMap<string, Chars>): { chars: Chars; end: number; appendAt?: number } {
  const chars: Chars = { text: '', offsets: [], end: start };
  const letters: string[] = [];
  let length = 0;
  const push = (char: string, offset: number) => {
    letters.push(char);
    chars.offsets.push(offset);
    length++;
  };
  let index = start;
  let quote: '"' | "'" | undefined;
  let appendAt: number | undefined;
  while (index < text.length) {
    const char = text[index];
    if (!quote) {
      if (char === '\n' || char === '\r' || char === ' ' || char === '\t' || char === ';' || (char === '#' && index === start)) break;
      if (char === '"' || char === "'") {
        quote = char;
        index++;
        continue;
      }
      if (char === '\\' && index + 1 < text.length) {
        if (text[index + 1] !== '\n') push(text[index + 1], index + 1);
        index += 2;
        continue;
      }
    } else if (char === quote) {
      appendAt = index;
      quote = undefined;
      index++;
      continue;
    } else if (quote === '"' && char === '\\' && /[$`"\\\n]/.test(text[index + 1] ?? '')) {
      if (text[index + 1] !== '\n') push(text[index + 1], index + 1);
      index += 2;
      continue;
    }
    if (char === '$' && quote !== "'") {
      const reference = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(text.slice(index, index + 200));
      if (reference) {
        const value = known.get(reference[1] ?? reference[2]);
        if (value && length + value.text.length <= MAX_EXPANDED) {
          letters.push(value.text);
          chars.offsets = chars.offsets.concat(value.offsets);
          length += value.text.length;
        }
        index += reference[0].length;
        continue;
      }
    }
    push(char, index);
    index++;
  }
  chars.text = letters.join('');
  chars.end = chars.offsets.length > 0 ? chars.offsets[chars.offsets.length - 1] + 1 : start;
  // An unterminated quote runs to the end of the file in sh: then nothing can be appended safely.
  return { chars, end: index, ...(appendAt !== undefined && !quote && index === appendAt + 1 ? { appendAt } : {}) };
}
