/**
 * A small render harness for the template tests: files into a set, a function table of Go's builtins plus
 * `include`/`tpl` (the way the chart renderer wires them) and minimal string helpers, and a checker of the
 * source map's invariants.
 */
import assert from 'node:assert/strict';
import type { FunctionEntry, RenderBudget } from '../../../rules/models/helm/functions/types';
import type { TracedText, ValueOrigin } from '../../../rules/models/helm/source-map';
import { type ExecuteOptions, executeTemplate, GO_BUILTINS, parseTemplates, TemplateSet } from '../../../rules/models/helm/template';
import { type GoMap, type GoValue, TemplateError } from '../../../rules/models/helm/value';

function text(value: GoValue): string {
  if (typeof value !== 'string') throw new TemplateError('expected a string');
  return value;
}

/** `nindent`/`indent` as Sprig defines them (the test needs only their string behaviour). */
function indent(spaces: GoValue, value: GoValue): string {
  const pad = ' '.repeat(Number(spaces));
  return pad + text(value).replace(/\n/g, '\n' + pad);
}

export const TEST_FUNCTIONS = new Map<string, FunctionEntry>([
  ...GO_BUILTINS,
  ['include', { fn: ([name, data], call) => call.include!(text(name), data), arity: [2, 2] }],
  ['tpl', { fn: ([template, data], call) => call.tpl!(text(template), data), arity: [2, 2], keepsOrigin: true }],
  ['indent', { fn: ([n, value]) => indent(n, value), arity: [2, 2], keepsOrigin: true }],
  ['nindent', { fn: ([n, value]) => '\n' + indent(n, value), arity: [2, 2], keepsOrigin: true }],
  ['quote', { fn: ([value]) => JSON.stringify(value === null ? '' : String(value)), arity: [1, 1], keepsOrigin: true }],
  ['trim', { fn: ([value]) => text(value).trim(), arity: [1, 1], keepsOrigin: true }],
  [
    'dict',
    {
      fn: (args) => {
        const map: GoMap = new Map();
        for (let i = 0; i < args.length; i += 2) map.set(text(args[i]), args[i + 1] ?? null);
        return map;
      },
      arity: [0, Infinity],
    },
  ],
  ['list', { fn: (args) => [...args], arity: [0, Infinity] }],
  [
    'omit',
    {
      fn: ([map, ...keys]) => new Map([...(map instanceof Map ? map : [])].filter(([key]) => !keys.includes(key))),
      arity: [1, Infinity],
      keepsOrigin: true,
    },
  ],
  // Stands in for toYaml: a map printed as `key: value` lines (enough to see the `collection` mark).
  [
    'toYaml',
    {
      fn: ([value]) => (value instanceof Map ? [...value].map(([k, v]) => `${k}: ${String(v)}`).join('\n') : String(value)),
      arity: [1, 1],
      keepsOrigin: true,
    },
  ],
]);

export function budget(overrides: Partial<RenderBudget> = {}): RenderBudget {
  return { steps: 1_000_000, outputChars: 1_000_000, deadline: Date.now() + 10_000, ...overrides };
}

/** Parses `files` (path → text; each file's template is named by its path) and executes `name`. */
export function render(files: Record<string, string>, name: string, data: GoValue, options: Partial<ExecuteOptions> = {}): TracedText {
  const set = new TemplateSet(TEST_FUNCTIONS);
  for (const [file, source] of Object.entries(files)) parseTemplates(file, source, set);
  const output = executeTemplate(set, name, data, { functions: TEST_FUNCTIONS, budget: budget(), missingKey: 'zero', ...options });
  checkSpans(output, files);
  return output;
}

/** The source map's contract: sorted, adjacent, covering spans; a text span's output equals its source text. */
export function checkSpans(output: TracedText, files: Record<string, string>): void {
  let at = 0;
  for (const span of output.spans) {
    assert.equal(span.start, at, `span at ${span.start} follows the previous one (${at})`);
    assert.ok(span.end > span.start, 'spans are not empty');
    if (span.kind === 'text') {
      assert.equal(output.text.slice(span.start, span.end), files[span.source.file].slice(span.source.start, span.source.end), 'text span copies its source');
    }
    at = span.end;
  }
  assert.equal(at, output.text.length, 'spans cover the whole output');
}

/** The span that covers `needle` (its first occurrence at or after `from`) in the output. */
export function spanAt(output: TracedText, needle: string, from = 0) {
  const offset = output.text.indexOf(needle, from);
  assert.ok(offset >= 0, `output contains ${JSON.stringify(needle)}`);
  const span = output.spans.find((s) => s.start <= offset && offset < s.end);
  assert.ok(span);
  return span;
}

/** The text a source location covers. */
export function sourceText(files: Record<string, string>, location: { file: string; start: number; end: number }): string {
  return files[location.file].slice(location.start, location.end);
}

/** A values tree whose entries know their origin in a pretend values file, as the chart loader's are. */
export function valuesWithOrigins(entries: Record<string, unknown>, file = '/chart/values.yaml') {
  const origins = new WeakMap<object, Map<string | number, ValueOrigin>>();
  let offset = 0;
  const build = (value: unknown, path: (string | number)[]): GoValue => {
    if (value === null || typeof value !== 'object') return value as GoValue;
    const byKey = new Map<string | number, ValueOrigin>();
    const origin = (key: string | number): ValueOrigin => {
      const start = offset;
      offset += String(key).length + 1;
      return { file, start, end: start + String(key).length, path: [...path, key] };
    };
    let container: GoMap | GoValue[];
    if (Array.isArray(value)) {
      container = value.map((element, i) => (byKey.set(i, origin(i)), build(element, [...path, i])));
    } else {
      container = new Map();
      for (const [key, element] of Object.entries(value)) {
        byKey.set(key, origin(key));
        container.set(key, build(element, [...path, key]));
      }
    }
    origins.set(container, byKey);
    return container;
  };
  const values = build(entries, []) as GoMap;
  return { values, valueOrigin: (container: GoMap | GoValue[], key: string | number) => origins.get(container)?.get(key) };
}
