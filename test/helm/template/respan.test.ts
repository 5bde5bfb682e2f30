/** Carrying an included template's source map through string functions (nindent, trim, trunc, quote). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OutputSpan } from '../../../rules/models/helm/source-map';
import { respan } from '../../../rules/models/helm/template/respan';

/** Spans of `text`, one per line, each pointing at the line's offset in a pretend helper file. */
function perLine(text: string): OutputSpan[] {
  const spans: OutputSpan[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const end = start + line.length + 1;
    spans.push({ start, end: Math.min(end, text.length), kind: 'text', source: { file: '/_h.tpl', start: 100 + start, end: 100 + Math.min(end, text.length) }, callers: [] });
    start = end;
  }
  return spans.filter((span) => span.end > span.start);
}

/** For each span of the result: the output text it covers and the input text its source says it came from. */
function pairs(input: string, output: string, spans: OutputSpan[]): [string, string][] {
  return spans.map((span) => [output.slice(span.start, span.end), input.slice(span.source.start - 100, span.source.end - 100)]);
}

describe('respan', () => {
  const input = 'app: web\ntier: front';

  it('shifts each line through nindent and leaves the added indentation uncovered', () => {
    const output = '\n    app: web\n    tier: front';
    const spans = respan(input, perLine(input), output);
    assert.deepEqual(pairs(input, output, spans), [
      ['app: web', 'app: web'],
      ['tier: front', 'tier: front'],
    ]);
    assert.equal(spans[0].start, output.indexOf('app'));
  });

  it('keeps a prefix (trunc, trimSuffix) and a wrapped copy (quote) in place', () => {
    assert.deepEqual(pairs(input, 'app: web\ntier', respan(input, perLine(input), 'app: web\ntier')), [
      ['app: web\n', 'app: web\n'],
      ['tier', 'tier'],
    ]);
    const quoted = `"${input}"`;
    const spans = respan(input, perLine(input), quoted);
    assert.equal(spans[0].start, 1);
    assert.deepEqual(pairs(input, quoted, spans).map(([out]) => out), ['app: web\n', 'tier: front']);
  });

  it('leaves changed lines to the printing action', () => {
    assert.deepEqual(respan(input, perLine(input), 'something else'), []);
    const output = 'APP: WEB\ntier: front';
    assert.deepEqual(pairs(input, output, respan(input, perLine(input), output)), [['tier: front', 'tier: front']]);
  });
});
