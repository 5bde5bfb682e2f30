import type { Severity, Span } from '../engine/types';

/**
 * Something a model parser could not read: a syntax error (`stridelint/parse-error`) or a file or
 * document deliberately left out (`stridelint/not-analysed`), each with the exact span.
 */
export interface ModelProblem {
  ruleId: 'stridelint/parse-error' | 'stridelint/not-analysed' | 'stridelint/internal-error';
  span: Span;
  message: string;
  severity?: Severity;
}

export interface ParseOutcome<M> {
  /** Undefined when nothing could be analysed; rules then do not run. */
  model?: M;
  problems: ModelProblem[];
}

export interface ParseInput {
  text: string;
  path: string;
}
