import { isMap, parseDocument, stringify, type Node } from 'yaml';
import type { ChartRenderResult, HelmRenderOptions, RenderProblem } from '../../../rules/models/helm/render-result';
import type { OutputSpan, SourceSet, ValueOrigin } from '../../../rules/models/helm/source-map';
import { followPath } from '../../../rules/engine/units/yaml-paths';

/**
 * A test double of the Helm renderer that honours the `renderChart` contract (spans, callers, value origins)
 * for the few action shapes these tests write — `{{ .Values.a.b }}`, `{{- toYaml .Values.x | nindent N }}`,
 * `{{ include "name" . }}` of a `define` whose body is literal text, and `{{ fail "msg" }}` — so the engine's
 * mapping is tested on exactly known source maps. The conformance of the real renderer is tested elsewhere.
 */
export function scriptedRender(sources: SourceSet, chartRoot: string, options: HelmRenderOptions = {}): ChartRenderResult {
  const text = (file: string): string => String(sources.files.get(file) ?? '');
  const valuesFiles = [`${chartRoot}/values.yaml`, ...(options.valuesFiles ?? [])].filter((file) => sources.files.has(file));
  const name = /^name:\s*(\S+)/m.exec(text(`${chartRoot}/Chart.yaml`))?.[1] ?? 'chart';
  const defines = new Map<string, { file: string; start: number; body: string }>();
  const templateFiles = [...sources.files.keys()].filter((file) => file.startsWith(`${chartRoot}/templates/`)).sort();
  for (const file of templateFiles) {
    for (const match of text(file).matchAll(/\{\{-? define "([^"]+)" (-?)\}\}([\s\S]*?)\{\{(-?) end -?\}\}/g)) {
      const lead = match[2] ? /^\s*/.exec(match[3])![0].length : 0;
      const body = match[4] ? match[3].slice(lead).trimEnd() : match[3].slice(lead);
      defines.set(match[1], { file, start: (match.index ?? 0) + match[0].indexOf('}}') + 2 + lead, body });
    }
  }
  const lookup = (path: string[]): { value: unknown; origin?: ValueOrigin } => {
    for (const file of [...valuesFiles].reverse()) {
      const document = parseDocument(text(file));
      const chain = followPath(document.contents as Node, path);
      if (chain.length === path.length + 1) {
        const node = chain[chain.length - 1].node;
        const range = node.range ?? [0, 0];
        return { value: (node as { toJSON(): unknown }).toJSON(), origin: { file, start: range[0], end: range[1], path, ...(isMap(node) || (node as { items?: unknown }).items ? { collection: true } : {}) } };
      }
    }
    return { value: undefined };
  };
  const templates: ChartRenderResult['templates'] = [];
  const problems: RenderProblem[] = [];
  for (const file of templateFiles) {
    if (file.slice(file.lastIndexOf('/') + 1).startsWith('_')) continue;
    const source = text(file);
    let out = '';
    const spans: OutputSpan[] = [];
    let position = 0;
    let failed = false;
    const emitText = (from: number, to: number): void => {
      if (to > from) spans.push({ start: out.length, end: out.length + (to - from), kind: 'text', source: { file, start: from, end: to }, callers: [] });
      out += source.slice(from, to);
    };
    for (const match of source.matchAll(/\{\{(-?) ([^}]*?) (-?)\}\}/g)) {
      const at = match.index ?? 0;
      let textEnd = at;
      if (match[1]) while (textEnd > position && /\s/.test(source[textEnd - 1])) textEnd--;
      emitText(position, textEnd);
      const action = { file, start: at, end: at + match[0].length };
      const expression = match[2];
      const start = out.length;
      let value: ValueOrigin | undefined;
      const values = /^\.Values\.([\w.]+)$/.exec(expression);
      const toYaml = /^toYaml \.Values\.([\w.]+) \| nindent (\d+)$/.exec(expression);
      const include = /^include "([^"]+)" \.$/.exec(expression);
      const fail = /^fail "([^"]*)"$/.exec(expression);
      if (values) {
        const found = lookup(values[1].split('.'));
        out += found.value === undefined ? '' : String(found.value);
        value = found.origin;
      } else if (toYaml) {
        const found = lookup(toYaml[1].split('.'));
        const pad = ' '.repeat(Number(toYaml[2]));
        const yamlText = stringify(found.value ?? null, { flowCollectionPadding: false }).replace(/\n$/, '');
        out += `\n${yamlText.split('\n').map((line) => pad + line).join('\n')}`;
        value = found.origin;
      } else if (include) {
        const helper = defines.get(include[1]);
        if (helper) {
          spans.push({ start, end: start + helper.body.length, kind: 'text', source: { file: helper.file, start: helper.start, end: helper.start + helper.body.length }, callers: [action] });
          out += helper.body;
        }
      } else if (fail) {
        problems.push({ reason: 'fail', message: `execution error at (${file.slice(chartRoot.length + 1)}): ${fail[1]}`, location: action });
        failed = true;
        break;
      }
      if (!include && out.length > start) spans.push({ start, end: out.length, kind: 'action', source: action, callers: [], ...(value ? { value } : {}) });
      position = at + match[0].length;
      if (match[3]) while (position < source.length && /\s/.test(source[position])) position++;
    }
    if (failed) continue;
    emitText(position, source.length);
    templates.push({ name: `${name}/${file.slice(chartRoot.length + 1)}`, file, output: { text: out, spans } });
  }
  return { chart: { name, root: chartRoot }, templates, problems, valuesFiles };
}
