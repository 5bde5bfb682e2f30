import type { Position, Range, Span } from './types';

/**
 * Where line starts are gathered before the index keeps an array of their number: grown by `push`, a text's list
 * left two or three times its size in dropped copies (≈ 1.2 % of what the plain files' lint allocated). Kept from
 * text to text up to this many lines.
 */
let gatheredStarts: number[] = [0];
const GATHERED_STARTS_MAX = 1 << 16;

/**
 * Converts offsets to zero-based line/character positions and back, once per document.
 * Line breaks are `\r\n`, `\n` and a lone `\r`, as LSP and VS Code count them.
 */
export class LineIndex {
  /** Offset at which each line starts. */
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = gatheredStarts;
    let count = 1;
    if (!text.includes('\r')) {
      // No CR (most files): the line feeds found by indexOf, which scans far faster than a loop over every character.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[count++] = i + 1;
    } else {
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts[count++] = i + 1;
        } else if (code === 10 /* \n */) {
          starts[count++] = i + 1;
        }
      }
    }
    this.lineStarts = starts.slice(0, count);
    if (count > GATHERED_STARTS_MAX) gatheredStarts = [0];
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  spanOf(range: Range): Span {
    return { start: this.offsetAt(range.start), end: this.offsetAt(range.end) };
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    // A subtraction that runs for every line, not a decrement only CRLF lines reach: the first CRLF file met
    // code optimised without it and threw it away (this function and the three it is inlined into).
    return end - (end > 0 && this.text.charCodeAt(end - 1) === 13 ? 1 : 0);
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The line break the document mostly uses, for edits that insert lines. */
  get eol(): string {
    const crlf = this.text.indexOf('\r\n');
    if (crlf >= 0) return '\r\n';
    if (this.text.indexOf('\n') >= 0) return '\n';
    if (this.text.indexOf('\r') >= 0) return '\r';
    return '\n';
  }
}
