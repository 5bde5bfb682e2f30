import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { ParseInput, ParseOutcome } from './problems';

/** The daemon.json model: jsonc-parser's tree with offsets. */
export interface DaemonModel {
  root: Node;
}

export function parseDaemon(input: ParseInput): ParseOutcome<DaemonModel> {
  const errors: ParseError[] = [];
  const root = parseTree(input.text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || !root) {
    const error = errors[0];
    const start = error?.offset ?? 0;
    return { problems: [{ ruleId: 'stridelint/parse-error', span: { start, end: start + (error?.length ?? 0) }, message: 'daemon.json is not valid JSON; dockerd will refuse to start.' }] };
  }
  return { model: { root }, problems: [] };
}
