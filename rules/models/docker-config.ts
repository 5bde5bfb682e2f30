import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { ParseInput, ParseOutcome } from './problems';

/**
 * The Docker client configuration (`~/.docker/config.json`, the `.dockerconfigjson` of a pull Secret):
 * jsonc-parser's tree with offsets. The docker CLI reads plain JSON; comments are refused like it does.
 */
export interface DockerConfigModel {
  /** Undefined for a whitespace-only file. */
  root?: Node;
}

export function parseDockerConfig(input: ParseInput): ParseOutcome<DockerConfigModel> {
  const errors: ParseError[] = [];
  const root = parseTree(input.text, errors, { disallowComments: true, allowTrailingComma: false });
  if (input.text.trim() === '') return { model: {}, problems: [] };
  if (errors.length > 0 || !root) {
    const error = errors[0];
    const start = error?.offset ?? 0;
    return { problems: [{ ruleId: 'stridelint/parse-error', span: { start, end: start + (error?.length ?? 0) }, message: `config.json is not valid JSON (${error ? printParseErrorCode(error.error) : 'ValueExpected'}), so the docker CLI cannot read it.` }] };
  }
  return { model: { root }, problems: [] };
}

/** `auths.<registry>.auth` is base64 of `user:password`: the password part, when the value decodes to one. */
export function decodeAuth(value: string): { user: string; password: string } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || /[\u0000-\u001f\ufffd]/.test(decoded)) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
