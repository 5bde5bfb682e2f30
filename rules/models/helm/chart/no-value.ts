import type { OutputSpan, TracedText } from '../source-map';

const NO_VALUE = '<no value>';

/**
 * Helm removes every `<no value>` from a rendered file (`strings.ReplaceAll`). The source map follows: spans
 * after a removal move left, a span that lay inside a removal shrinks, and a span left empty is dropped.
 */
export function removeNoValue(output: TracedText): TracedText {
  const removals: number[] = [];
  for (let at = output.text.indexOf(NO_VALUE); at >= 0; at = output.text.indexOf(NO_VALUE, at + NO_VALUE.length)) removals.push(at);
  if (removals.length === 0) return output;
  // Maps an offset of the old text to the new one: removals before it are subtracted; inside one, it lands at its start.
  const map = (offset: number): number => {
    let removed = 0;
    for (const start of removals) {
      if (start >= offset) break;
      removed += Math.min(NO_VALUE.length, offset - start);
    }
    return offset - removed;
  };
  const spans: OutputSpan[] = [];
  for (const span of output.spans) {
    const start = map(span.start);
    const end = map(span.end);
    if (end > start) spans.push({ ...span, start, end });
  }
  return { text: output.text.replaceAll(NO_VALUE, ''), spans };
}
