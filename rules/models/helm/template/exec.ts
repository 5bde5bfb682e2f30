/**
 * Go's text/template evaluator (src/text/template/exec.go), clean-room, writing a source map as it writes
 * text (see ../source-map.ts): literal text maps to its template offsets, an action's output to the action,
 * text written inside `include`/`template` to the inner position with the call sites as `callers`, and a
 * value read from a values file to that value's node (`valueOrigin`), carried through variables, `with`,
 * `range`, `dict`/`list` and the functions marked `keepsOrigin`.
 *
 * Go semantics kept on purpose: a missing map key is nil (`<no value>`), but a field of a nil *interface*
 * (a map entry that is nil or missing) is "nil pointer evaluating interface {}.x"; a pipeline's result is
 * unwrapped, so `(.a).b` and `$a.b` on nil just give nil. Evaluation functions return the Go value and leave
 * its metadata (origin, trace, whether it is a nil interface) in fields of the executor, to avoid one
 * allocation per evaluated node.
 */
import type { CallContext, FunctionEntry, FunctionTable, RenderBudget } from '../functions/types';
import { compareGoStrings, formatValue, goTypeName } from '../functions/go-fmt';
import { utf8Bytes } from '../functions/go-strconv';
import type { SourceLocation, TracedText, ValueOrigin } from '../source-map';
import { type GoMap, GoMethodMap, GoObject, type GoValue, isGoMap, TemplateError } from '../value';
import { AND, isTrue, OR } from './builtins';
import { GoComplex, parseComplex } from './complex';
import { ArgumentTypeError, RenderBudgetError, TemplateExecError } from './errors';
import { type Meta, ValueTracker } from './value-tracker';
import type { TemplateSet } from './template-set';
import { TracedWriter } from './traced-writer';
import type {
  ArgNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  IfOrWithNode,
  ItemNode,
  ListNode,
  NumberNode,
  ParsedTemplate,
  PipeNode,
  RangeNode,
  TemplateNode,
  VariableNode,
} from './tree';
import { lineAt, nodeText } from './tree';

export interface ExecuteOptions {
  functions: FunctionTable;
  budget: RenderBudget;
  /**
   * Where `container[key]` came from when the container is part of a values file (or `--set`). Asked for
   * every field access and `range` element; return undefined for anything else.
   */
  valueOrigin?: (container: GoMap | GoValue[], key: string | number) => ValueOrigin | undefined;
  /** Where a map or list came from, asked when its holder does not say (it reached the template another way). */
  containerOrigin?: (value: GoMap | GoValue[]) => ValueOrigin | undefined;
  /** Go's missingkey option: Helm uses 'zero'; Go's default is 'default'. */
  missingKey: 'zero' | 'default' | 'error';
}

/** Helm's limit of nested `include`s of one name. */
const MAX_INCLUDES_PER_NAME = 1000;
/**
 * Nested `include`/`template`/`tpl` calls in all. Helm allows 1,000 per name, but JavaScript's stack ends
 * before that (a stack overflow is still caught and reported); real charts nest a few dozen deep at most.
 */
const MAX_NESTING = 200;
const INT64_MAX = (1n << 63n) - 1n;
/** Name Helm gives `tpl` text (its parent template's name). */
const TPL_TEMPLATE_NAME = 'gotpl';

/** What travels with a value besides the value. */

interface Dot {
  value: GoValue;
  meta: Meta | undefined;
  /** Nil read out of a map: a field of it is Go's nil-pointer error, not nil. */
  iface: boolean;
}

interface Variable extends Dot {
  name: string;
}

/**
 * V8 records which kinds of value each field of an object shape has held (a map, any object, a small integer…)
 * and throws away the optimised code that relied on that when another kind arrives; in the first render of a
 * thread that recompiled the evaluator's hot functions several times. A dot's and a variable's fields hold any
 * Go value and any metadata, so their shapes are made general once, before any code is optimised.
 */
function generaliseValueShapes(): void {
  const meta: Meta = { origin: undefined, trace: undefined };
  for (const value of [new Map(), [], '', 0, 0.5, 0n, null, true] as GoValue[]) {
    const dot: Dot = { value, meta: undefined, iface: false };
    dot.meta = meta;
    const variable: Variable = { name: '', value, meta: undefined, iface: false };
    variable.meta = meta;
  }
}
generaliseValueShapes();

const BREAK = { signal: 'break' };
const CONTINUE = { signal: 'continue' };
/** "No final value": the command is the first of its pipeline. */
const MISSING = Symbol('missing');
type Final = GoValue | typeof MISSING;

/** Executes template `name` of the set with `data` as `.` and `$`. Throws TemplateError (see ./errors). */
export function executeTemplate(set: TemplateSet, name: string, data: GoValue, options: ExecuteOptions): TracedText {
  const template = set.lookup(name);
  if (!template) throw new TemplateError(`template: no template "${name}" associated with template "${TPL_TEMPLATE_NAME}"`);
  return new Executor(set, options).execute(template, data);
}

class Executor {
  private template!: ParsedTemplate;
  private vars: Variable[] = [];
  private writer: TracedWriter;
  private callers: SourceLocation[] = [];
  /** The node being evaluated, for error positions (Go's `s.at`). */
  private node: { start: number; end: number } | undefined;
  /** Metadata of the value the last evaluation returned. */
  private meta: Meta | undefined;
  private iface = false;
  private nesting = 0;
  private readonly includeCounts = new Map<string, number>();
  private readonly tracker: ValueTracker;
  private ticks = 0;
  /** The function call in progress, for `include`/`tpl`: its call site, arguments and their metadata. */
  private callSite: CommandNode | IdentifierNode | undefined;
  private callValues: GoValue[] = [];
  private callMetas: (Meta | undefined)[] | undefined;
  /** The source map of the last `include` result, picked up by the call that asked for it. */
  private lastInclude: TracedText | undefined;
  private readonly context: CallContext;
  /** Go's missingkey=error. */
  private readonly missingKeyError: boolean;

  constructor(
    private set: TemplateSet,
    private readonly options: ExecuteOptions,
  ) {
    this.writer = new TracedWriter(options.budget);
    this.tracker = new ValueTracker(options.valueOrigin, options.containerOrigin);
    this.missingKeyError = options.missingKey === 'error';
    this.context = {
      budget: options.budget,
      include: (name, data) => this.include(name, data),
      tpl: (text, data) => this.tpl(text, data),
    };
  }

  execute(template: ParsedTemplate, data: GoValue): TracedText {
    try {
      this.run(template, { value: data, meta: undefined, iface: false });
    } catch (error) {
      throw this.normalise(error);
    }
    return this.writer.result();
  }

  // --- running templates

  private run(template: ParsedTemplate, dot: Dot): void {
    const saved = { template: this.template, vars: this.vars, node: this.node };
    this.template = template;
    this.vars = [{ name: '$', ...dot }];
    try {
      this.walkList(dot, template.root);
    } finally {
      // Positions of later errors are in the caller's template again.
      this.template = saved.template;
      this.vars = saved.vars;
      this.node = saved.node;
    }
  }

  private enter(kind: string): void {
    if (++this.nesting > MAX_NESTING) {
      this.nesting--;
      throw new RenderBudgetError(`${kind} calls nest deeper than ${MAX_NESTING}`, 'depth', this.template.source.file, this.node?.start);
    }
  }

  private include(name: string, data: GoValue): string {
    const site = this.callSite;
    const count = this.includeCounts.get(name) ?? 0;
    if (count > MAX_INCLUDES_PER_NAME) {
      throw new TemplateError(`rendering template has a nested reference name: ${name}: unable to execute template`);
    }
    const template = this.set.lookup(name);
    if (!template) throw new TemplateError(`template: no template "${name}" associated with template "${TPL_TEMPLATE_NAME}"`);
    const index = this.callMetas ? this.callValues.lastIndexOf(data) : -1;
    const dot: Dot = { value: data, meta: index >= 0 ? this.callMetas![index] : undefined, iface: false };
    const saved = { writer: this.writer, callers: this.callers };
    this.writer = new TracedWriter(this.options.budget);
    if (site) this.callers = this.callers.concat(this.location(site));
    this.includeCounts.set(name, count + 1);
    this.enter('include');
    try {
      this.run(template, dot);
      const output = this.writer.result();
      this.lastInclude = output;
      return output.text;
    } finally {
      this.nesting--;
      this.includeCounts.set(name, count);
      this.writer = saved.writer;
      this.callers = saved.callers;
    }
  }

  /** Helm's `tpl`: the text is parsed into a copy of the set (its `define`s stay there) and executed. */
  private tpl(text: string, data: GoValue): string {
    const overlay = this.set.overlay();
    for (const template of overlay.cache.parseSnippet(TPL_TEMPLATE_NAME, text, overlay.functions)) overlay.add(template);
    const saved = { set: this.set, writer: this.writer };
    this.set = overlay;
    this.writer = new TracedWriter(this.options.budget);
    this.enter('tpl');
    try {
      this.run(overlay.lookup(TPL_TEMPLATE_NAME)!, { value: data, meta: undefined, iface: false });
      return this.writer.result().text;
    } finally {
      this.nesting--;
      this.set = saved.set;
      this.writer = saved.writer;
    }
  }

  // --- errors and budgets

  private location(node: { start: number; end: number }): SourceLocation {
    return { file: this.template.source.file, start: node.start, end: node.end };
  }

  /** Go's ExecError text, at the current node. */
  private fail(message: string): never {
    const name = this.template.name;
    const node = this.node;
    if (!node) throw new TemplateExecError(`template: ${name}: ${message}`, this.template.source.file, 0);
    const text = this.template.source.text;
    const lineStart = text.lastIndexOf('\n', node.start - 1) + 1;
    const line = lineAt(text, node.start);
    const column = utf8Bytes(text.slice(lineStart, node.start)).length;
    let context = nodeText(node as ArgNode);
    if ([...context].length > 20) context = [...context].slice(0, 20).join('') + '...';
    throw new TemplateExecError(
      `template: ${this.template.source.name}:${line}:${column}: executing "${name}" at <${context}>: ${message}`,
      this.template.source.file,
      node.start,
    );
  }

  private tick(): void {
    const budget = this.options.budget;
    if (--budget.steps < 0) throw new RenderBudgetError('the template takes more evaluation steps than allowed', 'steps', this.template.source.file, this.node?.start);
    if ((++this.ticks & 1023) === 0 && Date.now() > budget.deadline) {
      throw new RenderBudgetError('rendering took longer than allowed', 'deadline', this.template.source.file, this.node?.start);
    }
  }

  /** Anything thrown that is not a TemplateError is a bug or a JavaScript limit: never let it escape as is. */
  private normalise(error: unknown): TemplateError {
    if (error instanceof TemplateError) return error;
    if (error instanceof RangeError) return new RenderBudgetError('templates nest too deeply', 'depth', this.template?.source.file, this.node?.start);
    if (error === BREAK || error === CONTINUE) return new TemplateError('break or continue outside range');
    return new TemplateError(`internal error: ${error instanceof Error ? error.message : String(error)}`);
  }

  // --- walking

  private walkList(dot: Dot, list: ListNode): void {
    for (const node of list.nodes) this.walk(dot, node);
  }

  private walk(dot: Dot, node: ItemNode): void {
    this.tick();
    switch (node.type) {
      case 'text':
        this.writer.text(node.text, this.template.source.file, node.start, this.callers);
        return;
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, value, this.meta);
        return;
      }
      case 'if':
      case 'with':
        this.walkIfOrWith(dot, node);
        return;
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'template':
        this.walkTemplate(dot, node);
        return;
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
    }
  }

  private printValue(node: ItemNode, value: GoValue, meta: Meta | undefined): void {
    this.node = node;
    let text: string;
    if (value === null) text = '<no value>';
    else if (typeof value === 'string') text = value;
    else if (value instanceof GoComplex) text = value.toString();
    else text = formatValue(value);
    this.writer.action(text, this.location(node), this.callers, meta?.origin, meta?.trace);
  }

  private walkIfOrWith(dot: Dot, node: IfOrWithNode): void {
    const mark = this.vars.length;
    try {
      const value = this.evalPipeline(dot, node.pipe);
      if (isTrue(value)) {
        this.walkList(node.type === 'with' ? { value, meta: this.meta, iface: false } : dot, node.list);
      } else if (node.elseList) {
        this.walkList(dot, node.elseList);
      }
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: Dot, node: RangeNode): void {
    this.node = node;
    const mark = this.vars.length;
    try {
      const value = this.evalPipeline(dot, node.pipe);
      const bodyMark = this.vars.length;
      const decl = node.pipe.decl;
      const iteration = (key: GoValue, element: GoValue, container: GoMap | GoValue[] | undefined, k: string | number): boolean => {
        this.tick();
        const origin = container ? this.tracker.originOf(container, k) : undefined;
        const elementDot: Dot = { value: element, meta: origin ? { origin, trace: undefined } : undefined, iface: container !== undefined };
        if (decl.length > 0) {
          if (node.pipe.isAssign) this.setVar(decl[0].idents[0], decl.length > 1 ? { value: key, meta: undefined, iface: false } : elementDot);
          else this.setTopVar(1, elementDot);
        }
        if (decl.length > 1) {
          if (node.pipe.isAssign) this.setVar(decl[1].idents[0], elementDot);
          else this.setTopVar(2, { value: key, meta: undefined, iface: false });
        }
        try {
          this.walkList(elementDot, node.list);
        } catch (signal) {
          if (signal === BREAK) return false;
          if (signal !== CONTINUE) throw signal;
        } finally {
          this.vars.length = bodyMark;
        }
        return true;
      };
      if (Array.isArray(value)) {
        if (value.length > 0) {
          for (let i = 0; i < value.length; i++) if (!iteration(BigInt(i), value[i], value, i)) break;
          return;
        }
      } else if (value instanceof Uint8Array) {
        if (value.length > 0) {
          for (let i = 0; i < value.length; i++) if (!iteration(BigInt(i), BigInt(value[i]), undefined, i)) break;
          return;
        }
      } else if (isGoMap(value)) {
        if (value.size > 0) {
          for (const key of sortedKeys(value)) if (!iteration(key, value.get(key)!, value, key)) break;
          return;
        }
      } else if (value !== null) {
        this.node = node;
        this.fail(`range can't iterate over ${value instanceof GoComplex ? value.toString() : formatValue(value)}`);
      }
      if (node.elseList) this.walkList(dot, node.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkTemplate(dot: Dot, node: TemplateNode): void {
    this.node = node;
    const template = this.set.lookup(node.name);
    if (!template) this.fail(`template "${node.name}" not defined`);
    // Without a pipeline the template gets nil, not the caller's dot (Go).
    const value = node.pipe ? this.evalPipeline(dot, node.pipe) : null;
    const meta = node.pipe ? this.meta : undefined;
    const savedCallers = this.callers;
    this.callers = this.callers.concat(this.location(node));
    this.enter('template');
    try {
      this.run(template, { value, meta, iface: false });
    } finally {
      this.nesting--;
      this.callers = savedCallers;
    }
  }

  // --- variables

  private push(name: string, dot: Dot): void {
    this.vars.push({ name, value: dot.value, meta: dot.meta, iface: dot.iface });
  }

  private setTopVar(n: number, dot: Dot): void {
    const v = this.vars[this.vars.length - n];
    v.value = dot.value;
    v.meta = dot.meta;
    v.iface = dot.iface;
  }

  private findVar(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i];
    this.fail(`undefined variable: ${name}`);
  }

  private setVar(name: string, dot: Dot): void {
    const v = this.findVar(name);
    v.value = dot.value;
    v.meta = dot.meta;
    v.iface = dot.iface;
  }

  // --- evaluation

  private evalPipeline(dot: Dot, pipe: PipeNode): GoValue {
    this.node = pipe;
    let value: Final = MISSING;
    let meta: Meta | undefined;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value, meta);
      meta = this.meta;
    }
    const result = value === MISSING ? null : value;
    for (const variable of pipe.decl) {
      const entry: Dot = { value: result, meta, iface: false };
      if (pipe.isAssign) this.setVar(variable.idents[0], entry);
      else this.push(variable.idents[0], entry);
    }
    this.meta = meta;
    this.iface = false;
    return result;
  }

  private evalCommand(dot: Dot, cmd: CommandNode, final: Final, finalMeta: Meta | undefined): GoValue {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field':
        this.node = first;
        return this.evalFieldChain(dot, dot.value, dot.iface, first, first.idents, 0, cmd.args, final);
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final, finalMeta);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariable(dot, first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    this.meta = undefined;
    this.iface = false;
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        this.meta = dot.meta;
        return dot.value;
      case 'nil':
        this.fail('nil is not a command');
      // falls through (fail never returns)
      case 'number':
        return this.constant(first);
      case 'string':
        return first.value;
    }
  }

  /** `args` undefined: the node alone, as an argument (no array built for it). */
  private notAFunction(args: ArgNode[] | undefined, final: Final): void {
    if ((args !== undefined && args.length > 1) || final !== MISSING) this.fail(`can't give argument to non-function ${nodeText(args ? args[0] : (this.node as ArgNode))}`);
  }

  /** Go's idealConstant: the syntax picks int or float64. */
  private constant(node: NumberNode): GoValue {
    this.node = node;
    this.meta = undefined;
    this.iface = false;
    if (node.complex) {
      const value = parseComplex(node.text);
      if (!value) this.fail(`bad number syntax: ${node.text}`);
      return value;
    }
    if (typeof node.value === 'bigint' && node.value > INT64_MAX) this.fail(`${node.text} overflows int`);
    return node.value;
  }

  private evalVariable(dot: Dot, node: VariableNode, args: ArgNode[] | undefined, final: Final): GoValue {
    this.node = node;
    const variable = this.findVar(node.idents[0]);
    if (node.idents.length === 1) {
      this.notAFunction(args, final);
      this.meta = variable.meta;
      this.iface = variable.iface;
      return variable.value;
    }
    return this.evalFieldChain(dot, variable.value, variable.iface, node, node.idents, 1, args, final);
  }

  private evalChain(dot: Dot, chain: ChainNode, args: ArgNode[] | undefined, final: Final): GoValue {
    this.node = chain;
    if (chain.node.type === 'nil') this.fail(`indirection through explicit nil in ${nodeText(chain)}`);
    const receiver = this.evalArg(dot, chain.node);
    this.node = chain;
    return this.evalFieldChain(dot, receiver, this.iface, chain, chain.fields, 0, args, final);
  }

  /** The fields `idents[from…]` of `receiver` in turn (`from`: a variable's name is not a field). */
  private evalFieldChain(dot: Dot, receiver: GoValue, iface: boolean, node: FieldNode | VariableNode | ChainNode, idents: string[], from: number, args: ArgNode[] | undefined, final: Final): GoValue {
    let value = receiver;
    let isIface = iface;
    const last = idents.length - 1;
    for (let i = from; i < last; i++) {
      value = this.evalField(dot, idents[i], node, undefined, MISSING, value, isIface);
      isIface = this.iface;
    }
    return this.evalField(dot, idents[last], node, args, final, value, isIface);
  }

  private evalField(dot: Dot, name: string, node: FieldNode | VariableNode | ChainNode, args: ArgNode[] | undefined, final: Final, receiver: GoValue, iface: boolean): GoValue {
    this.node = node;
    this.meta = undefined;
    this.iface = false;
    // Read on every call, tested only on nil: a property read first reached on that rare path, with no type
    // feedback yet, deoptimised the evaluator's code (this function is inlined into its callers).
    const missingKeyError = this.missingKeyError;
    if (receiver === null) {
      if (iface) this.fail(`nil pointer evaluating interface {}.${name}`);
      if (missingKeyError) this.fail(`nil data; no entry for key "${name}"`);
      return null;
    }
    const hasArgs = (args !== undefined && args.length > 1) || final !== MISSING;
    if (isGoMap(receiver)) {
      // A named map type's methods come before its keys (Helm's .Files.Get).
      const method = receiver instanceof GoMethodMap ? receiver.methods.get(name) : undefined;
      if (method) return this.callMethod(dot, name, method, node, args, final);
      if (hasArgs) this.fail(`${name} is not a method but has arguments`);
      const value = receiver.get(name);
      if (value === undefined) {
        if (missingKeyError) this.fail(`map has no entry for key "${name}"`);
        this.iface = this.options.missingKey === 'zero';
        return null;
      }
      const origin = this.tracker.originOf(receiver, name);
      this.meta = origin ? { origin, trace: undefined } : undefined;
      this.iface = true;
      return value;
    }
    if (receiver instanceof GoObject && !(receiver instanceof GoComplex)) {
      const method = receiver.methods.get(name);
      if (method) return this.callMethod(dot, name, method, node, args, final);
      if (receiver.fields.has(name)) {
        if (hasArgs) this.fail(`${name} has arguments but cannot be invoked as function`);
        const value = receiver.fields.get(name)!;
        this.iface = value === null;
        return value;
      }
    }
    this.fail(`can't evaluate field ${name} in type ${iface ? 'interface {}' : goTypeName(receiver)}`);
  }

  private callMethod(dot: Dot, name: string, method: (args: GoValue[]) => GoValue, node: ArgNode, args: ArgNode[] | undefined, final: Final): GoValue {
    const values: GoValue[] = [];
    for (let i = 1; args !== undefined && i < args.length; i++) values.push(this.evalArg(dot, args[i]));
    if (final !== MISSING) values.push(final);
    this.node = node;
    this.tick();
    let result: GoValue;
    try {
      result = method(values);
    } catch (error) {
      throw this.callError(name, error);
    }
    this.meta = undefined;
    this.iface = false;
    return result;
  }

  private evalFunction(dot: Dot, ident: IdentifierNode, cmd: CommandNode | IdentifierNode, args: ArgNode[] | undefined, final: Final, finalMeta: Meta | undefined): GoValue {
    this.node = ident;
    const entry = this.options.functions.get(ident.name);
    if (!entry) this.fail(`"${ident.name}" is not a defined function`);
    return this.evalCall(dot, entry, ident, cmd, args, final, finalMeta);
  }

  /** `args` undefined: the function alone, as an argument (no arguments but `final`). */
  private evalCall(dot: Dot, entry: FunctionEntry, ident: IdentifierNode, cmd: CommandNode | IdentifierNode, args: ArgNode[] | undefined, final: Final, finalMeta: Meta | undefined): GoValue {
    const name = ident.name;
    const given = args === undefined ? 0 : args.length - 1;
    const count = given + (final === MISSING ? 0 : 1);
    const min = entry.arity[0];
    const max = entry.arity[1];
    if (max === Infinity) {
      if (count < min) this.fail(`wrong number of args for ${name}: want at least ${min} got ${given}`);
    } else if (count < min || count > max) {
      this.fail(`wrong number of args for ${name}: want ${max} got ${count}`);
    }
    if (entry === AND || entry === OR) return this.evalAndOr(dot, entry === OR, args, final, finalMeta);
    const values: GoValue[] = new Array(count);
    // Metadata is rare: the array exists only once an argument has some.
    let metas: (Meta | undefined)[] | undefined;
    for (let i = 1; i <= given; i++) {
      values[i - 1] = this.evalArg(dot, args![i]);
      if (this.meta) (metas ??= new Array(count))[i - 1] = this.meta;
    }
    if (final !== MISSING) {
      values[count - 1] = final;
      if (finalMeta) (metas ??= new Array(count))[count - 1] = finalMeta;
    }
    this.node = ident;
    this.tick();
    const savedSite = this.callSite;
    const savedValues = this.callValues;
    const savedMetas = this.callMetas;
    this.callSite = cmd;
    this.callValues = values;
    this.callMetas = metas;
    this.lastInclude = undefined;
    let result: GoValue;
    try {
      result = entry.fn(values, this.context);
    } catch (error) {
      this.node = error instanceof ArgumentTypeError ? ident : cmd;
      throw this.callError(name, error);
    } finally {
      this.callSite = savedSite;
      this.callValues = savedValues;
      this.callMetas = savedMetas;
    }
    const included = this.lastInclude as TracedText | undefined;
    this.lastInclude = undefined;
    this.iface = false;
    this.meta = undefined;
    if (included && typeof result === 'string' && included.text === result) {
      this.meta = { origin: undefined, trace: included.spans };
    } else if (metas) {
      this.meta = this.tracker.resultMeta(entry, values, metas, result);
    }
    return result;
  }

  /** Go wraps what a function returns as an error; argument errors and budget errors pass as they are. */
  private callError(name: string, error: unknown): TemplateError {
    if (error instanceof RenderBudgetError) return error;
    if (error instanceof ArgumentTypeError) {
      try {
        this.fail(error.message);
      } catch (located) {
        return located as TemplateError;
      }
    }
    const normalised = this.normalise(error);
    if (normalised instanceof RenderBudgetError) return normalised;
    try {
      this.fail(`error calling ${name}: ${normalised.message}`);
    } catch (located) {
      return located as TemplateError;
    }
  }

  /** Go's short-circuit `and`/`or`: stop at the first false (`and`) or true (`or`) argument and return it. */
  private evalAndOr(dot: Dot, isOr: boolean, args: ArgNode[] | undefined, final: Final, finalMeta: Meta | undefined): GoValue {
    let value: GoValue = null;
    let meta: Meta | undefined;
    for (let i = 1; args !== undefined && i < args.length; i++) {
      value = this.evalArg(dot, args[i]);
      meta = this.meta;
      if (isTrue(value) === isOr) {
        this.meta = meta;
        this.iface = false;
        return value;
      }
    }
    if (final !== MISSING) {
      value = final;
      meta = finalMeta;
    }
    this.meta = meta;
    this.iface = false;
    return value;
  }

  /** An argument of a function (Go's evalArg for an `interface{}` parameter). */
  private evalArg(dot: Dot, node: ArgNode): GoValue {
    this.node = node;
    switch (node.type) {
      case 'dot':
        this.meta = dot.meta;
        this.iface = false;
        return dot.value;
      case 'nil':
      case 'bool':
      case 'string':
        // One path for the three literals: `nil` is rare, and a path of its own that no template had taken yet
        // deoptimised the evaluator (inlined into each caller) when a template first took it.
        this.meta = undefined;
        this.iface = false;
        return node.type === 'nil' ? null : node.value;
      case 'field':
        return this.unwrapped(this.evalFieldChain(dot, dot.value, dot.iface, node, node.idents, 0, undefined, MISSING));
      case 'variable':
        return this.unwrapped(this.evalVariable(dot, node, undefined, MISSING));
      case 'pipe':
        return this.evalPipeline(dot, node);
      case 'identifier':
        return this.evalFunction(dot, node, node, undefined, MISSING, undefined);
      case 'chain':
        return this.unwrapped(this.evalChain(dot, node, undefined, MISSING));
      case 'number':
        return this.constant(node);
    }
  }

  private unwrapped(value: GoValue): GoValue {
    this.iface = false;
    return value;
  }
}

/** Go sorts string keys by bytes: UTF-16 order is the same except above the surrogates (rare in keys). */
function sortedKeys(map: GoMap): string[] {
  const keys = [...map.keys()].sort();
  return keys.some((key) => /[\ud800-\udfff]/.test(key)) ? keys.sort(compareGoStrings) : keys;
}
