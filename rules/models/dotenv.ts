import type { Span } from '../engine/types';
import type { ParseInput, ParseOutcome } from './problems';

/**
 * The `.env` model: the `NAME=value` lines compose reads from `env_file:` and from the project's `.env`
 * (`export` prefixes, `#` comments, single, double and unquoted values, a double-quoted value running over
 * several lines). Lines that are none of these are skipped, as compose skips nothing silently only in
 * strict mode; a linter never refuses a file for them.
 */
export interface DotenvEntry {
  name: string;
  nameSpan: Span;
  /** The value as compose reads it (quotes removed, inline comment dropped for unquoted values). */
  value: string;
  /** The value as written, quotes included; empty at the `=` when there is no value. */
  valueSpan: Span;
}

export interface DotenvModel {
  entries: DotenvEntry[];
}

const ENTRY = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/;

export function parseDotenv(input: ParseInput): ParseOutcome<DotenvModel> {
  const { text } = input;
  const entries: DotenvEntry[] = [];
  let offset = 0;
  while (offset < text.length) {
    const lineEnd = nextLineEnd(text, offset);
    const line = text.slice(offset, lineEnd);
    const match = ENTRY.exec(line);
    let next = lineEnd;
    if (match) {
      const nameStart = offset + line.indexOf(match[1]);
      const valueStart = offset + match[0].length;
      const quote = text[valueStart];
      let value: string;
      let valueEnd: number;
      if (quote === '"' || quote === "'") {
        // A quoted value ends at its closing quote, which for double quotes may be lines below.
        let close = valueStart + 1;
        while (close < text.length && text[close] !== quote && (quote === '"' || (text[close] !== '\n' && text[close] !== '\r'))) close += text[close] === '\\' && quote === '"' ? 2 : 1;
        valueEnd = Math.min(close + 1, text.length);
        value = text.slice(valueStart + 1, Math.min(close, text.length));
        if (quote === '"') value = value.replace(/\\([nrt"\\])/g, (_all, ch: string) => ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[ch] ?? ch);
        next = nextLineEnd(text, valueEnd);
      } else {
        const rest = text.slice(valueStart, lineEnd);
        const comment = /[ \t]#/.exec(rest);
        value = (comment ? rest.slice(0, comment.index) : rest).trimEnd();
        valueEnd = valueStart + value.length;
      }
      entries.push({ name: match[1], nameSpan: { start: nameStart, end: nameStart + match[1].length }, value, valueSpan: { start: valueStart, end: valueEnd } });
    }
    offset = next + (text.startsWith('\r\n', next) ? 2 : next < text.length ? 1 : 0);
  }
  return { model: { entries }, problems: [] };
}

function nextLineEnd(text: string, from: number): number {
  const newline = text.slice(from).search(/\r\n|\r|\n/);
  return newline < 0 ? text.length : from + newline;
}
