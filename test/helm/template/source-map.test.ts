/**
 * The source map written while rendering: literal text, actions, values-file origins (through variables,
 * `with`, `range`, `dict` and origin-keeping functions), `include`/`template` call chains, trimming, and an
 * included helper piped through `nindent`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GoValue } from '../../../rules/models/helm/value';
import { render, sourceText, spanAt, valuesWithOrigins } from './harness';

function data(values: GoValue): GoValue {
  return new Map([['Values', values]]);
}

describe('template source map', () => {
  it('maps literal text to its template offsets and an action to the action', () => {
    const files = { '/t.yaml': 'name: {{ .Values.name }}\nkind: Pod\n' };
    const { values, valueOrigin } = valuesWithOrigins({ name: 'web' });
    const output = render(files, '/t.yaml', data(values), { valueOrigin });
    assert.equal(output.text, 'name: web\nkind: Pod\n');
    const name = spanAt(output, 'web');
    assert.equal(name.kind, 'action');
    assert.equal(sourceText(files, name.source), '{{ .Values.name }}');
    assert.deepEqual(name.value?.path, ['name']);
    assert.deepEqual(name.callers, []);
    const kind = spanAt(output, 'kind: Pod');
    assert.equal(kind.kind, 'text');
    assert.equal(sourceText(files, kind.source), '\nkind: Pod\n');
  });

  it('keeps the map exact across trim markers and comments', () => {
    const files = { '/t.yaml': 'a:  {{- " x" -}}  \n  b: {{/* why */}}c\n{{- /* gone */ -}}\n  d' };
    const output = render(files, '/t.yaml', data(new Map()));
    assert.equal(output.text, 'a: xb: cd');
    assert.equal(sourceText(files, spanAt(output, 'b: ').source), 'b: ');
    assert.equal(sourceText(files, spanAt(output, 'd').source), 'd');
  });

  it('carries a value origin through variables, with, origin-keeping functions and toYaml of a map', () => {
    const files = {
      '/t.yaml': [
        '{{- $tag := .Values.image.tag -}}',
        'tag: {{ $tag | quote }}',
        '{{ with .Values.image }}repo: {{ .repository }}{{ end }}',
        'sc: {{ toYaml .Values.securityContext }}',
        'lit: {{ "no origin" }}',
      ].join('\n'),
    };
    const { values, valueOrigin } = valuesWithOrigins({ image: { repository: 'nginx', tag: '1.25' }, securityContext: { runAsUser: 0 } });
    const output = render(files, '/t.yaml', data(values), { valueOrigin });
    assert.deepEqual(spanAt(output, '"1.25"').value?.path, ['image', 'tag']);
    assert.deepEqual(spanAt(output, 'nginx').value?.path, ['image', 'repository']);
    const sc = spanAt(output, 'runAsUser: 0');
    assert.deepEqual(sc.value?.path, ['securityContext']);
    assert.equal(sc.value?.collection, true);
    assert.equal(spanAt(output, 'no origin').value, undefined);
  });

  it('gives each range iteration its element origin while its text maps to the same template text', () => {
    const files = { '/t.yaml': 'ports:\n{{- range $i, $p := .Values.ports }}\n- {{ $p }}\n{{- end }}\n' };
    const { values, valueOrigin } = valuesWithOrigins({ ports: [80, 443] });
    const output = render(files, '/t.yaml', data(values), { valueOrigin });
    assert.equal(output.text, 'ports:\n- 80\n- 443\n');
    assert.deepEqual(spanAt(output, '80').value?.path, ['ports', 0]);
    assert.deepEqual(spanAt(output, '443').value?.path, ['ports', 1]);
    const first = spanAt(output, '\n- ');
    const second = spanAt(output, '\n- ', first.end);
    assert.notEqual(first.start, second.start);
    assert.deepEqual(first.source, second.source);
  });

  it('maps text written inside nested includes to the helper with the call chain, outermost first', () => {
    const files = {
      '/_helpers.tpl': '{{- define "outer" -}}\nouter: {{ include "inner" . }}\n{{- end -}}\n{{- define "inner" -}}inner-text{{- end -}}',
      '/t.yaml': 'top: {{ include "outer" . }}\n',
    };
    const output = render(files, '/t.yaml', data(new Map()));
    assert.equal(output.text, 'top: outer: inner-text\n');
    const inner = spanAt(output, 'inner-text');
    assert.equal(inner.kind, 'text');
    assert.equal(inner.source.file, '/_helpers.tpl');
    assert.equal(sourceText(files, inner.source), 'inner-text');
    assert.deepEqual(
      inner.callers.map((caller) => sourceText(files, caller)),
      ['include "outer" .', 'include "inner" .'],
    );
    const outer = spanAt(output, 'outer: ');
    assert.deepEqual(outer.callers.map((caller) => caller.file), ['/t.yaml']);
  });

  it('keeps the helper lines of `include … | nindent` on the helper, shifted by the indentation', () => {
    const files = {
      '/_helpers.tpl': '{{- define "labels" -}}\napp: {{ .Values.name }}\ntier: web\n{{- end }}',
      '/t.yaml': 'metadata:\n  labels:\n    {{- include "labels" . | nindent 4 }}\n',
    };
    const { values, valueOrigin } = valuesWithOrigins({ name: 'shop' });
    const output = render(files, '/t.yaml', data(values), { valueOrigin });
    assert.equal(output.text, 'metadata:\n  labels:\n    app: shop\n    tier: web\n');
    const tier = spanAt(output, 'tier: web');
    assert.equal(tier.kind, 'text');
    assert.equal(tier.source.file, '/_helpers.tpl');
    assert.equal(sourceText(files, tier.source), 'tier: web');
    assert.deepEqual(tier.callers.map((caller) => sourceText(files, caller)), ['include "labels" .']);
    const app = spanAt(output, 'shop');
    assert.equal(sourceText(files, app.source), '{{ .Values.name }}');
    assert.deepEqual(app.value?.path, ['name']);
    // The indentation nindent added belongs to the action that printed it.
    const indentation = spanAt(output, '    app');
    assert.equal(indentation.source.file, '/t.yaml');
    assert.equal(sourceText(files, indentation.source), '{{- include "labels" . | nindent 4 }}');
  });

  it('follows a value passed into a helper through dict', () => {
    const files = {
      '/_helpers.tpl': '{{- define "render" -}}{{ .value }}{{- end -}}',
      '/t.yaml': 'user: {{ include "render" (dict "value" .Values.runAsUser "context" $) }}\n',
    };
    const { values, valueOrigin } = valuesWithOrigins({ runAsUser: 1001 });
    const output = render(files, '/t.yaml', data(values), { valueOrigin });
    assert.equal(output.text, 'user: 1001\n');
    const user = spanAt(output, '1001');
    assert.deepEqual(user.value?.path, ['runAsUser']);
    assert.equal(user.source.file, '/_helpers.tpl');
  });

  it('keeps entry origins of a map a function copied from a values map (omit, pick)', () => {
    const files = { '/t.yaml': '{{ $sc := omit .Values.securityContext "enabled" }}user: {{ $sc.runAsUser }}\n{{ toYaml $sc }}' };
    const { values, valueOrigin } = valuesWithOrigins({ securityContext: { enabled: true, runAsUser: 0 } });
    const output = render(files, '/t.yaml', data(values), { valueOrigin });
    assert.equal(output.text, 'user: 0\nrunAsUser: 0');
    assert.deepEqual(spanAt(output, '0').value?.path, ['securityContext', 'runAsUser']);
    const yaml = spanAt(output, 'runAsUser: 0');
    assert.deepEqual(yaml.value?.path, ['securityContext']);
    assert.equal(yaml.value?.collection, true);
  });

  it('maps the body of a {{template}} call to the define, with the call as caller', () => {
    const files = { '/t.yaml': '{{- define "x" }}from-define{{ end -}}\nbody: {{ template "x" . }}\n' };
    const output = render(files, '/t.yaml', data(new Map()));
    assert.equal(output.text, 'body: from-define\n');
    const inner = spanAt(output, 'from-define');
    assert.equal(sourceText(files, inner.source), 'from-define');
    assert.deepEqual(inner.callers.map((caller) => sourceText(files, caller)), ['{{ template "x" . }}']);
  });

  it('maps tpl output to the tpl action and the value it came from', () => {
    const files = { '/t.yaml': 'host: {{ tpl .Values.host . }}\n' };
    const { values, valueOrigin } = valuesWithOrigins({ host: '{{ .Values.name }}.example', name: 'api' });
    const output = render(files, '/t.yaml', data(values), { valueOrigin });
    assert.equal(output.text, 'host: api.example\n');
    const host = spanAt(output, 'api.example');
    assert.equal(sourceText(files, host.source), '{{ tpl .Values.host . }}');
    assert.deepEqual(host.value?.path, ['host']);
  });
});
