import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { WorkspaceFacts } from '../facts/workspace-facts';
import type { Span } from '../engine/types';
import type { DaemonFlagOrigin } from './daemon-flags/daemon-view';
import type { ModelProblem, ParseInput, ParseOutcome } from './problems';

/** One `"key": value` pair of a JSON object, with the nodes that carry its offsets. */
export interface DaemonMember {
  key: string;
  property: Node;
  keyNode: Node;
  value: Node;
}

/** How the file is laid out, so that inserted keys look like the ones already there. */
export interface DaemonFormat {
  tabSize: number;
  insertSpaces: boolean;
  eol: '\n' | '\r\n';
}

/**
 * The daemon.json model: jsonc-parser's tree with offsets, the top-level members as dockerd sees them
 * (the last of duplicate keys wins, as in Go's encoding/json), and the earlier duplicates it ignores.
 */
export interface DaemonModel {
  text: string;
  /** Undefined for a whitespace-only file, which dockerd reads as an empty configuration. */
  root?: Node;
  /** The top-level object; undefined when the file is empty or its top level is not an object. */
  object?: Node;
  /** Effective top-level members by key. */
  members: ReadonlyMap<string, DaemonMember>;
  /** Members, at any depth, that a later member of the same object with the same key overrides. */
  duplicates: DaemonMember[];
  /** The file shows it is for a Windows daemon (a named pipe, Hyper-V isolation, a ProgramData path). */
  windows: boolean;
  format: DaemonFormat;
  /** Set when the settings are dockerd flags (a unit, an environment file, a dind container), not a daemon.json. */
  flags?: DaemonFlagOrigin;
}

export function parseDaemon(input: ParseInput): ParseOutcome<DaemonModel> {
  const { text } = input;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (text.trim() === '') return { model: buildModel(text, input.path, undefined), problems: [] };
  if (errors.length > 0 || !root) return { problems: [parseProblem(text, errors[0])] };
  return { model: buildModel(text, input.path, root), problems: [] };
}

function parseProblem(text: string, error: ParseError | undefined): ModelProblem {
  const start = error?.offset ?? 0;
  const span = { start, end: start + (error?.length ?? 0) };
  const code = error ? printParseErrorCode(error.error) : 'ValueExpected';
  if (code === 'InvalidCommentToken') {
    return { ruleId: 'stridelint/parse-error', span, message: 'daemon.json cannot hold comments: dockerd reads strict JSON and refuses to start on a comment.' };
  }
  const comma = trailingComma(text, start);
  if (comma !== undefined && (code === 'PropertyNameExpected' || code === 'ValueExpected')) {
    return { ruleId: 'stridelint/parse-error', span: { start: comma, end: comma + 1 }, message: `Trailing comma before "${text[start]}": JSON does not allow it, so dockerd refuses to start.` };
  }
  return { ruleId: 'stridelint/parse-error', span, message: `daemon.json is not valid JSON (${PARSE_ERRORS[code] ?? code}), so dockerd refuses to start.` };
}

const PARSE_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a quoted key is expected here',
  ValueExpected: 'a value is expected here',
  ColonExpected: 'a colon is expected here',
  CommaExpected: 'a comma is expected here',
  CloseBraceExpected: 'a closing brace is missing',
  CloseBracketExpected: 'a closing bracket is missing',
  EndOfFileExpected: 'text follows the end of the top-level value',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

/** The offset of a `,` that directly precedes the `}` or `]` at `offset` (whitespace between). */
function trailingComma(text: string, offset: number): number | undefined {
  if (text[offset] !== '}' && text[offset] !== ']') return undefined;
  let index = offset - 1;
  while (index >= 0 && /\s/.test(text[index])) index--;
  return text[index] === ',' ? index : undefined;
}

function buildModel(text: string, path: string, root: Node | undefined): DaemonModel {
  const object = root?.type === 'object' ? root : undefined;
  const duplicates: DaemonMember[] = [];
  collectDuplicates(root, duplicates);
  const members = new Map<string, DaemonMember>();
  for (const member of objectMembers(object)) members.set(member.key, member);
  const model: DaemonModel = { text, root, object, members, duplicates, windows: false, format: detectFormat(text) };
  model.windows = showsWindows(model, path);
  return model;
}

/** The members of an object node in written order (duplicates included); empty for anything else. */
export function objectMembers(node: Node | undefined): DaemonMember[] {
  if (node?.type !== 'object') return [];
  const result: DaemonMember[] = [];
  for (const property of node.children ?? []) {
    const [keyNode, value] = property.children ?? [];
    if (keyNode?.type === 'string' && value) result.push({ key: String(keyNode.value), property, keyNode, value });
  }
  return result;
}

function collectDuplicates(node: Node | undefined, out: DaemonMember[]): void {
  if (!node) return;
  if (node.type === 'object') {
    const members = objectMembers(node);
    const last = new Map(members.map((member) => [member.key, member]));
    for (const member of members) if (last.get(member.key) !== member) out.push(member);
    for (const member of members) collectDuplicates(member.value, out);
  } else if (node.type === 'array') {
    for (const child of node.children ?? []) collectDuplicates(child, out);
  }
}

/** The effective member of an object node by key (the last one); Go matches struct fields case-insensitively. */
export function childMember(node: Node | undefined, key: string, caseInsensitive = false): DaemonMember | undefined {
  const wanted = caseInsensitive ? key.toLowerCase() : key;
  let found: DaemonMember | undefined;
  for (const member of objectMembers(node)) if ((caseInsensitive ? member.key.toLowerCase() : member.key) === wanted) found = member;
  return found;
}

/** A node's plain value (a small subtree only: rules never convert the whole document). */
export function valueOf(node: Node | undefined): unknown {
  return node ? getNodeValue(node) : undefined;
}

/** The value of a top-level key when it is a JSON boolean; undefined when absent or of another type. */
export function booleanSetting(model: DaemonModel, key: string): boolean | undefined {
  const value = model.members.get(key)?.value;
  return value?.type === 'boolean' ? (value.value as boolean) : undefined;
}

/** The value of a top-level key when it is a JSON string. */
export function stringSetting(model: DaemonModel, key: string): string | undefined {
  const value = model.members.get(key)?.value;
  return value?.type === 'string' ? (value.value as string) : undefined;
}

/** The string items of a top-level array, with their nodes (other items are the schema's concern). */
export function stringItems(model: DaemonModel, key: string): Array<{ value: string; node: Node }> {
  const node = model.members.get(key)?.value;
  if (node?.type !== 'array') return [];
  return (node.children ?? []).filter((child) => child.type === 'string').map((child) => ({ value: child.value as string, node: child }));
}

export function nodeSpan(node: Node): Span {
  return { start: node.offset, end: node.offset + node.length };
}

/**
 * Where a finding about a key that is not set sits: the top-level object's opening brace (offset 0 in an
 * empty file). Undefined when the top level is not an object (then only the schema finding applies) and for
 * dockerd flags.
 */
export function absentKeySpan(model: DaemonModel): Span | undefined {
  if (model.flags) return undefined; // a flag not given may be in daemon.json: only the flags written are judged
  if (model.root === undefined) return { start: 0, end: 0 };
  return model.object ? { start: model.object.offset, end: model.object.offset + 1 } : undefined;
}

function detectFormat(text: string): DaemonFormat {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let tabSize = 0;
  let insertSpaces = true;
  for (const match of text.matchAll(/\n([ \t]+)["{[\]}]/g)) {
    const indent = match[1];
    if (indent.startsWith('\t')) {
      insertSpaces = false;
      tabSize = 1;
      break;
    }
    if (tabSize === 0 || indent.length < tabSize) tabSize = indent.length;
  }
  return { tabSize: tabSize || 2, insertSpaces, eol };
}

function showsWindows(model: DaemonModel, path: string): boolean {
  if (/programdata[\\/]+docker[\\/]/i.test(path)) return true;
  if (stringItems(model, 'hosts').some((host) => /^npipe:\/\//i.test(host.value))) return true;
  return stringItems(model, 'exec-opts').some((option) => /^isolation\s*=/i.test(option.value));
}

/**
 * What a workspace daemon.json tells rules of other kinds (adapters read the file and pass the facts in
 * `LintOptions.workspace`): `"no-new-privileges": true` and the default bind address `ip`. Empty when the
 * file does not parse.
 */
export function daemonWorkspaceFacts(text: string): WorkspaceFacts {
  const model = parseDaemon({ text: text.replace(/^\uFEFF/, ''), path: 'daemon.json' }).model;
  return model ? daemonSettingFacts(model) : {};
}

/** The facts other kinds read from one daemon's settings (a daemon.json, or the view of dockerd flags). */
export function daemonSettingFacts(model: DaemonModel): WorkspaceFacts {
  const facts: WorkspaceFacts = {};
  if (booleanSetting(model, 'no-new-privileges') !== undefined) facts.daemonNoNewPrivileges = booleanSetting(model, 'no-new-privileges');
  const ip = stringSetting(model, 'ip');
  if (ip !== undefined && ip.trim() !== '') facts.daemonDefaultBindIp = ip.trim();
  return facts;
}
