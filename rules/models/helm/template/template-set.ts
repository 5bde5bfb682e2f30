/**
 * Go's shared template namespace: every file's body and `define`s by name. Helm parses all files of a chart
 * and its subcharts into one set, parents last, so a parent chart's `define` wins.
 */
import type { FunctionTable } from '../functions/types';
import { parseFile, TemplateParseError } from './parser';
import type { ParsedTemplate, TemplateSource } from './tree';
import { isEmptyList } from './tree';

/**
 * Parsed files by name and path, reused while the text is unchanged (the language server keeps one across
 * renders, so a keystroke re-parses only the file that changed). Use one cache per function table.
 */
export class TemplateParseCache {
  private readonly entries = new Map<string, { text: string; result: ParsedTemplate[] | TemplateParseError }>();
  /** Template text that is not a file (`tpl` strings from values), by text; bounded. */
  private readonly snippets = new Map<string, ParsedTemplate[] | TemplateParseError>();

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
    const key = `${name}\0${file}`;
    let entry = this.entries.get(key);
    if (!entry || entry.text !== text) {
      entry = { text, result: parseOrError({ name, file, text }, functions) };
      this.entries.set(key, entry);
    }
    if (entry.result instanceof TemplateParseError) throw entry.result;
    return entry.result;
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
 * `file`) and each `define`/`block`. Throws TemplateParseError (a TemplateError) with Go's message.
 */
export function parseTemplates(file: string, text: string, set: TemplateSet, name: string = file): void {
  for (const template of set.cache.parse(name, file, text, set.functions)) set.add(template);
}
