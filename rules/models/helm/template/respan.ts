/**
 * Carries the source map of a traced string (the output of `include`) through a string function such as
 * `nindent 4`, `indent`, `trim` or `trimSuffix`: the result's text is matched to the input's, line by line
 * (after leading whitespace), and each matched line keeps the input spans of that line, shifted. Text that
 * matches nothing (added indentation, changed lines) is left as a gap for the printing action to cover.
 */
import type { OutputSpan } from '../source-map';

/** How far ahead a line is looked for before it counts as changed (keeps the work linear). */
const LOOKAHEAD = 8;

export function respan(input: string, spans: readonly OutputSpan[], output: string): OutputSpan[] {
  if (output === input) return spans.slice();
  const result: OutputSpan[] = [];
  if (output.length > 0 && input.startsWith(output)) {
    // trunc, trimSuffix: a prefix of the input.
    copySpans(spans, 0, output.length, 0, result);
    return result;
  }
  if (input.length > 0) {
    const at = output.indexOf(input);
    if (at >= 0) {
      copySpans(spans, 0, input.length, at, result);
      return result;
    }
  }
  const inputLines = lineStarts(input);
  let next = 0;
  for (let start = 0; start <= output.length; ) {
    let end = output.indexOf('\n', start);
    if (end < 0) end = output.length;
    const contentStart = skipSpace(output, start, end);
    const length = end - contentStart;
    if (length > 0) {
      const limit = Math.min(inputLines.length, next + LOOKAHEAD);
      for (let line = next; line < limit; line++) {
        const lineStart = inputLines[line];
        let lineEnd = input.indexOf('\n', lineStart);
        if (lineEnd < 0) lineEnd = input.length;
        const inputContent = skipSpace(input, lineStart, lineEnd);
        if (lineEnd - inputContent === length && output.startsWith(input.slice(inputContent, lineEnd), contentStart)) {
          copySpans(spans, inputContent, lineEnd, contentStart - inputContent, result);
          next = line + 1;
          break;
        }
      }
    }
    start = end + 1;
  }
  return result;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function skipSpace(text: string, start: number, end: number): number {
  let at = start;
  while (at < end && (text.charCodeAt(at) === 0x20 || text.charCodeAt(at) === 0x09)) at++;
  return at;
}

/** Copies the parts of `spans` inside [from, to), moved by `shift`; a cut text span's source is cut too. */
function copySpans(spans: readonly OutputSpan[], from: number, to: number, shift: number, into: OutputSpan[]): void {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (spans[mid].end <= from) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < spans.length && spans[i].start < to; i++) {
    const span = spans[i];
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    if (start >= end) continue;
    const source =
      span.kind === 'text' && (start !== span.start || end !== span.end)
        ? { file: span.source.file, start: span.source.start + (start - span.start), end: span.source.start + (end - span.start) }
        : span.source;
    into.push({ ...span, start: start + shift, end: end + shift, source });
  }
}
