/**
 * Go text/template behaviour that Helm charts lean on and Go's own table does not pin down with JSON data.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executeTemplate, parseTemplates, TemplateParseError, TemplateSet } from '../../../rules/models/helm/template';
import type { GoValue } from '../../../rules/models/helm/value';
import { budget, render, TEST_FUNCTIONS } from './harness';

function text(source: string, data: GoValue = null, missingKey: 'zero' | 'default' | 'error' = 'zero'): string {
  return render({ '/t.yaml': source }, '/t.yaml', data, { missingKey }).text;
}

const values = new Map<string, GoValue>([
  ['m', new Map<string, GoValue>([['b', 2n], ['a', 1n], ['c', 3n]])],
  ['n', 1000000],
  ['s', 'str'],
]);

describe('template semantics', () => {
  it('ranges over a map in key order and keeps assignments to outer variables', () => {
    assert.equal(text('{{ $last := "" }}{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ $last = $k }}{{ end }}{{ $last }}', values), 'a=1;b=2;c=3;c');
  });

  it('prints float64 values the way Go does (values files load numbers as float64)', () => {
    assert.equal(text('{{ .n }} {{ 1.0 }} {{ 3 }}', values), '1e+06 1 3');
  });

  it('gives a {{template}} without a pipeline nil, and $ inside an include is the include argument', () => {
    const files = { '/t.yaml': '{{ define "x" }}[{{ . }}]{{ end }}{{ define "y" }}{{ $.s }}{{ end }}{{ template "x" }}{{ include "y" . }}' };
    assert.equal(render(files, '/t.yaml', values).text, '[<no value>]str');
  });

  it('scopes variables to their control structure, with the pipeline variable visible in else', () => {
    assert.equal(text('{{ if $x := .s }}{{ $x }}{{ else }}none{{ end }}{{ with $y := .missing }}{{ else }}{{ $y }}{{ end }}', values), 'str<no value>');
  });

  it('honours break and continue from inside nested ifs', () => {
    assert.equal(text('{{ range $i, $e := .m }}{{ if eq $e 2 }}{{ continue }}{{ end }}{{ if eq $e 3 }}{{ break }}{{ end }}{{ $i }}{{ end }}', values), 'a');
  });

  it('follows missingkey: zero and default print <no value>; error fails', () => {
    assert.equal(text('{{ .missing }}', values, 'zero'), '<no value>');
    assert.equal(text('{{ .missing }}', values, 'default'), '<no value>');
    assert.throws(() => text('{{ .missing }}', values, 'error'), /map has no entry for key "missing"/);
    // A field of nil data (the dot a {{template}} without a pipeline gets): nil, or Go's error under missingkey=error.
    const nilDot = { '/t.yaml': '{{ define "x" }}[{{ .a }}]{{ end }}{{ template "x" }}' };
    assert.equal(render(nilDot, '/t.yaml', values, { missingKey: 'zero' }).text, '[<no value>]');
    assert.throws(() => render(nilDot, '/t.yaml', values, { missingKey: 'error' }), /nil data; no entry for key "a"/);
  });

  it('parses the later of two definitions of a name across files, but never replaces one with an empty body', () => {
    const set = new TemplateSet(TEST_FUNCTIONS);
    parseTemplates('/a.tpl', '{{ define "x" }}first{{ end }}', set);
    parseTemplates('/b.tpl', '{{ define "x" }}second{{ end }}', set);
    parseTemplates('/c.tpl', '{{ define "x" }} {{ end }}', set);
    parseTemplates('/t.yaml', '{{ template "x" }}', set);
    const output = executeTemplate(set, '/t.yaml', null, { functions: TEST_FUNCTIONS, budget: budget(), missingKey: 'zero' });
    assert.equal(output.text, 'second');
  });

  it('rejects absurdly nested templates with a parse error instead of overflowing the stack', () => {
    const set = new TemplateSet(TEST_FUNCTIONS);
    assert.throws(() => parseTemplates('/t.yaml', '{{ ' + '('.repeat(50_000) + '1' + ')'.repeat(50_000) + ' }}', set), TemplateParseError);
    const deepIf = '{{ if true }}'.repeat(20_000) + 'x' + '{{ end }}'.repeat(20_000);
    assert.throws(() => parseTemplates('/u.yaml', deepIf, set), TemplateParseError);
  });
});
