/**
 * Go's error messages and positions, Helm's missing-key behaviour, and the render budgets: every failure is a
 * TemplateError (a subclass saying what kind), never a JavaScript error or a hang.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executeTemplate, parseTemplates, RenderBudgetError, TemplateExecError, TemplateParseError, TemplateSet } from '../../../rules/models/helm/template';
import { GoMethodMap, GoObject, type GoValue } from '../../../rules/models/helm/value';
import { budget, render, TEST_FUNCTIONS } from './harness';

function values(entries: Record<string, GoValue>): GoValue {
  return new Map([['Values', new Map(Object.entries(entries))]]);
}

function renderError(files: Record<string, string>, name: string, data: GoValue = values({}), limits = budget()): Error {
  const set = new TemplateSet(TEST_FUNCTIONS);
  try {
    for (const [file, text] of Object.entries(files)) parseTemplates(file, text, set, file.replace(/^\//, 'chart/'));
    executeTemplate(set, name.replace(/^\//, 'chart/'), data, { functions: TEST_FUNCTIONS, budget: limits, missingKey: 'zero' });
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected an error');
}

describe('template errors', () => {
  it('reports parse errors as Go does, with the line', () => {
    const error = renderError({ '/t.yaml': 'a: 1\nb: {{ if }}{{ end }}' }, '/t.yaml');
    assert.ok(error instanceof TemplateParseError);
    assert.equal(error.message, 'template: chart/t.yaml:2: missing value for if');
    assert.equal(error.offset, 'a: 1\nb: {{ if '.length);
    const unclosed = renderError({ '/t.yaml': 'a: {{ .Values.x\n\n' }, '/t.yaml');
    assert.equal(unclosed.message, 'template: chart/t.yaml:3: unclosed action started at chart/t.yaml:1');
    const unknown = renderError({ '/t.yaml': '{{ nosuch 1 }}' }, '/t.yaml');
    assert.equal(unknown.message, 'template: chart/t.yaml:1: function "nosuch" not defined');
    const variable = renderError({ '/t.yaml': '{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}' }, '/t.yaml');
    assert.equal(variable.message, 'template: chart/t.yaml:1: undefined variable "$x"');
    const twice = renderError({ '/t.yaml': '{{ define "a" }}1{{ end }}{{ define "a" }}2{{ end }}' }, '/t.yaml');
    assert.match(twice.message, /multiple definition of template "a"/);
  });

  it('reports execution errors with line, byte column, template and node', () => {
    const error = renderError({ '/t.yaml': 'a: 1\n  é {{ .Values.missing.key }}' }, '/t.yaml');
    assert.ok(error instanceof TemplateExecError);
    assert.equal(error.message, 'template: chart/t.yaml:2:8: executing "chart/t.yaml" at <.Values.missing.key>: nil pointer evaluating interface {}.key');
    assert.equal(error.file, '/t.yaml');
    const wrongType = renderError({ '/t.yaml': '{{ .Values.tag.major }}' }, '/t.yaml', values({ tag: '1.2' }));
    assert.match(wrongType.message, /can't evaluate field major in type interface \{\}$/);
    const comparison = renderError({ '/t.yaml': '{{ if eq .Values.port 80 }}x{{ end }}' }, '/t.yaml', values({ port: 80 }));
    assert.match(comparison.message, /at <eq \.Values\.port 80>: error calling eq: incompatible types for comparison$/);
  });

  it('names the helper and nests the message of an error inside an include, as Go does', () => {
    const error = renderError({ '/_h.tpl': '{{ define "h" }}\n{{ .x.y }}{{ end }}', '/t.yaml': '{{ include "h" .Values }}' }, '/t.yaml');
    assert.equal(
      error.message,
      'template: chart/t.yaml:1:3: executing "chart/t.yaml" at <include "h" .Values>: error calling include: ' +
        'template: chart/_h.tpl:2:3: executing "h" at <.x.y>: nil pointer evaluating interface {}.y',
    );
    const missing = renderError({ '/t.yaml': '{{ include "nope" . }}' }, '/t.yaml');
    assert.match(missing.message, /error calling include: template: no template "nope" associated with template "gotpl"$/);
  });

  it('prints a missing key as <no value> and a nil parent only fails when a field of it is read', () => {
    const output = render({ '/t.yaml': '[{{ .Values.none }}] [{{ (.Values.none).x }}] {{ $v := .Values.none }}[{{ $v.x }}]' }, '/t.yaml', values({}));
    assert.equal(output.text, '[<no value>] [<no value>] [<no value>]');
  });

  it('calls the methods of objects and of map types with methods (.Files.Get), then map keys', () => {
    const files = new GoMethodMap('chartutil.Files', [['a.txt', 'raw']], new Map([['Get', ([name]: GoValue[]) => `content of ${String(name)}`]]));
    const capabilities = new GoObject('chartutil.Capabilities', new Map(), new Map([['Has', ([v]: GoValue[]) => v === 'v1']]));
    const data = new Map<string, GoValue>([['Files', files], ['Caps', capabilities]]);
    const output = render({ '/t.yaml': '{{ .Files.Get "a.txt" }}|{{ index .Files "a.txt" }}|{{ .Caps.Has "v1" }}|{{ range $k, $v := .Files }}{{ $k }}{{ end }}' }, '/t.yaml', data);
    assert.equal(output.text, 'content of a.txt|raw|true|a.txt');
  });
});

describe('render budgets', () => {
  it('stops a render that takes too many steps', () => {
    const error = renderError({ '/t.yaml': '{{ range .Values.l }}{{ range $.Values.l }}{{ range $.Values.l }}x{{ end }}{{ end }}{{ end }}' }, '/t.yaml', values({ l: Array.from({ length: 100 }, (_, i) => BigInt(i)) }), budget({ steps: 50_000 }));
    assert.ok(error instanceof RenderBudgetError);
    assert.equal(error.limit, 'steps');
  });

  it('stops a render whose output grows past the limit', () => {
    const error = renderError({ '/t.yaml': '{{ range .Values.l }}0123456789{{ end }}' }, '/t.yaml', values({ l: Array.from({ length: 1000 }, () => true) }), budget({ outputChars: 5_000 }));
    assert.ok(error instanceof RenderBudgetError);
    assert.equal(error.limit, 'output');
  });

  it('stops at the deadline', () => {
    const error = renderError({ '/t.yaml': '{{ range .Values.l }}{{ end }}' }, '/t.yaml', values({ l: Array.from({ length: 5000 }, () => null) }), budget({ deadline: Date.now() - 1 }));
    assert.ok(error instanceof RenderBudgetError);
    assert.equal(error.limit, 'deadline');
  });

  it('stops endless recursion through include, template and tpl without overflowing the stack', () => {
    const include = renderError({ '/_h.tpl': '{{ define "r" }}{{ include "r" . }}{{ end }}', '/t.yaml': '{{ include "r" . }}' }, '/t.yaml');
    assert.ok(include instanceof RenderBudgetError);
    assert.equal(include.message, 'include calls nest deeper than 200');
    const template = renderError({ '/t.yaml': '{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}' }, '/t.yaml');
    assert.ok(template instanceof RenderBudgetError);
    assert.equal(template.limit, 'depth');
    const tpl = renderError({ '/t.yaml': '{{ tpl .Values.t . }}' }, '/t.yaml', values({ t: '{{ tpl .Values.t . }}' }));
    assert.ok(tpl instanceof RenderBudgetError);
    assert.equal(tpl.limit, 'depth');
  });
});
