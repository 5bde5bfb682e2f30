import type { Document } from 'yaml';
import type { ParseInput, ParseOutcome } from './problems';
import { parseYamlStream } from './yaml';

/** The compose model: the parsed YAML document (the compose issue grows services with effective values). */
export interface ComposeModel {
  document: Document.Parsed;
}

export function parseCompose(input: ParseInput): ParseOutcome<ComposeModel> {
  const stream = parseYamlStream(input.text);
  const document = stream.documents[0];
  if (!document || stream.problems.length > 0) return { problems: stream.problems };
  return { model: { document }, problems: [] };
}
