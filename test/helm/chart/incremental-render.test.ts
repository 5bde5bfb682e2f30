import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isMap, isScalar, isSeq, parseDocument, visit, type Node } from 'yaml';
import { ALL_RULES } from '../../../rules';
import { lintChart, type ChartLintResult } from '../../../rules/engine/chart/lint-chart';
import { TemplateLintCache } from '../../../rules/engine/chart/template-lint-cache';
import { IncrementalChartRenderer } from '../../../rules/models/helm/chart/incremental-render';
import { renderChart } from '../../../rules/models/helm/chart/render';
import type { ChartRenderResult } from '../../../rules/models/helm/render-result';
import type { SourceSet } from '../../../rules/models/helm/source-map';
import { TemplateParseCache } from '../../../rules/models/helm/template';
import { SHARED_DIR, SHARED_SKIP_REASON } from '../../helpers/shared';
import { sourceSet, sourceSetFromDisk } from './chart-source';

/**
 * The incremental renderer (the language server's) against a full render, on corpus charts edited at random:
 * after every edit, each template's rendered text and source map and every finding of the chart must be what a
 * full render and lint give. Templates whose output is random (generated passwords) differ between two full
 * renders too: they are left out of the comparison, found anew at each step.
 */
const BITNAMI = join(SHARED_DIR, 'corpus', 'realworld', 'bitnami__charts', 'bitnami');

function bitnamiSources(names: string[]): SourceSet {
  const files = new Map<string, string | Uint8Array>();
  for (const name of names) for (const [path, data] of sourceSetFromDisk(join(BITNAMI, name), `/w/${name}`).files) files.set(path, data);
  return { files };
}

/** A small seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Edit = { file: string; text: string; label: string };

/** Changes one value of a values file: a scalar toggled, counted up or renamed; an empty map or list filled. */
function valuesEdit(file: string, text: string, next: () => number): Edit | undefined {
  const document = parseDocument(text);
  const nodes: Node[] = [];
  visit(document, {
    Pair: (_, pair) => {
      const value = pair.value as Node | null;
      if (value && (isScalar(value) || ((isMap(value) || isSeq(value)) && value.items.length === 0 && value.flow))) nodes.push(value);
    },
  });
  const node = nodes[Math.floor(next() * nodes.length)];
  if (!node?.range || node.range[1] <= node.range[0]) return undefined;
  let replacement: string;
  if (isMap(node)) replacement = '{enabled: true, extra: "x"}';
  else if (isSeq(node)) replacement = '["x"]';
  else {
    const value = (node as { value: unknown }).value;
    replacement = typeof value === 'boolean' ? String(!value) : typeof value === 'number' ? String(value + 1) : JSON.stringify(`${value ?? ''}x`);
  }
  return { file, text: text.slice(0, node.range[0]) + replacement + text.slice(node.range[1]), label: `values ${node.range[0]} → ${replacement}` };
}

/** Inserts text at the start of a random line of a file: a comment (output unchanged) or literal text. */
function lineEdit(file: string, text: string, next: () => number, insert: string): Edit {
  const starts = [0, ...[...text.matchAll(/\n/g)].map((match) => match.index! + 1)].filter((offset) => offset < text.length);
  const at = starts[Math.floor(next() * starts.length)];
  return { file, text: text.slice(0, at) + insert + text.slice(at), label: `${file.slice(file.lastIndexOf('/') + 1)}:${at} + ${JSON.stringify(insert)}` };
}

function pickEdit(sources: SourceSet, root: string, next: () => number): Edit | undefined {
  const files = [...sources.files.keys()].filter((path) => path.startsWith(`${root}/`));
  const pick = (list: string[]) => list[Math.floor(next() * list.length)];
  const text = (path: string) => sources.files.get(path) as string;
  const roll = next();
  if (roll < 0.1) {
    // A dependency's own defaults: subchart scoping and `global` decide who sees them.
    const dependency = pick([...sources.files.keys()].filter((path) => path.endsWith('/values.yaml') && !path.startsWith(`${root}/`) && path.split('/').length === 4));
    return valuesEdit(dependency, text(dependency), next);
  }
  if (roll < 0.6) return valuesEdit(`${root}/values.yaml`, text(`${root}/values.yaml`), next);
  if (roll < 0.7) return lineEdit(`${root}/values.yaml`, text(`${root}/values.yaml`), next, next() < 0.5 ? '# a comment\n' : '\n');
  if (roll < 0.85) {
    const helper = pick(files.filter((path) => /\/templates\/.*\/?_[^/]*\.tpl$/.test(path)));
    return lineEdit(helper, text(helper), next, next() < 0.5 ? '{{/* edited */}}' : 'edited: text\n');
  }
  const template = pick(files.filter((path) => /\/templates\/(?:.*\/)?[^_/][^/]*\.yaml$/.test(path)));
  return lineEdit(template, text(template), next, next() < 0.5 ? '# edited\n' : '{{ .Values.image.tag }}\n');
}

/** Templates whose output differs between two full renders (random functions): not comparable. */
function randomTemplates(a: ChartRenderResult, b: ChartRenderResult): Set<string> {
  const other = new Map(b.templates.map((template) => [template.name, template.output.text]));
  return new Set(a.templates.filter((template) => other.get(template.name) !== template.output.text).map((template) => template.name));
}

function comparableFindings(result: ChartLintResult, random: Set<string>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [file, findings] of result.findings) {
    const kept = findings.filter((finding) => !random.has(String(finding.data?.helmTemplate)));
    if (kept.length) out[file] = kept.map((finding) => JSON.parse(JSON.stringify(finding)));
  }
  return out;
}

function checkEdits(names: string[], seed: number, steps: number): void {
  const root = `/w/${names[0]}`;
  let sources = bitnamiSources(names);
  const next = random(seed);
  const parseCache = new TemplateParseCache();
  const incremental = new IncrementalChartRenderer(new TemplateParseCache());
  const lintCache = new TemplateLintCache();
  const full = (set: SourceSet) => renderChart(set, root, {}, undefined, parseCache);
  const lintIncremental = (set: SourceSet) => lintChart(set, root, { render: (s, r, o) => incremental.render(s, r, o), rules: ALL_RULES, lintCache });
  lintIncremental(sources);
  let reused = 0;
  let lintHits = 0;
  for (let step = 0; step < steps; step++) {
    const edit = pickEdit(sources, root, next);
    if (!edit) continue;
    const files = new Map(sources.files);
    files.set(edit.file, edit.text);
    sources = { files };
    const linted = lintIncremental(sources);
    const rendered = incremental.lastRender;
    reused += rendered.reused;
    lintHits += lintCache.hits;
    const first = full(sources);
    const second = full(sources);
    const random = randomTemplates(first, second);
    const context = `step ${step} (${edit.label}): ${rendered.full ? 'full render' : `ran ${rendered.executed.join(', ') || 'nothing'}`}`;
    assert.deepEqual(linted.templates.map((template) => template.name), first.templates.map((template) => template.name), context);
    for (const [i, template] of first.templates.entries()) {
      if (random.has(template.name)) continue;
      assert.equal(linted.templates[i].output.text, template.output.text, `${context}: ${template.name} text`);
      assert.deepEqual(linted.templates[i].output.spans, template.output.spans, `${context}: ${template.name} source map`);
    }
    const fullLint = lintChart(sources, root, { render: () => first, rules: ALL_RULES });
    assert.deepEqual(comparableFindings(linted, random), comparableFindings(fullLint, random), `${context}: findings`);
  }
  assert.ok(reused > 0, 'some edits re-rendered only part of the chart');
  assert.ok(lintHits > 0, 'some rendered templates were not linted again');
}

describe('incremental chart rendering', () => {
  it('reuses what an edit cannot change and runs what it can', () => {
    const values = 'a:\n  enabled: true\n  name: one\nb:\n  name: two\nlist:\n  - x: 1\n';
    const files = {
      '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      '/c/values.yaml': values,
      '/c/templates/_helpers.tpl': '{{- define "c.a" -}}a-{{ .Values.a.name }}{{- end -}}\n{{- define "c.b" -}}b-{{ .Values.b.name }}{{- end -}}\n',
      '/c/templates/a.yaml': 'kind: ConfigMap\nname: {{ include "c.a" . }}\n',
      '/c/templates/b.yaml': 'kind: ConfigMap\nname: {{ include "c.b" . }}\n',
      '/c/templates/list.yaml': 'kind: ConfigMap\ndata: {{ toYaml .Values.list | nindent 2 }}\n',
    };
    const renderer = new IncrementalChartRenderer();
    const render = (changes: Record<string, string>) => renderer.render(sourceSet({ ...files, ...changes }), '/c', {});
    render({});
    assert.equal(renderer.lastRender.full, true);
    render({ '/c/values.yaml': values.replace('one', 'uno') });
    assert.deepEqual(renderer.lastRender.executed, ['c/templates/a.yaml']);
    render({ '/c/values.yaml': values.replace('one', 'uno').replace('x: 1', 'x: 2') });
    assert.deepEqual(renderer.lastRender.executed, ['c/templates/list.yaml'], 'a value inside a list read whole');
    const helpers = files['/c/templates/_helpers.tpl'].replace('b-{{', 'bee-{{');
    const result = render({ '/c/values.yaml': values.replace('one', 'uno').replace('x: 1', 'x: 2'), '/c/templates/_helpers.tpl': helpers });
    assert.deepEqual(renderer.lastRender.executed, ['c/templates/b.yaml'], 'only the includer of the edited define');
    assert.match(result.templates.find((template) => template.name === 'c/templates/b.yaml')!.output.text, /name: bee-two/);
    const commented = helpers.replace('{{- define "c.a" -}}', '{{- define "c.a" -}}{{/* a note */}}');
    const moved = render({ '/c/values.yaml': values.replace('one', 'uno').replace('x: 1', 'x: 2'), '/c/templates/_helpers.tpl': commented });
    assert.deepEqual(renderer.lastRender.executed, [], 'a comment in a define changes no output: its includers are reused, their source maps moved');
    const span = moved.templates.find((template) => template.name === 'c/templates/a.yaml')!.output.spans.find((candidate) => candidate.source.file === '/c/templates/_helpers.tpl')!;
    assert.equal(commented.slice(span.source.start, span.source.end), 'a-');
    render({ '/c/templates/_helpers.tpl': helpers + '{{- define "c.new" -}}{{- end -}}\n' });
    assert.equal(renderer.lastRender.full, true, 'a define added renders the whole chart');
  });

  it('compares with the files as they were when the caller changes its map in place', () => {
    const sources = sourceSet({
      '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      '/c/values.yaml': 'name: one\n',
      '/c/templates/a.yaml': 'kind: ConfigMap\nname: {{ .Values.name }}\n',
    });
    const renderer = new IncrementalChartRenderer();
    renderer.render(sources, '/c', {});
    (sources.files as Map<string, string>).set('/c/values.yaml', 'name: two\n');
    assert.match(renderer.render(sources, '/c', {}).templates[0].output.text, /name: two/);
    assert.deepEqual(renderer.lastRender.executed, ['c/templates/a.yaml']);
  });

  it('runs again the templates that read .Files when one of its files changes, by a method or by ranging over it', () => {
    const files = {
      '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      '/c/values.yaml': 'name: one\n',
      '/c/files/a.txt': 'first',
      '/c/templates/get.yaml': 'kind: ConfigMap\ndata: {{ .Files.Get "files/a.txt" | quote }}\n',
      '/c/templates/range.yaml': 'kind: ConfigMap\ndata:\n{{- range $name, $bytes := .Files }}\n  {{ base $name }}: {{ toString $bytes | quote }}\n{{- end }}\n',
      '/c/templates/plain.yaml': 'kind: ConfigMap\nname: {{ .Values.name }}\n',
    };
    const renderer = new IncrementalChartRenderer();
    renderer.render(sourceSet(files), '/c', {});
    const result = renderer.render(sourceSet({ ...files, '/c/files/a.txt': 'second' }), '/c', {});
    assert.deepEqual(renderer.lastRender.executed.sort(), ['c/templates/get.yaml', 'c/templates/range.yaml']);
    assert.ok(result.templates.every((template) => template.name === 'c/templates/plain.yaml' || template.output.text.includes('second')));
  });

  it('sees what a template writes into .Values: a later reader runs again when the writer does', () => {
    const files = {
      '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      '/c/values.yaml': 'seed: one\nshared: {}\n',
      '/c/templates/z-writer.yaml': '{{- $_ := set .Values.shared "word" .Values.seed -}}\nkind: ConfigMap\n',
      '/c/templates/a-reader.yaml': 'kind: ConfigMap\nword: {{ .Values.shared.word }}\n',
    };
    const renderer = new IncrementalChartRenderer();
    const render = (values: string) => renderer.render(sourceSet({ ...files, '/c/values.yaml': values }), '/c', {});
    render('seed: one\nshared: {}\n');
    const reader = (result: ChartRenderResult) => result.templates.find((template) => template.name === 'c/templates/a-reader.yaml')!.output.text;
    assert.match(reader(render('seed: two\nshared: {}\n')), /word: two/);
    assert.deepEqual(renderer.lastRender.executed.sort(), ['c/templates/a-reader.yaml', 'c/templates/z-writer.yaml']);
    assert.match(reader(render('seed: two\nshared: {}\nother: 1\n')), /word: two/, 'a reused writer writes again');
    assert.deepEqual(renderer.lastRender.executed, []);
  });

  it('gives what a full render gives after random edits to airflow (values, helpers, templates)', { skip: SHARED_SKIP_REASON, timeout: 600_000 }, () => {
    checkEdits(['airflow', 'common', 'redis', 'postgresql'], 14, 12);
  });

  it('gives what a full render gives after random edits to wordpress', { skip: SHARED_SKIP_REASON, timeout: 600_000 }, () => {
    checkEdits(['wordpress', 'common', 'mariadb', 'memcached'], 7, 25);
  });
});
