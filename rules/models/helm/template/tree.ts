/**
 * The parse tree of a Go template (src/text/template/parse/node.go). Every node knows its offsets in the
 * file it was parsed from (`start`/`end`, UTF-16), so errors and the source map can point at it.
 * `nodeText` prints a node the way Go's `Node.String()` does (it appears in error messages: `at <.Values.x>`).
 */

/** The file a tree came from: Go's `ParseName` (used in messages) and the adapter's path (used in the source map). */
export interface TemplateSource {
  /** Helm's name of the file's template, e.g. `mychart/templates/deployment.yaml`. */
  name: string;
  /** The path in the source set. */
  file: string;
  text: string;
}

interface NodeBase {
  start: number;
  end: number;
}

export interface TextNode extends NodeBase {
  type: 'text';
  text: string;
}

export interface ActionNode extends NodeBase {
  type: 'action';
  pipe: PipeNode;
}

export interface IfOrWithNode extends NodeBase {
  type: 'if' | 'with';
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}

export interface RangeNode extends NodeBase {
  type: 'range';
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}

export interface TemplateNode extends NodeBase {
  type: 'template';
  name: string;
  pipe?: PipeNode;
}

export interface BreakOrContinueNode extends NodeBase {
  type: 'break' | 'continue';
}

export interface ListNode extends NodeBase {
  type: 'list';
  nodes: ItemNode[];
}

/** What a list holds. */
export type ItemNode = TextNode | ActionNode | IfOrWithNode | RangeNode | TemplateNode | BreakOrContinueNode;

export interface PipeNode extends NodeBase {
  type: 'pipe';
  /** `$x :=` / `$x =` (`$i, $e :=` in range). */
  decl: VariableNode[];
  isAssign: boolean;
  cmds: CommandNode[];
}

export interface CommandNode extends NodeBase {
  type: 'command';
  args: ArgNode[];
}

export interface FieldNode extends NodeBase {
  type: 'field';
  /** `.a.b` → `['a', 'b']`. */
  idents: string[];
}

export interface VariableNode extends NodeBase {
  type: 'variable';
  /** `$x.a` → `['$x', 'a']`. */
  idents: string[];
}

/** `(pipe).a.b`, `fn.a`: a term followed by fields. */
export interface ChainNode extends NodeBase {
  type: 'chain';
  node: ArgNode;
  fields: string[];
}

export interface IdentifierNode extends NodeBase {
  type: 'identifier';
  name: string;
}

export interface DotNode extends NodeBase {
  type: 'dot';
}

export interface NilNode extends NodeBase {
  type: 'nil';
}

export interface BoolNode extends NodeBase {
  type: 'bool';
  value: boolean;
}

export interface StringNode extends NodeBase {
  type: 'string';
  /** As written, quotes included. */
  quoted: string;
  value: string;
}

/** A number constant; what it becomes depends on the syntax (Go's ideal constants). */
export interface NumberNode extends NodeBase {
  type: 'number';
  text: string;
  /** The value an untyped context gets: `bigint` for integers and characters, `number` for floats. */
  value: bigint | number;
  /** Set for imaginary and complex constants, which the Go value model cannot hold. */
  complex?: true;
}

export type ArgNode =
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | StringNode
  | NumberNode
  | PipeNode;

/** One parsed template: a file's body or a `define`/`block`. */
export interface ParsedTemplate {
  name: string;
  root: ListNode;
  source: TemplateSource;
}

/** Go's `Node.String()` for the nodes that appear in error messages. */
export function nodeText(node: ArgNode | CommandNode): string {
  switch (node.type) {
    case 'field':
      return '.' + node.idents.join('.');
    case 'variable':
      return node.idents.join('.');
    case 'chain': {
      const inner = node.node.type === 'pipe' ? `(${nodeText(node.node)})` : nodeText(node.node);
      return inner + '.' + node.fields.join('.');
    }
    case 'identifier':
      return node.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(node.value);
    case 'string':
      return node.quoted;
    case 'number':
      return node.text;
    case 'command':
      return node.args.map((arg) => (arg.type === 'pipe' ? `(${nodeText(arg)})` : nodeText(arg))).join(' ');
    case 'pipe': {
      const decl = node.decl.length ? node.decl.map((v) => nodeText(v)).join(', ') + (node.isAssign ? ' = ' : ' := ') : '';
      return decl + node.cmds.map((cmd) => nodeText(cmd)).join(' | ');
    }
  }
}

/** Go's `IsEmptyTree`: only whitespace text (a `define` of nothing does not replace an existing one). */
export function isEmptyList(list: ListNode): boolean {
  return list.nodes.every((node) => node.type === 'text' && node.text.trim() === '');
}

/** Go's line number of an offset (only `\n` counts, as in Go's lexer). */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
