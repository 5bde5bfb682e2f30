import { FactsIndex } from '../facts/facts-index';
import type { FileFacts } from '../facts/file-facts';
import { fileFactsOf } from '../models/file-facts';
import { emptyConfig, type StridelintConfig } from './config';
import { detectKind } from './detect-kind';
import { LineIndex } from './line-index';
import { parseModel, type ParseFile } from './parse-model';
import type { FileKind } from './types';

export interface FactsOptions {
  config?: StridelintConfig;
  kind?: FileKind;
  languageId?: string;
  /** Parses the text (default `parseModel`): a workspace scan keeps this parse for the file's lint. */
  parse?: ParseFile;
}

/**
 * The facts one file tells the workspace index (adapters call this for every file before linting any, so each
 * lint sees the whole workspace). Undefined when the file is none of stridelint's kinds, is skipped, or has none.
 */
export function factsOfFile(rawText: string, path: string, options: FactsOptions = {}): FileFacts | undefined {
  const config = options.config ?? emptyConfig();
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  if (text.length > config.maxFileSize || text.includes('\u0000')) return undefined;
  const kind = factsKindOf(text, path, options);
  if (!kind) return undefined;
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0; // as in lintFile: the YAML parser's error objects need no stacks
  try {
    return fileFactsOf(kind, (options.parse ?? parseModel)(kind, text, path).model, text, path, new LineIndex(text));
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * The kind `factsOfFile` would take the file for, without parsing it: an adapter can put off the facts of a
 * kind no other file may ask about (the CLI parses a Dockerfile for facts only when a compose file builds it).
 */
export function factsKindOf(rawText: string, path: string, options: FactsOptions = {}): FileKind | undefined {
  const config = options.config ?? emptyConfig();
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  return options.kind ?? detectKind(path, text, { languageId: options.languageId, kindGlobs: config.files, relativePath: path });
}

/** An index of the facts of the given texts (path → text): examples, tests and small workspaces. */
export function indexOfTexts(files: Readonly<Record<string, string>>, options: FactsOptions = {}): FactsIndex {
  const index = new FactsIndex();
  for (const [path, text] of Object.entries(files)) index.set(path, factsOfFile(text, path, options));
  return index;
}
