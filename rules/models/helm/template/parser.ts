/**
 * Go's text/template parser (src/text/template/parse/parse.go), clean-room: the same grammar, the same
 * variable scoping checks and the same error messages (`template: <name>:<line>: <message>`).
 */
import { TemplateError } from '../value';
import {
  BOOL, CHAR, CHAR_CONSTANT, COMPLEX, DECLARE, DOT, EOF, ERROR, FIELD, IDENTIFIER, KEYWORD, LEFT_DELIM, LEFT_PAREN, NIL, NUMBER, PIPE,
  RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE, ASSIGN, lex, releaseTokens, type Tokens,
} from './lexer';
import { parseNumber } from './number';
import { unquote } from './unquote';
import type {
  ArgNode,
  CommandNode,
  IfOrWithNode,
  ItemNode,
  ListNode,
  NumberNode,
  ParsedTemplate,
  PipeNode,
  RangeNode,
  TemplateNode,
  TemplateSource,
  VariableNode,
} from './tree';
import { isEmptyList, lineAt, nodeText } from './tree';

/** A template that does not parse; `line` is 1-based. */
export class TemplateParseError extends TemplateError {
  constructor(
    message: string,
    readonly file: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'TemplateParseError';
  }
}

/** Which function names exist (Go rejects an unknown function at parse time). */
export interface FunctionNames {
  has(name: string): boolean;
}

/** `{{end}}` or `{{else}}` ending a list. */
interface ListEnd {
  type: 'end' | 'else';
  start: number;
  /** For `{{else if`/`{{else with`: the keyword was left unread. */
  chained: boolean;
}

/**
 * Parses one file: its body (named `source.name`) and its `define`/`block` templates, in the order Go adds
 * them. Throws TemplateParseError.
 */
export function parseFile(source: TemplateSource, functions: FunctionNames): ParsedTemplate[] {
  const parser = new Parser(source, functions);
  try {
    return parser.parse();
  } catch (error) {
    // Thousands of nested parentheses or blocks exhaust the stack of this recursive-descent parser.
    if (error instanceof RangeError) throw new TemplateParseError(`template: ${source.name}: nested too deeply to parse`, source.file, 0);
    throw error;
  } finally {
    // The trees hold no token: the arrays go to the next file's lexing.
    releaseTokens(parser.tokens);
  }
}

/** A token: its index in the file's `Tokens`. */
type Token = number;

class Parser {
  readonly tokens: Tokens;
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** Index of the last token (`eof` or `error`). */
  private readonly last: number;
  private readonly text: string;
  private index = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  /** Start of the action being parsed (for "in action started at"). */
  private actionStart = -1;
  private readonly defined = new Map<string, ParsedTemplate>();
  /**
   * The entries of the lists being built (list nodes, pipeline commands, command arguments), a nested list's
   * above its parent's: each list takes its own off (`built`) before its parent adds again, so every list of
   * the tree is allocated once at its size. An array grown by `push` keeps room for 16 entries, which the tree
   * (kept in the parse cache for the run) would hold, or a copy to size would throw away, for nothing.
   */
  private readonly building: unknown[] = [];
  private buildingTop = 0;

  constructor(
    private readonly source: TemplateSource,
    private readonly functions: FunctionNames,
  ) {
    this.text = source.text;
    this.tokens = lex(source.text);
    this.kinds = this.tokens.kinds;
    this.starts = this.tokens.starts;
    this.ends = this.tokens.ends;
    this.last = this.tokens.count - 1;
  }

  parse(): ParsedTemplate[] {
    const root: ListNode = { type: 'list', nodes: NO_NODES, start: 0, end: this.source.text.length };
    const nodes = this.buildingTop;
    while (this.kinds[this.peek()] !== EOF) {
      if (this.kinds[this.peek()] === LEFT_DELIM) {
        const delim = this.next();
        const word = this.nextNonSpace();
        if (this.isKeyword(word, 'define')) {
          this.actionStart = this.starts[delim];
          this.parseDefinition(this.starts[delim]);
          continue;
        }
        this.index = delim;
      }
      const node = this.textOrAction();
      if ('chained' in node) this.fail(`unexpected {{${node.type}}}`, node.start);
      else this.building[this.buildingTop++] = node;
    }
    root.nodes = this.built(nodes);
    this.add({ name: this.source.name, root, source: this.source });
    return [...this.defined.values()];
  }

  // --- tokens

  private next(): Token {
    const token = Math.min(this.index, this.last);
    this.index = token < this.last ? token + 1 : this.last + 1; // past the eof/error token: peek() keeps returning it
    return token;
  }

  private peek(): Token {
    return Math.min(this.index, this.last);
  }

  private nextNonSpace(): Token {
    let token = this.next();
    while (this.kinds[token] === SPACE) token = this.next();
    return token;
  }

  private value(token: Token): string {
    return this.tokens.value(token);
  }

  private isKeyword(token: Token, word: string): boolean {
    return this.kinds[token] === KEYWORD && this.value(token) === word;
  }

  private peekNonSpace(): Token {
    const mark = this.index;
    const token = this.nextNonSpace();
    this.index = mark;
    return token;
  }

  private backupTo(mark: number): void {
    this.index = mark;
  }

  /** The entries added to `building` since `mark`, taken off it (see `building`). */
  private built<T>(mark: number): T[] {
    const items = this.building.slice(mark, this.buildingTop) as T[];
    this.buildingTop = mark;
    return items;
  }

  // --- errors

  private line(offset: number): number {
    return lineAt(this.source.text, offset);
  }

  private fail(message: string, offset = this.starts[Math.max(0, Math.min(this.index, this.last + 1) - 1)]): never {
    throw new TemplateParseError(`template: ${this.source.name}:${this.line(offset)}: ${message}`, this.source.file, offset);
  }

  private describe(token: Token): string {
    switch (this.kinds[token]) {
      case EOF:
        return 'EOF';
      case ERROR:
        return this.value(token);
      case KEYWORD:
        return `<${this.value(token)}>`;
    }
    return goQuote(this.value(token));
  }

  private unexpected(token: Token, context: string): never {
    const start = this.starts[token];
    if (this.kinds[token] === ERROR) {
      const message = this.value(token);
      let extra = '';
      if (this.actionStart >= 0 && this.line(this.actionStart) !== this.line(start)) {
        extra = ` in action started at ${this.source.name}:${this.line(this.actionStart)}`;
        if (message.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.fail(`${message}${extra}`, start);
    }
    this.fail(`unexpected ${this.describe(token)} in ${context}`, start);
  }

  /** The next non-space token, of `kind` (a lexer kind number). */
  private expect(kind: number, context: string): Token {
    const token = this.nextNonSpace();
    if (this.kinds[token] !== kind) this.unexpected(token, context);
    return token;
  }

  // --- templates

  private add(template: ParsedTemplate): void {
    const existing = this.defined.get(template.name);
    if (!existing || isEmptyList(existing.root)) {
      this.defined.set(template.name, template);
      return;
    }
    if (!isEmptyList(template.root)) this.fail(`template: multiple definition of template "${template.name}"`, template.root.start);
  }

  private withFreshScope<T>(body: () => T): T {
    const saved = { vars: this.vars, rangeDepth: this.rangeDepth };
    this.vars = ['$'];
    this.rangeDepth = 0;
    try {
      return body();
    } finally {
      this.vars = saved.vars;
      this.rangeDepth = saved.rangeDepth;
    }
  }

  private templateName(token: Token, context: string): string {
    if (this.kinds[token] !== STRING && this.kinds[token] !== RAW_STRING) this.unexpected(token, context);
    const name = unquote(this.value(token));
    if (name === undefined) this.fail('invalid syntax', this.starts[token]);
    return name;
  }

  private parseDefinition(start: number): void {
    const context = 'define clause';
    const nameToken = this.nextNonSpace();
    const name = this.templateName(nameToken, context);
    this.expect(RIGHT_DELIM, context);
    this.withFreshScope(() => {
      const [root, end] = this.itemList();
      if (end.type !== 'end') this.fail(`unexpected {{${end.type}}} in ${context}`, end.start);
      root.start = start;
      this.add({ name, root, source: this.source });
    });
  }

  // --- lists and actions

  private itemList(): [ListNode, ListEnd] {
    const list: ListNode = { type: 'list', nodes: NO_NODES, start: this.starts[this.peekNonSpace()], end: 0 };
    const nodes = this.buildingTop;
    while (this.kinds[this.peekNonSpace()] !== EOF) {
      const node = this.textOrAction();
      if ('chained' in node) {
        list.end = node.start;
        list.nodes = this.built(nodes);
        return [list, node];
      }
      this.building[this.buildingTop++] = node;
    }
    const last = this.peek();
    if (this.kinds[last] === ERROR) this.unexpected(last, 'input');
    this.fail('unexpected EOF', this.starts[last]);
  }

  private textOrAction(): ItemNode | ListEnd {
    const token = this.nextNonSpace();
    const start = this.starts[token];
    if (this.kinds[token] === TEXT) return { type: 'text', text: this.value(token), start, end: this.ends[token] };
    if (this.kinds[token] === LEFT_DELIM) {
      const saved = this.actionStart;
      this.actionStart = start;
      try {
        return this.action(start);
      } finally {
        this.actionStart = saved;
      }
    }
    this.unexpected(token, 'input');
  }

  private action(start: number): ItemNode | ListEnd {
    const mark = this.index;
    const token = this.nextNonSpace();
    if (this.kinds[token] === KEYWORD) {
      const keyword = this.value(token);
      switch (keyword) {
        case 'block':
          return this.blockControl(start);
        case 'break':
        case 'continue':
          if (this.rangeDepth > 0) return this.breakControl(start, keyword);
          break;
        case 'else':
          return this.elseControl();
        case 'end':
          return { type: 'end', start: this.starts[this.expect(RIGHT_DELIM, 'end')], chained: false };
        case 'if':
        case 'with':
          return this.ifOrWith(keyword, start);
        case 'range':
          return this.rangeControl(start);
        case 'template':
          return this.templateControl(start);
      }
      if (keyword === 'break' || keyword === 'continue') {
        // Outside a range Go lexes them as identifiers: an undefined function.
        this.fail(`function "${keyword}" not defined`, this.starts[token]);
      }
    }
    this.backupTo(mark);
    const pipe = this.pipeline('command', RIGHT_DELIM);
    return { type: 'action', pipe, start, end: this.ends[this.index - 1] };
  }

  private breakControl(start: number, keyword: 'break' | 'continue'): ItemNode {
    const token = this.nextNonSpace();
    if (this.kinds[token] !== RIGHT_DELIM) this.unexpected(token, `{{${keyword}}}`);
    return { type: keyword, start, end: this.ends[token] };
  }

  private elseControl(): ListEnd {
    const peek = this.peekNonSpace();
    if (this.isKeyword(peek, 'if') || this.isKeyword(peek, 'with')) {
      return { type: 'else', start: this.starts[peek], chained: true };
    }
    return { type: 'else', start: this.starts[this.expect(RIGHT_DELIM, 'else')], chained: false };
  }

  private parseControl(context: 'if' | 'with' | 'range'): { pipe: PipeNode; list: ListNode; elseList?: ListNode; end: number } {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, RIGHT_DELIM);
      if (context === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        const peek = this.peekNonSpace();
        if (next.chained && context !== 'range' && this.isKeyword(peek, context)) {
          // {{else if x}} is {{else}}{{if x}}…{{end}}{{end}}: the inner if consumes the one {{end}}.
          this.nextNonSpace();
          const inner = this.ifOrWith(context, next.start);
          elseList = { type: 'list', nodes: [inner], start: next.start, end: inner.end };
          return { pipe, list, elseList, end: inner.end };
        }
        [elseList, next] = this.itemList();
        if (next.type !== 'end') this.fail(`expected end; found {{${next.type}}}`, next.start);
      }
      return { pipe, list, elseList, end: this.ends[this.index - 1] };
    } finally {
      this.vars.length = mark;
    }
  }

  private ifOrWith(type: 'if' | 'with', start: number): IfOrWithNode {
    const { pipe, list, elseList, end } = this.parseControl(type);
    return { type, pipe, list, elseList, start, end };
  }

  private rangeControl(start: number): RangeNode {
    const { pipe, list, elseList, end } = this.parseControl('range');
    return { type: 'range', pipe, list, elseList, start, end };
  }

  private templateControl(start: number): TemplateNode {
    const context = 'template clause';
    const name = this.templateName(this.nextNonSpace(), context);
    let pipe: PipeNode | undefined;
    const mark = this.index;
    if (this.kinds[this.nextNonSpace()] !== RIGHT_DELIM) {
      this.backupTo(mark);
      pipe = this.pipeline(context, RIGHT_DELIM);
    }
    return { type: 'template', name, pipe, start, end: this.ends[this.index - 1] };
  }

  private blockControl(start: number): TemplateNode {
    const context = 'block clause';
    const name = this.templateName(this.nextNonSpace(), context);
    const pipe = this.pipeline(context, RIGHT_DELIM);
    const end = this.ends[this.index - 1];
    this.withFreshScope(() => {
      const [root, listEnd] = this.itemList();
      if (listEnd.type !== 'end') this.fail(`unexpected {{${listEnd.type}}} in ${context}`, listEnd.start);
      this.add({ name, root, source: this.source });
    });
    return { type: 'template', name, pipe, start, end };
  }

  // --- pipelines

  /** `end`: RIGHT_DELIM or RIGHT_PAREN. */
  private pipeline(context: string, end: number): PipeNode {
    const first = this.starts[this.peekNonSpace()];
    const pipe: PipeNode = { type: 'pipe', decl: NO_VARIABLES, isAssign: false, cmds: NO_COMMANDS, start: first, end: first };
    this.declarations(pipe, context);
    const cmds = this.buildingTop;
    for (;;) {
      const token = this.nextNonSpace();
      const kind = this.kinds[token];
      if (kind === end) {
        pipe.cmds = this.built(cmds);
        this.checkPipeline(pipe, context, token);
        pipe.end = pipe.cmds.length ? pipe.cmds[pipe.cmds.length - 1].end : this.starts[token];
        return pipe;
      }
      switch (kind) {
        case BOOL:
        case CHAR_CONSTANT:
        case COMPLEX:
        case DOT:
        case FIELD:
        case IDENTIFIER:
        case NUMBER:
        case NIL:
        case RAW_STRING:
        case STRING:
        case VARIABLE:
        case LEFT_PAREN:
          this.index--;
          this.building[this.buildingTop++] = this.command();
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (this.kinds[v] !== VARIABLE) return;
      const mark = this.index;
      this.nextNonSpace();
      const next = this.peekNonSpace();
      const nextKind = this.kinds[next];
      if (nextKind === ASSIGN || nextKind === DECLARE) {
        pipe.isAssign = nextKind === ASSIGN;
        this.nextNonSpace();
        const name = this.value(v);
        pipe.decl = pipe.decl.concat({ type: 'variable', idents: [name], start: this.starts[v], end: this.ends[v] });
        this.vars.push(name);
        return;
      }
      if (nextKind === CHAR && this.value(next) === ',') {
        this.nextNonSpace();
        const name = this.value(v);
        pipe.decl = pipe.decl.concat({ type: 'variable', idents: [name], start: this.starts[v], end: this.ends[v] });
        this.vars.push(name);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.kinds[this.peekNonSpace()];
          if (after === VARIABLE || after === RIGHT_DELIM || after === RIGHT_PAREN) continue;
          this.fail('range can only initialize variables');
        }
        this.fail(`too many declarations in ${context}`);
      }
      this.backupTo(mark);
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string, at: Token): void {
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, this.starts[at]);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const kind = pipe.cmds[i].args[0].type;
      if (kind === 'bool' || kind === 'dot' || kind === 'nil' || kind === 'number' || kind === 'string') {
        this.fail(`non executable command in pipeline stage ${i + 1}`, pipe.cmds[i].start);
      }
    }
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', args: NO_ARGS, start: this.starts[this.peekNonSpace()], end: 0 };
    const args = this.buildingTop;
    for (;;) {
      this.skipSpaces();
      const operand = this.operand();
      if (operand) this.building[this.buildingTop++] = operand;
      const token = this.next();
      const kind = this.kinds[token];
      if (kind === SPACE) continue;
      if (kind === RIGHT_DELIM || kind === RIGHT_PAREN) this.index--;
      else if (kind !== PIPE) this.unexpected(token, 'operand');
      break;
    }
    cmd.args = this.built(args);
    if (cmd.args.length === 0) this.fail('empty command');
    cmd.end = cmd.args[cmd.args.length - 1].end;
    return cmd;
  }

  private skipSpaces(): void {
    while (this.kinds[this.peek()] === SPACE) this.next();
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node || this.kinds[this.peek()] !== FIELD) return node;
    if (node.type === 'field' || node.type === 'variable') {
      // term() built the node just now: it takes the chain's names, its list built once at its size (see `building`).
      const idents = this.buildingTop;
      this.building[this.buildingTop++] = node.idents[0];
      while (this.kinds[this.peek()] === FIELD) {
        const field = this.next();
        this.building[this.buildingTop++] = interned(this.text.slice(this.starts[field] + 1, this.ends[field]));
        node.end = this.ends[field];
      }
      node.idents = this.built(idents);
      return node;
    }
    const fields: string[] = [];
    let end = node.end;
    while (this.kinds[this.peek()] === FIELD) {
      const field = this.next();
      fields.push(interned(this.text.slice(this.starts[field] + 1, this.ends[field])));
      end = this.ends[field];
    }
    switch (node.type) {
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.fail(`unexpected . after term ${goQuote(nodeText(node))}`);
    }
    return { type: 'chain', node, fields, start: node.start, end };
  }

  private term(): ArgNode | undefined {
    const mark = this.index;
    const token = this.nextNonSpace();
    const start = this.starts[token];
    const end = this.ends[token];
    switch (this.kinds[token]) {
      case IDENTIFIER: {
        const name = this.value(token);
        if (!this.functions.has(name)) this.fail(`function "${name}" not defined`, start);
        return { type: 'identifier', name: interned(name), start, end };
      }
      case DOT:
        return { type: 'dot', start, end };
      case NIL:
        return { type: 'nil', start, end };
      case VARIABLE: {
        const name = this.value(token);
        if (!this.vars.includes(name)) this.fail(`undefined variable "${name}"`, start);
        return { type: 'variable', idents: [name], start, end };
      }
      case FIELD:
        return { type: 'field', idents: [interned(this.text.slice(start + 1, end))], start, end };
      case BOOL:
        return { type: 'bool', value: this.value(token) === 'true', start, end };
      case CHAR_CONSTANT:
      case NUMBER:
      case COMPLEX:
        return this.number(token);
      case LEFT_PAREN: {
        const pipe = this.pipeline('parenthesized pipeline', RIGHT_PAREN);
        pipe.start = start;
        pipe.end = this.ends[this.index - 1];
        return pipe;
      }
      case STRING:
      case RAW_STRING: {
        const quoted = this.value(token);
        const value = unquote(quoted);
        if (value === undefined) this.fail('invalid syntax', start);
        return { type: 'string', quoted: interned(quoted), value: interned(value), start, end };
      }
    }
    this.backupTo(mark);
    return undefined;
  }

  private number(token: Token): NumberNode {
    const text = this.value(token);
    const start = this.starts[token];
    const end = this.ends[token];
    if (this.kinds[token] === CHAR_CONSTANT) {
      const rune = unquote(text);
      if (rune === undefined) this.fail(`malformed character constant: ${text}`, start);
      return { type: 'number', text, start, end, value: BigInt(rune.codePointAt(0)!) };
    }
    if (this.kinds[token] === COMPLEX) return { type: 'number', text, start, end, value: 0, complex: true };
    const parsed = parseNumber(text);
    switch (parsed.kind) {
      case 'int':
      case 'float':
        return { type: 'number', text, start, end, value: parsed.value };
      case 'complex':
        return { type: 'number', text, start, end, value: 0, complex: true };
      case 'uint':
        // Go parses it and fails when it is used ("overflows int"); keep the value for that message.
        return { type: 'number', text, start, end, value: parsed.value };
      case 'error':
        this.fail(parsed.message, start);
    }
  }
}

/** Go's %q of a short token: at most 10 runes shown, then `...`. */
function goQuote(value: string): string {
  const runes = [...value];
  const shown = runes.length > 10 ? runes.slice(0, 10).join('') : value;
  return JSON.stringify(shown) + (runes.length > 10 ? '...' : '');
}

/**
 * One string per name for every tree: field names (`Values`, `image`), function names and quoted strings (include
 * names) recur call after call and chart after chart, and the trees are kept while a chart renders and in the parse
 * cache; a string sliced from each file would be one more object per node, ≈ 60,000 over the corpus charts' renders.
 */
const names = new Map<string, string>();
/** Names kept at most (a bound for a run over many charts; names beyond it are not shared). */
const MAX_NAMES = 50_000;
/** Longer strings (text in a `printf`) seldom recur. */
const MAX_NAME_LENGTH = 64;

function interned(name: string): string {
  if (name.length > MAX_NAME_LENGTH) return name;
  const known = names.get(name);
  if (known !== undefined) return known;
  if (names.size >= MAX_NAMES) return name;
  // A name sliced from a template (13 characters or more in V8) holds the template's whole text: the table, which
  // lives as long as the process (the language server's too), keeps a copy of its own.
  const kept = name.length >= 13 ? (name + ' ').slice(0, -1) : name;
  names.set(kept, kept);
  return kept;
}

/** Placeholders until a node's list is built (and a pipeline's declarations when it has none: most). */
const NO_NODES: ItemNode[] = [];
const NO_COMMANDS: CommandNode[] = [];
const NO_ARGS: ArgNode[] = [];
const NO_VARIABLES: VariableNode[] = [];
