import type { SpanEdit } from '../../engine/types';
import type { WordEditor } from './daemon-view';
import type { Word } from './words';

/** Characters a new word may hold without quoting in a unit line or inside a quoted shell value. */
const SAFE = /^[A-Za-z0-9_.,:/=@+-]+$/;

/**
 * Edits the words of a command line written as plain text (a unit's `ExecStart=`, an `Environment=` or
 * `DOCKER_OPTS=` value): the word's characters are replaced, a removed flag takes the blanks before it
 * (or its whole line inside a `\` continuation), new flags go at `appendAt`.
 */
export function textWordEditor(text: string, appendAt: number | undefined): WordEditor {
  return {
    replace(word: Word, value: string): SpanEdit | undefined {
      if (!SAFE.test(value)) return undefined;
      return { start: word.span.start, end: word.span.end, newText: value };
    },
    remove(words: readonly Word[]): SpanEdit | undefined {
      if (words.length === 0) return undefined;
      const start = Math.min(...words.map((word) => word.span.start));
      const end = Math.max(...words.map((word) => word.span.end));
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      const after = /^[ \t]*\\[ \t]*\r?\n/.exec(text.slice(end));
      if (after && text.slice(lineStart, start).trim() === '') return { start: lineStart, end: end + after[0].length, newText: '' };
      let from = start;
      while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
      if (from < start && from > lineStart) return { start: from, end, newText: '' };
      let to = end;
      while (to < text.length && (text[to] === ' ' || text[to] === '\t')) to++;
      return { start, end: to, newText: '' };
    },
    append(values: readonly string[]): SpanEdit | undefined {
      if (appendAt === undefined || !values.every((value) => SAFE.test(value))) return undefined;
      return { start: appendAt, end: appendAt, newText: ` ${values.join(' ')}` };
    },
  };
}
