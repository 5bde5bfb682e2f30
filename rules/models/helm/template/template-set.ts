/**
 * Go's shared template namespace: every file's body and `define`s by name. Helm parses all files of a chart
 * and its subcharts into one set, parents last, so a parent chart's `define` wins.
 */
import type { FunctionTable } from '../functions/types';
import { parseFile, TemplateParseError } from './parser';
import { noteTemplateLookup } from './read-log';
import type { ParsedTemplate, TemplateSource } from './tree';
import { isEmptyList } from './tree';

/**
 * Parsed files by name and path, reused while the text is unchanged (the language server keeps one across
 * renders, so a keystroke re-parses only the file that changed). Use one cache per function table.
 * `maxFiles` bounds the files kept, the least recently used dropped first: a run over many charts (the CLI)
 * then holds a bounded number of trees however many charts it renders, and library charts every chart
 * includes (bitnami/common) stay parsed. `keeps` (by Helm's template name) chooses the files worth keeping: a file
 * not kept is parsed (or given trees some kept file holds) and left to its render.
 */
export class TemplateParseCache {
  constructor(
    private readonly maxFiles = Infinity,
    private readonly keeps: (name: string) => boolean = () => true,
  ) {}

  private readonly entries = new Map<string, { text: string; result: ParsedTemplate[] | TemplateParseError }>();
  /** Template text that is not a file (`tpl` strings from values), by text; bounded. */
  private readonly snippets = new Map<string, ParsedTemplate[] | TemplateParseError>();
  /**
   * The trees of each text some entry holds parsed, with how many entries hold it (see `reuseTrees`). A text
   * no entry holds any more (a file edited in the editor) is dropped, so this never outgrows `entries`.
   */
  private readonly trees = new Map<string, { bodyName: string; templates: ParsedTemplate[]; users: number }>();

  /** Parses `tpl` text named `name`; the same text is parsed once. */
  parseSnippet(name: string, text: string, functions: FunctionTable): ParsedTemplate[] {
    const key = `${name}\0${text}`;
    let result = this.snippets.get(key);
    if (!result) {
      result = parseOrError({ name, file: name, text }, functions);
      if (this.snippets.size >= MAX_SNIPPETS) this.snippets.delete(this.snippets.keys().next().value!);
      this.snippets.set(key, result);
    }
    if (result instanceof TemplateParseError) throw result;
    return result;
  }

  parse(name: string, file: string, text: string, functions: FunctionTable): ParsedTemplate[] {
    if (!this.keeps(name)) {
      const result = this.reuseTrees(name, file, text) ?? parseOrError({ name, file, text }, functions);
      if (result instanceof TemplateParseError) throw result;
      return result;
    }
    const key = `${name}\0${file}`;
    let entry = this.entries.get(key);
    if (!entry || entry.text !== text) {
      if (entry) this.drop(key, entry);
      entry = { text, result: this.reuseTrees(name, file, text) ?? parseOrError({ name, file, text }, functions) };
      if (!(entry.result instanceof TemplateParseError)) this.retain(text, name, entry.result);
      if (this.entries.size >= this.maxFiles) this.drop(this.entries.keys().next().value!, this.entries.values().next().value!);
    } else if (this.maxFiles !== Infinity) this.entries.delete(key); // set again below: the most recently used last
    this.entries.set(key, entry);
    if (entry.result instanceof TemplateParseError) throw entry.result;
    return entry.result;
  }

  private drop(key: string, entry: { text: string; result: ParsedTemplate[] | TemplateParseError }): void {
    this.entries.delete(key);
    if (!(entry.result instanceof TemplateParseError)) this.release(entry.text);
  }

  private retain(text: string, bodyName: string, templates: ParsedTemplate[]): void {
    const known = this.trees.get(text);
    if (known) known.users++;
    else this.trees.set(text, { bodyName, templates, users: 1 });
  }

  private release(text: string): void {
    const known = this.trees.get(text);
    if (known && --known.users === 0) this.trees.delete(text);
  }

  /**
   * The same text under another name or path (bitnami/common's helpers in every chart that depends on it, a
   * vendored copy of a subchart) parses to the same trees: only the body's name and the source differ. Trees
   * are never changed after parsing, so they are shared. Not when a `define` could clash with the new body
   * name (the set's add rules would differ): then the text is parsed again.
   */
  private reuseTrees(name: string, file: string, text: string): ParsedTemplate[] | undefined {
    const known = this.trees.get(text);
    if (!known) return undefined;
    const defines = known.templates.filter((template) => template.name !== known.bodyName);
    if (defines.some((template) => template.name === name) || known.templates.length !== defines.length + 1) return undefined;
    const source = { name, file, text };
    return known.templates.map((template) => ({ name: template.name === known.bodyName ? name : template.name, root: template.root, source }));
  }

  /** How many distinct texts have shared trees (for tests). */
  get sharedTexts(): number {
    return this.trees.size;
  }
}

const MAX_SNIPPETS = 2_000;

function parseOrError(source: TemplateSource, functions: FunctionTable): ParsedTemplate[] | TemplateParseError {
  try {
    return parseFile(source, functions);
  } catch (error) {
    if (error instanceof TemplateParseError) return error;
    throw error;
  }
}

export class TemplateSet {
  private readonly templates = new Map<string, ParsedTemplate>();

  /**
   * @param functions the functions templates may call (checked at parse time, as Go does)
   * @param cache parsed files to reuse
   * @param parent a set whose templates this one sees unless it defines the same name (`tpl`'s clone)
   */
  constructor(
    readonly functions: FunctionTable,
    readonly cache: TemplateParseCache = new TemplateParseCache(),
    private readonly parent?: TemplateSet,
  ) {}

  lookup(name: string): ParsedTemplate | undefined {
    noteTemplateLookup(name);
    return this.templates.get(name) ?? this.parent?.lookup(name);
  }

  /** Go's AddParseTree: a later definition wins, except that an empty one never replaces an existing one. */
  add(template: ParsedTemplate): void {
    const existing = this.lookup(template.name);
    if (existing && isEmptyList(template.root)) return;
    this.templates.set(template.name, template);
  }

  /** A set that sees this one's templates; what is parsed into it stays there (Helm's `tpl` clones the set). */
  overlay(): TemplateSet {
    return new TemplateSet(this.functions, this.cache, this);
  }
}

/**
 * Parses a file into the set: its body as template `name` (Helm's `<chart>/templates/x.yaml`; defaults to
 * `file`) and each `define`/`block` (returned). Throws TemplateParseError (a TemplateError) with Go's message.
 */
export function parseTemplates(file: string, text: string, set: TemplateSet, name: string = file): readonly ParsedTemplate[] {
  const templates = set.cache.parse(name, file, text, set.functions);
  for (const template of templates) set.add(template);
  return templates;
}
