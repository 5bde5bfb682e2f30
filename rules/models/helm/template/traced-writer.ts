/**
 * The output of one template execution and its source map, written together: every write says where its
 * text came from, so the map is never reconstructed by searching the output.
 */
import type { RenderBudget } from '../functions/types';
import type { OutputSpan, SourceLocation, TracedText, ValueOrigin } from '../source-map';
import { RenderBudgetError } from './errors';

export class TracedWriter {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly spans: OutputSpan[] = [];

  constructor(private readonly budget: RenderBudget) {}

  /** Literal template text, copied from `file` at `start`. */
  text(text: string, file: string, start: number, callers: SourceLocation[]): void {
    if (!this.reserve(text)) return;
    const last = this.spans[this.spans.length - 1];
    if (last && last.kind === 'text' && last.source.file === file && last.source.end === start && last.callers === callers) {
      // Adjacent text from the same place (e.g. around a comment) is one span.
      last.end += text.length;
      last.source = { file, start: last.source.start, end: start + text.length };
    } else {
      this.spans.push({ start: this.length, end: this.length + text.length, kind: 'text', source: { file, start, end: start + text.length }, callers });
    }
    this.append(text);
  }

  /**
   * What an action printed. `trace` (offsets into `text`) is the map of a string written by an included
   * template; its gaps, and all of `text` without one, belong to the action itself.
   */
  action(text: string, source: SourceLocation, callers: SourceLocation[], value?: ValueOrigin, trace?: readonly OutputSpan[]): void {
    if (!this.reserve(text)) return;
    const base = this.length;
    let at = 0;
    if (trace) {
      for (const span of trace) {
        if (span.start > at) this.spans.push(actionSpan(base + at, base + span.start, source, callers, undefined));
        this.spans.push({ ...span, start: base + span.start, end: base + span.end });
        at = span.end;
      }
    }
    if (at < text.length) this.spans.push(actionSpan(base + at, base + text.length, source, callers, trace ? undefined : value));
    this.append(text);
  }

  result(): TracedText {
    return { text: this.parts.join(''), spans: this.spans };
  }

  private reserve(text: string): boolean {
    if (text.length === 0) return false;
    this.budget.outputChars -= text.length;
    if (this.budget.outputChars < 0) throw new RenderBudgetError('the rendered output exceeds the output size limit', 'output');
    return true;
  }

  private append(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }
}

function actionSpan(start: number, end: number, source: SourceLocation, callers: SourceLocation[], value: ValueOrigin | undefined): OutputSpan {
  return value ? { start, end, kind: 'action', source, callers, value } : { start, end, kind: 'action', source, callers };
}
