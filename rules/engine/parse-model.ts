import { modelParsers } from '../models';
import type { ParseInput, ParseOutcome } from '../models/problems';
import type { FileKind } from './types';

/** How a lint or a facts pass parses a file's text (an adapter may hand back a parse of the same text it kept). */
export type ParseFile = (kind: FileKind, text: string, path: string) => ParseOutcome<unknown>;

/**
 * Parses a file's text into its kind's model; a parser that throws becomes a problem of the file, never a crash.
 * `parser` stands in for the kind's own (a caller that keeps a parse of the same text builds the model on it).
 */
export function parseModel(kind: FileKind, text: string, path: string, parser: (input: ParseInput) => ParseOutcome<unknown> = modelParsers[kind]): ParseOutcome<unknown> {
  try {
    return parser({ text, path });
  } catch (error) {
    // Parsers recurse; absurd nesting overflows the stack. That is the file's problem, not a bug of ours.
    return error instanceof RangeError && /call stack/i.test(error.message)
      ? { problems: [{ ruleId: 'stridelint/parse-error', span: { start: 0, end: 0 }, message: 'The nesting of this file is too deep to read; it was not analysed.' }] }
      : { problems: [{ ruleId: 'stridelint/internal-error', span: { start: 0, end: 0 }, message: `The ${kind} parser failed on this file (${describeError(error)}); it was not analysed.` }] };
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
