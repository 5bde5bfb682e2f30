import { Alias, Composer, Document, Pair, Scalar, YAMLMap, YAMLSeq, type CST, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { isScalar } from './yaml-nodes';

// yaml's node classes read once: its exports reach the bundle through a getter per use (see yaml-nodes.ts).
const AliasNode = Alias;
const MapNode = YAMLMap;
const SeqNode = YAMLSeq;

/**
 * yaml's Scalar and Pair constructors give each node its type with `Object.defineProperty` (the type guards' symbol,
 * not enumerable), a call into V8's runtime: ≈ 0.26 µs a node, 7 % of the YAML parse's CPU in a profile of
 * plain-lint-loop. The type is the same for every node of a class, so it is defined once on the class's prototype, and
 * the Composer makes its scalars and pairs with `Object.create`: the same class, fields and guards' answers (a node
 * yaml constructs keeps its own symbol, which shadows the prototype's with the same value).
 */
const NODE_TYPE = Symbol.for('yaml.node.type');
const SCALAR_PROTOTYPE = typedPrototype(Scalar.prototype, new Scalar(null));
const PAIR_PROTOTYPE = typedPrototype(Pair.prototype, new Pair(null));

function typedPrototype<T extends object>(prototype: T, sample: T): T {
  const type = (sample as Record<symbol, unknown>)[NODE_TYPE];
  if (typeof type !== 'symbol') throw new Error('yaml no longer types its nodes with Symbol.for("yaml.node.type")');
  if ((prototype as Record<symbol, unknown>)[NODE_TYPE] !== type) Object.defineProperty(prototype, NODE_TYPE, { value: type });
  return prototype;
}

/** `new Scalar(value)`, without the runtime call. */
function newScalar(value: unknown): Scalar {
  const scalar = Object.create(SCALAR_PROTOTYPE) as Scalar;
  scalar.value = value;
  return scalar;
}

/** `new Pair(key, value)`, without the runtime call. */
function newPair(key: ParsedNode, value: ParsedNode | null): Pair {
  const pair = Object.create(PAIR_PROTOTYPE) as Pair;
  pair.key = key;
  pair.value = value;
  return pair;
}

/**
 * A Composer of our own (issue 17: yaml's `Composer` is half of what remains of the YAML parse once the CST is ours):
 * CST tokens (yaml-cst.ts's, or yaml's Parser's) → the same `Document`s yaml's Composer builds from them — the same
 * classes (`Document`, `YAMLMap`, `YAMLSeq`, `Pair`, `Scalar`, `Alias`), values, scalar types, ranges, anchors,
 * comments, `spaceBefore`, flow flags and document ranges — without generators. It covers what manifests are written
 * in: block and flow collections, plain, quoted and block scalars, comments, anchors and aliases, with the core
 * (YAML 1.2) or the YAML 1.1 schema's implicit scalar types. On anything else it gives up (answers undefined) and the
 * caller lets yaml's Composer compose the same CST: tags, directives, explicit (`?`) keys, merge keys (`<<`), other
 * options than the engine's, and everything yaml would report as an error or a warning (so its Documents have
 * neither). test/models/yaml-compose.test.ts holds it to yaml's Composer. Its loops index their arrays: until V8
 * optimises a function (a scan worker's first few hundred files), `for…of` makes an iterator and a result per step.
 */

type SourceToken = CST.SourceToken;
type Token = CST.Token;
type FlowScalar = CST.FlowScalar;
type Item = CST.CollectionItem;
type Options = ParseOptions & DocumentOptions & SchemaOptions;
type ParsedNode = Scalar | YAMLMap | YAMLSeq | Alias;

interface ScalarTag {
  default?: boolean | 'key';
  tag: string;
  test?: RegExp;
  format?: string;
  resolve(value: string, onError: (message: string) => void, options: unknown): unknown;
}

interface Context {
  atKey: boolean;
  atRoot: boolean;
  options: Document['options'];
  schema: Document['schema'];
  /** The schema's implicit scalar tags, in its order (`default` true or `'key'`). */
  implicit: ScalarTag[];
  string: ScalarTag;
  /** `uniqueKeys` is on: a scalar key repeated in a map is yaml's DUPLICATE_KEY error. */
  unique: boolean;
}

interface Props {
  comma: SourceToken | null;
  found: SourceToken | null;
  spaceBefore: boolean;
  comment: string;
  hasNewline: boolean;
  anchor: SourceToken | null;
  newlineAfterProp: SourceToken | null;
  end: number;
  start: number;
}

/** Thrown (one object, never caught outside this file) when the CST leaves the subset. */
const GIVE_UP = { giveUp: true };

function giveUp(): never {
  throw GIVE_UP;
}

/** Gives up where yaml's Composer would report an error or a warning (its Documents then carry them). */
function giveUpOnError(): never {
  throw GIVE_UP;
}

const SCALAR_KEY = Symbol.for('yaml.scalar');
const STR = 'tag:yaml.org,2002:str';
const MERGE = 'tag:yaml.org,2002:merge';

/**
 * The options the composer covers: the engine's (yaml.ts), Helm's values files and Chart.yaml (`schema: 'yaml-1.1'`,
 * `merge`), and yaml's defaults. `strict` only adds errors (a comment not after white space, an implicit key over 1,024
 * characters, a multi-line implicit key of a flow sequence's pair): ours gives up on those whatever `strict` says.
 * `uniqueKeys` (not a function) only adds the duplicate-key error: ours gives up on a repeated scalar key when it is
 * on. `prettyErrors` only changes errors, which ours never composes. Anything else is left to yaml's Composer.
 */
function coversOptions(options: Options): boolean {
  const keys = Object.keys(options);
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index];
    const value = (options as Record<string, unknown>)[key];
    switch (key) {
      case 'prettyErrors':
      case 'uniqueKeys':
      case 'strict':
      case 'merge':
        if (value !== undefined && typeof value !== 'boolean') return false;
        break;
      case 'version':
        if (value !== undefined && value !== '1.1' && value !== '1.2') return false;
        break;
      case 'schema':
        if (value !== undefined && value !== 'core' && value !== 'yaml-1.1') return false;
        break;
      default:
        if (value !== undefined) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Properties, ends and empty positions

function resolveProps(tokens: SourceToken[], indicator: string, next: Token | SourceToken | null | undefined, offset: number, flow: boolean, startOnNewline: boolean): Props {
  let spaceBefore = false;
  let atNewline = startOnNewline;
  let hasSpace = startOnNewline;
  let comment = '';
  let commentSep = '';
  let hasNewline = false;
  let reqSpace = false;
  let anchor: SourceToken | null = null;
  let newlineAfterProp: SourceToken | null = null;
  let comma: SourceToken | null = null;
  let found: SourceToken | null = null;
  let start = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const type = token.type;
    if (reqSpace) {
      if (type !== 'space' && type !== 'newline' && type !== 'comma') giveUpOnError();
      reqSpace = false;
    }
    switch (type) {
      case 'space':
        // Tabs near indentation are errors in some places; all of them are left to yaml.
        if (token.source.includes('\t')) giveUp();
        hasSpace = true;
        break;
      case 'comment': {
        if (!hasSpace) giveUpOnError();
        const text = token.source.length > 1 ? token.source.substring(1) : ' ';
        if (comment === '') comment = text;
        else comment += commentSep + text;
        commentSep = '';
        atNewline = false;
        break;
      }
      case 'newline':
        if (atNewline) {
          if (comment !== '') comment += token.source;
          else if (!found || indicator !== 'seq-item-ind') spaceBefore = true;
        } else commentSep += token.source;
        atNewline = true;
        hasNewline = true;
        if (anchor) newlineAfterProp = token;
        hasSpace = true;
        break;
      case 'anchor':
        if (anchor || token.source.endsWith(':')) giveUpOnError();
        anchor = token;
        if (start < 0) start = token.offset;
        atNewline = false;
        hasSpace = false;
        reqSpace = true;
        break;
      case 'comma':
        if (!flow || comma) giveUpOnError();
        comma = token;
        atNewline = false;
        hasSpace = false;
        break;
      default:
        if (type !== indicator || anchor || found) giveUp();
        found = token;
        atNewline = indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
        hasSpace = false;
    }
  }
  const last = tokens[tokens.length - 1];
  const end = last ? last.offset + last.source.length : offset;
  if (reqSpace && next && next.type !== 'space' && next.type !== 'newline' && next.type !== 'comma' && (next.type !== 'scalar' || (next as FlowScalar).source !== '')) giveUpOnError();
  return { comma, found, spaceBefore, comment, hasNewline, anchor, newlineAfterProp, end, start: start < 0 ? end : start };
}

interface End {
  comment: string;
  offset: number;
}

/** `reqSpace`: a comment must follow white space (yaml's `strict`; not at a document's end, where yaml never asks it). */
function resolveEnd(end: SourceToken[] | undefined, offset: number, reqSpace = true): End {
  let comment = '';
  if (end) {
    let sep = '';
    let hasSpace = false;
    for (let i = 0; i < end.length; i++) {
      const { source, type } = end[i];
      if (type === 'space') hasSpace = true;
      else if (type === 'comment') {
        // Not after white space: an error under `strict` (yaml's default).
        if (reqSpace && !hasSpace) giveUpOnError();
        const text = source.length > 1 ? source.substring(1) : ' ';
        if (comment === '') comment = text;
        else comment += sep + text;
        sep = '';
      } else if (type === 'newline') {
        if (comment !== '') sep += source;
        hasSpace = true;
      } else giveUpOnError();
      offset += source.length;
    }
  }
  return { comment, offset };
}

/** Where an empty node is placed: after the last token before it that is not a space, comment or line break. */
function emptyPosition(offset: number, before: SourceToken[] | undefined): number {
  if (!before) return offset;
  for (let i = before.length - 1; i >= 0; i--) {
    const type = before[i].type;
    if (type === 'space' || type === 'comment' || type === 'newline') {
      offset -= before[i].source.length;
      continue;
    }
    for (let j = i + 1; j < before.length && before[j].type === 'space'; j++) offset += before[j].source.length;
    break;
  }
  return offset;
}

function tokensHaveNewline(tokens: SourceToken[] | undefined): boolean {
  if (tokens) for (const token of tokens) if (token.type === 'newline') return true;
  return false;
}

function containsNewline(key: Token | null | undefined): boolean {
  if (!key) return false;
  switch (key.type) {
    case 'alias':
    case 'scalar':
    case 'double-quoted-scalar':
    case 'single-quoted-scalar':
      return key.source.includes('\n') || tokensHaveNewline(key.end);
    case 'flow-collection':
      for (const item of key.items) {
        if (tokensHaveNewline(item.start) || tokensHaveNewline(item.sep)) return true;
        if (containsNewline(item.key) || containsNewline(item.value)) return true;
      }
      return false;
    default:
      return true;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Scalars

/** A plain scalar's value: its lines folded (each trimmed, one line break a space, n+1 line breaks n). */
function foldPlain(source: string): string {
  let at = source.indexOf('\n');
  if (at < 0) return source;
  let line = source.slice(0, at);
  let value = trimEnd(line.endsWith('\r') ? line.slice(0, -1) : line);
  let sep = ' ';
  let from = at + 1;
  for (;;) {
    at = source.indexOf('\n', from);
    if (at < 0) break;
    line = source.slice(from, at);
    const trimmed = trimBoth(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (trimmed === '') {
      if (sep === '\n') value += sep;
      else sep = '\n';
    } else {
      value += sep + trimmed;
      sep = ' ';
    }
    from = at + 1;
  }
  let start = from;
  while (start < source.length && (source.charCodeAt(start) === 32 || source.charCodeAt(start) === 9)) start++;
  return value + sep + source.slice(start);
}

function trimEnd(line: string): string {
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  return end === line.length ? line : line.slice(0, end);
}

function trimBoth(line: string): string {
  let start = 0;
  while (start < line.length && (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9)) start++;
  return trimEnd(start === 0 ? line : line.slice(start));
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

function isSpaceOrTab(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

/** A double-quoted scalar's value (escapes, folded lines); gives up where yaml reports an error. */
function doubleQuoted(source: string): string {
  const last = source.length - 1;
  if (last < 1 || source[last] !== '"') giveUpOnError();
  if (!source.includes('\\') && !source.includes('\n')) return source.slice(1, last);
  let value = '';
  for (let i = 1; i < last; i++) {
    const ch = source[i];
    if (ch === '\r' && source[i + 1] === '\n') continue;
    if (ch === '\n') {
      // One line break folds to a space, n+1 of them (blank lines) to n; the next line's indentation goes.
      let fold = '';
      let next = source[i + 1];
      while (next === ' ' || next === '\t' || next === '\n' || next === '\r') {
        if (next === '\r' && source[i + 2] !== '\n') break;
        if (next === '\n') fold += '\n';
        i++;
        next = source[i + 1];
      }
      value += fold === '' ? ' ' : fold;
    } else if (ch === '\\') {
      const next = source[++i];
      const escaped = ESCAPES[next];
      if (escaped !== undefined) value += escaped;
      else if (next === '\n' || (next === '\r' && source[i + 1] === '\n')) {
        // An escaped line break joins the lines; the next line's leading white space goes.
        if (next === '\r') i++;
        while (isSpaceOrTab(source[i + 1])) i++;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = source.substr(i + 1, length);
        if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) giveUpOnError();
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) giveUpOnError();
        value += String.fromCodePoint(code);
        i += length;
      } else giveUpOnError();
    } else if (ch === ' ' || ch === '\t') {
      // White space before a line break goes.
      const from = i;
      let next = source[i + 1];
      while (next === ' ' || next === '\t') next = source[++i + 1];
      if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n')) value += source.slice(from, i + 1);
    } else value += ch;
  }
  return value;
}

interface ResolvedScalar {
  value: string;
  type: Scalar.Type;
  comment: string;
  range: [number, number, number];
}

function resolveFlowScalar(token: FlowScalar): ResolvedScalar {
  const { offset, source } = token;
  let value: string;
  let type: Scalar.Type;
  switch (token.type) {
    case 'scalar':
      switch (source[0]) {
        case '\t':
        case ',':
        case '%':
        case '|':
        case '>':
        case '@':
        case '`':
          giveUpOnError();
      }
      type = 'PLAIN';
      value = foldPlain(source);
      break;
    case 'single-quoted-scalar':
      if (source.length < 2 || source[source.length - 1] !== "'") giveUpOnError();
      type = 'QUOTE_SINGLE';
      value = foldPlain(source.slice(1, -1));
      if (value.includes("''")) value = value.replace(/''/g, "'");
      break;
    case 'double-quoted-scalar':
      type = 'QUOTE_DOUBLE';
      value = doubleQuoted(source);
      break;
    default:
      return giveUp();
  }
  const valueEnd = offset + source.length;
  const end = resolveEnd(token.end, valueEnd);
  return { value, type, comment: end.comment, range: [offset, valueEnd, end.offset] };
}

function resolveBlockScalar(token: CST.BlockScalar): ResolvedScalar {
  const start = token.offset;
  const props = token.props;
  const header = props[0];
  if (header.type !== 'block-scalar-header') giveUp();
  const mode = header.source[0];
  let explicitIndent = 0;
  let chomp = '';
  for (let i = 1; i < header.source.length; i++) {
    const ch = header.source[i];
    if (!chomp && (ch === '-' || ch === '+')) chomp = ch;
    else if (!explicitIndent && ch >= '1' && ch <= '9') explicitIndent = Number(ch);
    else giveUpOnError();
  }
  let headerLength = header.source.length;
  let comment = '';
  let hasSpace = false;
  for (let i = 1; i < props.length; i++) {
    const prop = props[i];
    if (prop.type === 'comment') {
      // Not after white space: an error under `strict` (yaml's default).
      if (!hasSpace) giveUpOnError();
      comment = prop.source.substring(1);
    } else if (prop.type === 'space') hasSpace = true;
    else if (prop.type !== 'newline') giveUpOnError();
    headerLength += prop.source.length;
  }
  const type: Scalar.Type = mode === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
  const source = token.source;
  const end = start + headerLength + source.length;
  const range: [number, number, number] = [start, end, end];
  // Lines as [indentation (spaces), content].
  const indents: string[] = [];
  const contents: string[] = [];
  if (source) {
    let from = 0;
    for (;;) {
      let spaces = from;
      while (source.charCodeAt(spaces) === 32) spaces++;
      const at = source.indexOf('\n', spaces);
      indents.push(source.slice(from, spaces));
      contents.push(source.slice(spaces, at < 0 ? source.length : at));
      if (at < 0) break;
      from = at + 1;
    }
  }
  const count = indents.length;
  let chompStart = count;
  for (let i = count - 1; i >= 0; i--) {
    const content = contents[i];
    if (content === '' || content === '\r') chompStart = i;
    else break;
  }
  if (chompStart === 0) {
    const value = chomp === '+' && count > 0 ? '\n'.repeat(Math.max(1, count - 1)) : '';
    return { value, type, comment, range };
  }
  let trimIndent = token.indent + explicitIndent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; i++) {
    const indent = indents[i].length;
    const content = contents[i];
    if (content === '' || content === '\r') {
      if (explicitIndent === 0 && indent > trimIndent) trimIndent = indent;
    } else {
      if (indent < trimIndent) giveUpOnError();
      if (explicitIndent === 0) trimIndent = indent;
      contentStart = i;
      // A block scalar in a collection at indentation 0 is an error unless at the root; left to yaml.
      if (trimIndent === 0) giveUp();
      break;
    }
  }
  for (let i = count - 1; i >= chompStart; i--) if (indents[i].length > trimIndent) chompStart = i + 1;
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; i++) value += indents[i].slice(trimIndent) + '\n';
  const literal = type === 'BLOCK_LITERAL';
  for (let i = contentStart; i < chompStart; i++) {
    const indent = indents[i];
    let content = contents[i];
    if (content.endsWith('\r')) content = content.slice(0, -1);
    if (content !== '' && indent.length < trimIndent) giveUpOnError();
    if (literal) {
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
    } else if (indent.length > trimIndent || content[0] === '\t') {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (chomp === '+') {
    for (let i = chompStart; i < count; i++) value += '\n' + indents[i].slice(trimIndent);
    if (value[value.length - 1] !== '\n') value += '\n';
  } else if (chomp !== '-') value += '\n';
  return { value, type, comment, range };
}

/**
 * Whether a plain scalar is a string under both schemas without testing their tags: it starts with a letter that no
 * implicit type starts with: not those of null and the booleans of YAML 1.2 and 1.1, nor `e` (YAML 1.1's exponent
 * floats need no digit before it: `e5` is a float). Numbers, `.inf`, `~`, `<<`, timestamps start with other characters.
 */
function isPlainString(value: string): boolean {
  // An empty scalar first: its out-of-bounds `charCodeAt` threw away composeScalar's optimised code.
  if (value.length === 0) return false;
  const code = value.charCodeAt(0) | 0x20;
  if (code < 0x61 || code > 0x7a) return false;
  // n(ull, o), t(rue), f(alse), y(es), o(n, ff), e(5)
  return code !== 0x6e && code !== 0x74 && code !== 0x66 && code !== 0x79 && code !== 0x6f && code !== 0x65;
}

function composeScalar(ctx: Context, token: FlowScalar | CST.BlockScalar): Scalar {
  const { value, type, comment, range } = token.type === 'block-scalar' ? resolveBlockScalar(token) : resolveFlowScalar(token);
  let tag = ctx.string;
  if (token.type === 'scalar' && !isPlainString(value)) {
    const implicit = ctx.implicit;
    for (let index = 0; index < implicit.length; index++) {
      const candidate = implicit[index];
      if ((candidate.default === true || (ctx.atKey && candidate.default === 'key')) && candidate.test?.test(value)) {
        tag = candidate;
        break;
      }
    }
    if (tag.tag === MERGE) giveUp();
  }
  let scalar: Scalar;
  if (tag === ctx.string) scalar = newScalar(value);
  else {
    const resolved = tag.resolve(value, giveUpOnError, ctx.options);
    scalar = isScalar(resolved) ? resolved : newScalar(resolved);
  }
  scalar.range = range;
  scalar.source = value;
  scalar.type = type;
  if (tag.format) scalar.format = tag.format;
  if (comment) scalar.comment = comment;
  return scalar;
}

// ---------------------------------------------------------------------------------------------------------------
// Nodes and collections

function composeNode(ctx: Context, token: Token, props: Props): ParsedNode {
  const { spaceBefore, comment, anchor } = props;
  let node: ParsedNode;
  switch (token.type) {
    case 'alias':
      if (anchor) giveUpOnError();
      node = composeAlias(token);
      break;
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
    case 'block-scalar':
      node = composeScalar(ctx, token);
      if (anchor) node.anchor = anchor.source.substring(1);
      break;
    case 'block-map':
      node = resolveBlockMap(ctx, token);
      if (anchor) node.anchor = anchor.source.substring(1);
      break;
    case 'block-seq':
      // Properties of a block sequence need a line break after them.
      if (anchor && (!props.newlineAfterProp || props.newlineAfterProp.offset < anchor.offset)) giveUpOnError();
      node = resolveBlockSeq(ctx, token);
      if (anchor) node.anchor = anchor.source.substring(1);
      break;
    case 'flow-collection':
      node = resolveFlowCollection(ctx, token);
      if (anchor) node.anchor = anchor.source.substring(1);
      break;
    default:
      return giveUp();
  }
  if (anchor && anchor.source.length === 1) giveUpOnError();
  if (spaceBefore) node.spaceBefore = true;
  if (comment) {
    if (token.type === 'scalar' && token.source === '') node.comment = comment;
    else node.commentBefore = comment;
  }
  return node;
}

function composeEmptyNode(ctx: Context, offset: number, before: SourceToken[] | undefined, props: Props): Scalar {
  const token: FlowScalar = { type: 'scalar', offset: emptyPosition(offset, before), indent: -1, source: '' };
  const node = composeScalar(ctx, token);
  const { anchor, spaceBefore, comment } = props;
  if (anchor) {
    if (anchor.source.length === 1) giveUpOnError();
    node.anchor = anchor.source.substring(1);
  }
  if (spaceBefore) node.spaceBefore = true;
  if (comment) {
    node.comment = comment;
    node.range![2] = props.end;
  }
  return node;
}

function composeAlias(token: FlowScalar): Alias {
  const { offset, source } = token;
  if (source.length === 1 || source.endsWith(':')) giveUpOnError();
  const alias = new AliasNode(source.substring(1));
  const valueEnd = offset + source.length;
  const end = resolveEnd(token.end, valueEnd);
  alias.range = [offset, valueEnd, end.offset];
  if (end.comment) alias.comment = end.comment;
  return alias;
}

function resolveBlockMap(ctx: Context, token: CST.BlockMap): YAMLMap {
  const map = new MapNode(ctx.schema);
  ctx.atRoot = false;
  let offset = token.offset;
  let commentEnd: number | null = null;
  const keys = ctx.unique ? new Set<unknown>() : undefined;
  const items = token.items as Item[];
  for (let index = 0; index < items.length; index++) {
    const { start, key, sep, value } = items[index];
    const keyProps = resolveProps(start, 'explicit-key-ind', key ?? sep?.[0], offset, false, true);
    // Explicit keys are left to yaml.
    if (keyProps.found) giveUp();
    if (key && (!sep || key.type === 'block-seq' || ('indent' in key && key.indent !== token.indent))) giveUpOnError();
    if (!keyProps.anchor && !sep) {
      commentEnd = keyProps.end;
      if (keyProps.comment) map.comment = map.comment ? `${map.comment}\n${keyProps.comment}` : keyProps.comment;
      continue;
    }
    if (keyProps.newlineAfterProp || containsNewline(key)) giveUpOnError();
    ctx.atKey = true;
    const keyNode = key ? composeNode(ctx, key, keyProps) : composeEmptyNode(ctx, keyProps.end, start, keyProps);
    ctx.atKey = false;
    if (keys) uniqueKey(keys, keyNode);
    const valueProps = resolveProps(sep ?? [], 'map-value-ind', value, keyNode.range![2], false, !key || key.type === 'block-scalar');
    offset = valueProps.end;
    // A key without `:` is an error; so is a `:` over 1,024 characters after the key's start, under `strict`.
    if (!valueProps.found || keyProps.start < valueProps.found.offset - 1024) giveUpOnError();
    if (value?.type === 'block-map' && !valueProps.hasNewline) giveUpOnError();
    const valueNode = value ? composeNode(ctx, value, valueProps) : composeEmptyNode(ctx, offset, sep, valueProps);
    offset = valueNode.range![2];
    map.items.push(newPair(keyNode, valueNode));
  }
  if (commentEnd !== null && commentEnd < offset) giveUpOnError();
  map.range = [token.offset, offset, commentEnd ?? offset];
  return map;
}

function resolveBlockSeq(ctx: Context, token: CST.BlockSequence): YAMLSeq {
  const seq = new SeqNode(ctx.schema);
  ctx.atRoot = false;
  ctx.atKey = false;
  let offset = token.offset;
  let commentEnd: number | null = null;
  const items = token.items;
  for (let index = 0; index < items.length; index++) {
    const { start, value } = items[index];
    const props = resolveProps(start, 'seq-item-ind', value, offset, false, true);
    if (!props.found) {
      if (props.anchor || value) giveUpOnError();
      commentEnd = props.end;
      if (props.comment) seq.comment = props.comment;
      continue;
    }
    const node = value ? composeNode(ctx, value, props) : composeEmptyNode(ctx, props.end, start, props);
    offset = node.range![2];
    seq.items.push(node);
  }
  seq.range = [token.offset, offset, commentEnd ?? offset];
  return seq;
}

/** Under `uniqueKeys`, a scalar key whose value an earlier scalar key of the map has is yaml's DUPLICATE_KEY error. */
function uniqueKey(keys: Set<unknown>, key: ParsedNode): void {
  if (!isScalar(key)) return;
  // A Set finds NaN again where yaml's `===` does not: one more give-up, never one fewer.
  if (keys.has(key.value)) giveUpOnError();
  keys.add(key.value);
}

function isBlock(token: Token | null | undefined): boolean {
  return token?.type === 'block-map' || token?.type === 'block-seq';
}

function resolveFlowCollection(ctx: Context, token: CST.FlowCollection): YAMLMap | YAMLSeq {
  const isMap = token.start.source === '{';
  const collection = isMap ? new MapNode(ctx.schema) : new SeqNode(ctx.schema);
  collection.flow = true;
  ctx.atRoot = false;
  ctx.atKey = false;
  let offset = token.offset + token.start.source.length;
  let flowKeys: Set<unknown> | undefined;
  const items = token.items;
  for (let i = 0; i < items.length; i++) {
    const { start, key, sep, value } = items[i];
    const props = resolveProps(start, 'explicit-key-ind', key ?? sep?.[0], offset, true, false);
    if (props.found || (key && !sep)) giveUp();
    if (!props.anchor && !sep && !value) {
      // Only a trailing empty item (after the last comma) is no error.
      if ((i === 0 && props.comma) || i < items.length - 1) giveUpOnError();
      if (props.comment) collection.comment = collection.comment ? `${collection.comment}\n${props.comment}` : props.comment;
      offset = props.end;
      continue;
    }
    if (i === 0 ? props.comma : !props.comma) giveUpOnError();
    // A multi-line implicit key of a flow sequence's pair: an error under `strict`.
    if (!isMap && containsNewline(key)) giveUpOnError();
    if (i > 0 && props.comment) {
      // A comment on the previous item's line (after the comma) is that item's.
      let previousComment = '';
      for (const st of start) {
        if (st.type === 'comma' || st.type === 'space') continue;
        if (st.type === 'comment') previousComment = st.source.substring(1);
        break;
      }
      if (previousComment) {
        let previous = collection.items[collection.items.length - 1] as ParsedNode | Pair;
        if (previous instanceof Pair) previous = (previous.value ?? previous.key) as ParsedNode;
        previous.comment = previous.comment ? `${previous.comment}\n${previousComment}` : previousComment;
        props.comment = props.comment.substring(previousComment.length + 1);
      }
    }
    if (!isMap && !sep) {
      if (isBlock(value)) giveUpOnError();
      const valueNode = value ? composeNode(ctx, value, props) : composeEmptyNode(ctx, props.end, sep, props);
      (collection as YAMLSeq).items.push(valueNode);
      offset = valueNode.range![2];
      continue;
    }
    // A pair: in a flow map, or a one-pair map in a flow sequence.
    if (isBlock(key)) giveUpOnError();
    ctx.atKey = true;
    const keyNode = key ? composeNode(ctx, key, props) : composeEmptyNode(ctx, props.end, start, props);
    ctx.atKey = false;
    const valueProps = resolveProps(sep ?? [], 'map-value-ind', value, keyNode.range![2], true, false);
    if (!valueProps.found && value) giveUpOnError();
    if (!isMap && valueProps.found) {
      // The same for a line break before the `:` of a flow sequence's pair, or the `:` too far from the key's start.
      if (props.start < valueProps.found.offset - 1024) giveUpOnError();
      for (const st of sep!) {
        if (st === valueProps.found) break;
        if (st.type === 'newline') giveUpOnError();
      }
    }
    if (isBlock(value)) giveUpOnError();
    const valueNode = value ? composeNode(ctx, value, valueProps) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, valueProps) : null;
    if (!valueNode && valueProps.comment) keyNode.comment = keyNode.comment ? `${keyNode.comment}\n${valueProps.comment}` : valueProps.comment;
    const pair = newPair(keyNode, valueNode);
    if (isMap) {
      if (ctx.unique) uniqueKey(flowKeys ??= new Set(), keyNode);
      (collection as YAMLMap).items.push(pair);
    }
    else {
      const map = new MapNode(ctx.schema);
      map.flow = true;
      map.items.push(pair);
      const endRange = (valueNode ?? keyNode).range!;
      map.range = [keyNode.range![0], endRange[1], endRange[2]];
      (collection as YAMLSeq).items.push(map);
    }
    offset = valueNode ? valueNode.range![2] : valueProps.end;
  }
  const close = token.end[0];
  if (!close || close.source !== (isMap ? '}' : ']')) giveUpOnError();
  const closeEnd = close.offset + close.source.length;
  if (token.end.length > 1) {
    const end = resolveEnd(token.end.slice(1), closeEnd);
    if (end.comment) collection.comment = collection.comment ? `${collection.comment}\n${end.comment}` : end.comment;
    collection.range = [token.offset, closeEnd, end.offset];
  } else collection.range = [token.offset, closeEnd, closeEnd];
  return collection;
}

// ---------------------------------------------------------------------------------------------------------------
// Documents and the stream

type Directives = Document['directives'];

function composeDoc(options: Options, directives: Directives, token: CST.Document): Document.Parsed {
  const doc = new Document(undefined, Object.assign({ _directives: directives }, options)) as Document.Parsed;
  const schema = doc.schema as Document['schema'] & { compat?: unknown; tags: ScalarTag[] } & Record<symbol, ScalarTag>;
  const string = schema[SCALAR_KEY];
  if (schema.compat || !string || string.tag !== STR) giveUp();
  const implicit: ScalarTag[] = [];
  const tags = schema.tags;
  for (let index = 0; index < tags.length; index++) if (tags[index].default === true || tags[index].default === 'key') implicit.push(tags[index]);
  const ctx: Context = { atKey: false, atRoot: true, options: doc.options, schema: doc.schema, implicit, string, unique: doc.options.uniqueKeys !== false };
  const { offset, start, value, end } = token;
  const props = resolveProps(start, 'doc-start', value ?? end?.[0], offset, false, true);
  if (props.found) {
    doc.directives.docStart = true;
    if (value && (value.type === 'block-map' || value.type === 'block-seq') && !props.hasNewline) giveUpOnError();
  }
  const contents = value ? composeNode(ctx, value, props) : composeEmptyNode(ctx, props.end, start, props);
  doc.contents = contents as Document.Parsed['contents'];
  const contentEnd = contents.range![2];
  const documentEnd = resolveEnd(end, contentEnd, false);
  if (documentEnd.comment) doc.comment = documentEnd.comment;
  doc.range = [offset, contentEnd, documentEnd.offset];
  return doc;
}

/** The comment of the lines before a document (or at the end of the stream), and whether a blank line ends them. */
function parsePrelude(prelude: string[]): { comment: string; afterEmptyLine: boolean } {
  let comment = '';
  let atComment = false;
  let afterEmptyLine = false;
  for (const source of prelude) {
    if (source[0] === '#') {
      comment += (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') + (source.length > 1 ? source.substring(1) : ' ');
      atComment = true;
      afterEmptyLine = false;
    } else {
      if (!atComment) afterEmptyLine = true;
      atComment = false;
    }
  }
  return { comment, afterEmptyLine };
}

/** Puts the prelude's comment on the document (before it, on its first node, or after it at a document end). */
function decorate(doc: Document.Parsed, prelude: string[], afterDoc: boolean): void {
  const { comment, afterEmptyLine } = parsePrelude(prelude);
  if (comment) {
    const contents = doc.contents as ParsedNode | null;
    if (afterDoc) doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
    else if (afterEmptyLine || doc.directives.docStart || !contents) doc.commentBefore = comment;
    else if ((contents instanceof YAMLMap || contents instanceof YAMLSeq) && !contents.flow && contents.items.length > 0) {
      let first = contents.items[0] as ParsedNode | Pair;
      if (first instanceof Pair) first = first.key as ParsedNode;
      first.commentBefore = first.commentBefore ? `${comment}\n${first.commentBefore}` : comment;
    } else contents.commentBefore = contents.commentBefore ? `${comment}\n${contents.commentBefore}` : comment;
  }
  if (!afterDoc) {
    doc.errors = [];
    doc.warnings = [];
  }
  prelude.length = 0;
}

/**
 * The Documents yaml's Composer builds from `tokens` (with `options`, which must be the engine's: see
 * coversOptions), or undefined when the tokens leave this composer's subset. An empty stream answers an empty list
 * carrying its comment, directives, errors and warnings, as `parseAllDocuments` does. `tokens` is not changed.
 */
export function composeYamlDocuments(tokens: Iterable<Token>, options: Options): Document.Parsed[] | undefined {
  if (!coversOptions(options)) return undefined;
  const directives = new Composer(options).streamInfo().directives as Directives;
  const prelude: string[] = [];
  const documents: Document.Parsed[] = [];
  let doc: Document.Parsed | null = null;
  try {
    for (const token of tokens) {
      switch (token.type) {
        case 'document': {
          const next = composeDoc(options, directives, token);
          decorate(next, prelude, false);
          if (doc) documents.push(doc);
          doc = next;
          break;
        }
        case 'byte-order-mark':
        case 'space':
          break;
        case 'comment':
        case 'newline':
          prelude.push(token.source);
          break;
        case 'doc-end': {
          if (!doc) giveUpOnError();
          doc.directives.docEnd = true;
          const end = resolveEnd(token.end, token.offset + token.source.length);
          decorate(doc, prelude, true);
          if (end.comment) doc.comment = doc.comment ? `${doc.comment}\n${end.comment}` : end.comment;
          doc.range[2] = end.offset;
          break;
        }
        default:
          // Directives (they change the version and tag handles) and errors.
          giveUp();
      }
    }
  } catch {
    // GIVE_UP, a stack overflow on deep nesting, or a tag's resolve throwing (yaml reports that as an error): yaml's
    // Composer composes it.
    return undefined;
  }
  if (doc) {
    decorate(doc, prelude, true);
    documents.push(doc);
    return documents;
  }
  return Object.assign([], { empty: true }, { comment: parsePrelude(prelude).comment, directives, errors: [], warnings: [] });
}
