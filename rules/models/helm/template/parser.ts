/**
 * Go's text/template parser (src/text/template/parse/parse.go), clean-room: the same grammar, the same
 * variable scoping checks and the same error messages (`template: <name>:<line>: <message>`).
 */
import { TemplateError } from '../value';
import { lex, type Token } from './lexer';
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
  try {
    return new Parser(source, functions).parse();
  } catch (error) {
    // Thousands of nested parentheses or blocks exhaust the stack of this recursive-descent parser.
    if (error instanceof RangeError) throw new TemplateParseError(`template: ${source.name}: nested too deeply to parse`, source.file, 0);
    throw error;
  }
}

class Parser {
  private readonly tokens: Token[];
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
    this.tokens = lex(source.text);
  }

  parse(): ParsedTemplate[] {
    const root: ListNode = { type: 'list', nodes: NO_NODES, start: 0, end: this.source.text.length };
    const nodes = this.buildingTop;
    while (this.peek().kind !== 'eof') {
      if (this.peek().kind === 'leftDelim') {
        const delim = this.next();
        const word = this.nextNonSpace();
        if (word.kind === 'keyword' && word.value === 'define') {
          this.actionStart = delim.start;
          this.parseDefinition(delim.start);
          continue;
        }
        this.index -= 1;
        while (this.tokens[this.index] !== delim) this.index--;
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
    const token = this.tokens[this.index];
    if (this.index < this.tokens.length - 1) this.index++;
    else this.index = this.tokens.length; // past the eof/error token: peek() keeps returning it
    return token;
  }

  private peek(): Token {
    return this.tokens[Math.min(this.index, this.tokens.length - 1)];
  }

  private nextNonSpace(): Token {
    let token = this.next();
    while (token.kind === 'space') token = this.next();
    return token;
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

  private fail(message: string, offset = this.tokens[Math.max(0, Math.min(this.index, this.tokens.length) - 1)].start): never {
    throw new TemplateParseError(`template: ${this.source.name}:${this.line(offset)}: ${message}`, this.source.file, offset);
  }

  private describe(token: Token): string {
    switch (token.kind) {
      case 'eof':
        return 'EOF';
      case 'error':
        return token.value;
      case 'keyword':
        return `<${token.value}>`;
    }
    return goQuote(token.value);
  }

  private unexpected(token: Token, context: string): never {
    if (token.kind === 'error') {
      let extra = '';
      if (this.actionStart >= 0 && this.line(this.actionStart) !== this.line(token.start)) {
        extra = ` in action started at ${this.source.name}:${this.line(this.actionStart)}`;
        if (token.value.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.fail(`${token.value}${extra}`, token.start);
    }
    this.fail(`unexpected ${this.describe(token)} in ${context}`, token.start);
  }

  private expect(kind: Token['kind'], context: string): Token {
    const token = this.nextNonSpace();
    if (token.kind !== kind) this.unexpected(token, context);
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
    if (token.kind !== 'string' && token.kind !== 'rawString') this.unexpected(token, context);
    const name = unquote(token.value);
    if (name === undefined) this.fail('invalid syntax', token.start);
    return name;
  }

  private parseDefinition(start: number): void {
    const context = 'define clause';
    const nameToken = this.nextNonSpace();
    const name = this.templateName(nameToken, context);
    this.expect('rightDelim', context);
    this.withFreshScope(() => {
      const [root, end] = this.itemList();
      if (end.type !== 'end') this.fail(`unexpected {{${end.type}}} in ${context}`, end.start);
      root.start = start;
      this.add({ name, root, source: this.source });
    });
  }

  // --- lists and actions

  private itemList(): [ListNode, ListEnd] {
    const list: ListNode = { type: 'list', nodes: NO_NODES, start: this.peekNonSpace().start, end: 0 };
    const nodes = this.buildingTop;
    while (this.peekNonSpace().kind !== 'eof') {
      const node = this.textOrAction();
      if ('chained' in node) {
        list.end = node.start;
        list.nodes = this.built(nodes);
        return [list, node];
      }
      this.building[this.buildingTop++] = node;
    }
    const last = this.peek();
    if (last.kind === 'error') this.unexpected(last, 'input');
    this.fail('unexpected EOF', last.start);
  }

  private textOrAction(): ItemNode | ListEnd {
    const token = this.nextNonSpace();
    if (token.kind === 'text') return { type: 'text', text: token.value, start: token.start, end: token.end };
    if (token.kind === 'leftDelim') {
      const saved = this.actionStart;
      this.actionStart = token.start;
      try {
        return this.action(token.start);
      } finally {
        this.actionStart = saved;
      }
    }
    this.unexpected(token, 'input');
  }

  private action(start: number): ItemNode | ListEnd {
    const mark = this.index;
    const token = this.nextNonSpace();
    if (token.kind === 'keyword') {
      switch (token.value) {
        case 'block':
          return this.blockControl(start);
        case 'break':
        case 'continue':
          if (this.rangeDepth > 0) return this.breakControl(start, token.value);
          break;
        case 'else':
          return this.elseControl();
        case 'end':
          return { type: 'end', start: this.expect('rightDelim', 'end').start, chained: false };
        case 'if':
        case 'with':
          return this.ifOrWith(token.value, start);
        case 'range':
          return this.rangeControl(start);
        case 'template':
          return this.templateControl(start);
      }
      if (token.value === 'break' || token.value === 'continue') {
        // Outside a range Go lexes them as identifiers: an undefined function.
        this.fail(`function "${token.value}" not defined`, token.start);
      }
    }
    this.backupTo(mark);
    const pipe = this.pipeline('command', 'rightDelim');
    return { type: 'action', pipe, start, end: this.tokens[this.index - 1].end };
  }

  private breakControl(start: number, keyword: 'break' | 'continue'): ItemNode {
    const token = this.nextNonSpace();
    if (token.kind !== 'rightDelim') this.unexpected(token, `{{${keyword}}}`);
    return { type: keyword, start, end: token.end };
  }

  private elseControl(): ListEnd {
    const peek = this.peekNonSpace();
    if (peek.kind === 'keyword' && (peek.value === 'if' || peek.value === 'with')) {
      return { type: 'else', start: peek.start, chained: true };
    }
    return { type: 'else', start: this.expect('rightDelim', 'else').start, chained: false };
  }

  private parseControl(context: 'if' | 'with' | 'range'): { pipe: PipeNode; list: ListNode; elseList?: ListNode; end: number } {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        const peek = this.peekNonSpace();
        if (next.chained && context !== 'range' && peek.kind === 'keyword' && peek.value === context) {
          // {{else if x}} is {{else}}{{if x}}…{{end}}{{end}}: the inner if consumes the one {{end}}.
          this.nextNonSpace();
          const inner = this.ifOrWith(context, next.start);
          elseList = { type: 'list', nodes: [inner], start: next.start, end: inner.end };
          return { pipe, list, elseList, end: inner.end };
        }
        [elseList, next] = this.itemList();
        if (next.type !== 'end') this.fail(`expected end; found {{${next.type}}}`, next.start);
      }
      return { pipe, list, elseList, end: this.tokens[this.index - 1].end };
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
    if (this.nextNonSpace().kind !== 'rightDelim') {
      this.backupTo(mark);
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', name, pipe, start, end: this.tokens[this.index - 1].end };
  }

  private blockControl(start: number): TemplateNode {
    const context = 'block clause';
    const name = this.templateName(this.nextNonSpace(), context);
    const pipe = this.pipeline(context, 'rightDelim');
    const end = this.tokens[this.index - 1].end;
    this.withFreshScope(() => {
      const [root, listEnd] = this.itemList();
      if (listEnd.type !== 'end') this.fail(`unexpected {{${listEnd.type}}} in ${context}`, listEnd.start);
      this.add({ name, root, source: this.source });
    });
    return { type: 'template', name, pipe, start, end };
  }

  // --- pipelines

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', decl: NO_VARIABLES, isAssign: false, cmds: NO_COMMANDS, start: first.start, end: first.start };
    this.declarations(pipe, context);
    const cmds = this.buildingTop;
    for (;;) {
      const token = this.nextNonSpace();
      if (token.kind === end) {
        pipe.cmds = this.built(cmds);
        this.checkPipeline(pipe, context, token);
        pipe.end = pipe.cmds.length ? pipe.cmds[pipe.cmds.length - 1].end : token.start;
        return pipe;
      }
      switch (token.kind) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
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
      if (v.kind !== 'variable') return;
      const mark = this.index;
      this.nextNonSpace();
      const next = this.peekNonSpace();
      if (next.kind === 'assign' || next.kind === 'declare') {
        pipe.isAssign = next.kind === 'assign';
        this.nextNonSpace();
        pipe.decl = [...pipe.decl, { type: 'variable', idents: [v.value], start: v.start, end: v.end }];
        this.vars.push(v.value);
        return;
      }
      if (next.kind === 'char' && next.value === ',') {
        this.nextNonSpace();
        pipe.decl = [...pipe.decl, { type: 'variable', idents: [v.value], start: v.start, end: v.end }];
        this.vars.push(v.value);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.peekNonSpace().kind;
          if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') continue;
          this.fail('range can only initialize variables');
        }
        this.fail(`too many declarations in ${context}`);
      }
      this.backupTo(mark);
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string, at: Token): void {
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, at.start);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const kind = pipe.cmds[i].args[0].type;
      if (kind === 'bool' || kind === 'dot' || kind === 'nil' || kind === 'number' || kind === 'string') {
        this.fail(`non executable command in pipeline stage ${i + 1}`, pipe.cmds[i].start);
      }
    }
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', args: NO_ARGS, start: this.peekNonSpace().start, end: 0 };
    const args = this.buildingTop;
    for (;;) {
      this.skipSpaces();
      const operand = this.operand();
      if (operand) this.building[this.buildingTop++] = operand;
      const token = this.next();
      if (token.kind === 'space') continue;
      if (token.kind === 'rightDelim' || token.kind === 'rightParen') this.index--;
      else if (token.kind !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    cmd.args = this.built(args);
    if (cmd.args.length === 0) this.fail('empty command');
    cmd.end = cmd.args[cmd.args.length - 1].end;
    return cmd;
  }

  private skipSpaces(): void {
    while (this.peek().kind === 'space') this.next();
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node || this.peek().kind !== 'field') return node;
    const fields: string[] = [];
    let end = node.end;
    while (this.peek().kind === 'field') {
      const field = this.next();
      fields.push(field.value.slice(1));
      end = field.end;
    }
    switch (node.type) {
      case 'field':
        return { type: 'field', idents: [...node.idents, ...fields], start: node.start, end };
      case 'variable':
        return { type: 'variable', idents: [...node.idents, ...fields], start: node.start, end };
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
    const start = token.start;
    const end = token.end;
    switch (token.kind) {
      case 'identifier':
        if (!this.functions.has(token.value)) this.fail(`function "${token.value}" not defined`, token.start);
        return { type: 'identifier', name: token.value, start, end };
      case 'dot':
        return { type: 'dot', start, end };
      case 'nil':
        return { type: 'nil', start, end };
      case 'variable':
        if (!this.vars.includes(token.value)) this.fail(`undefined variable "${token.value}"`, token.start);
        return { type: 'variable', idents: [token.value], start, end };
      case 'field':
        return { type: 'field', idents: [token.value.slice(1)], start, end };
      case 'bool':
        return { type: 'bool', value: token.value === 'true', start, end };
      case 'charConstant':
      case 'number':
      case 'complex':
        return this.number(token);
      case 'leftParen': {
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        pipe.start = token.start;
        pipe.end = this.tokens[this.index - 1].end;
        return pipe;
      }
      case 'string':
      case 'rawString': {
        const value = unquote(token.value);
        if (value === undefined) this.fail('invalid syntax', token.start);
        return { type: 'string', quoted: token.value, value, start, end };
      }
    }
    this.backupTo(mark);
    return undefined;
  }

  private number(token: Token): NumberNode {
    const at = { type: 'number' as const, text: token.value, start: token.start, end: token.end };
    if (token.kind === 'charConstant') {
      const rune = unquote(token.value);
      if (rune === undefined) this.fail(`malformed character constant: ${token.value}`, token.start);
      return { ...at, value: BigInt(rune.codePointAt(0)!) };
    }
    if (token.kind === 'complex') return { ...at, value: 0, complex: true };
    const parsed = parseNumber(token.value);
    switch (parsed.kind) {
      case 'int':
      case 'float':
        return { ...at, value: parsed.value };
      case 'complex':
        return { ...at, value: 0, complex: true };
      case 'uint':
        // Go parses it and fails when it is used ("overflows int"); keep the value for that message.
        return { ...at, value: parsed.value };
      case 'error':
        this.fail(parsed.message, token.start);
    }
  }
}

/** Go's %q of a short token: at most 10 runes shown, then `...`. */
function goQuote(value: string): string {
  const runes = [...value];
  const shown = runes.length > 10 ? runes.slice(0, 10).join('') : value;
  return JSON.stringify(shown) + (runes.length > 10 ? '...' : '');
}

/** Placeholders until a node's list is built (and a pipeline's declarations when it has none: most). */
const NO_NODES: ItemNode[] = [];
const NO_COMMANDS: CommandNode[] = [];
const NO_ARGS: ArgNode[] = [];
const NO_VARIABLES: VariableNode[] = [];
