import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTemplate } from '../../../rules/models/helm/chart/print';
import { EDITOR_RENDER_LIMITS, renderChart } from '../../../rules/models/helm/chart/render';
import { helmRenderer } from '../../../rules/engine/chart/default-renderer';
import type { HelmRenderOptions } from '../../../rules/models/helm/render-result';
import { sourceSet } from './chart-source';

const CHART = 'apiVersion: v2\nname: app\nversion: 1.0.0\n';

function render(files: Record<string, string>, options: HelmRenderOptions = {}) {
  return renderChart(sourceSet({ '/w/app/Chart.yaml': CHART, ...files }), '/w/app', options);
}

function output(result: ReturnType<typeof render>, name: string): string | undefined {
  return result.templates.find((template) => template.name === name)?.output.text;
}

describe('renderChart', () => {
  it("gives Helm's built-in objects with helm template's defaults", () => {
    const result = render({
      '/w/app/values.yaml': 'count: 1000000\nn: keyed false\n', // go-yaml v2 reads a plain `n` as false, so Helm has the key "false"
      '/w/app/templates/a.yaml':
        '{{ .Release.Name }}|{{ .Release.Namespace }}|{{ .Release.Revision }}|{{ .Release.IsInstall }}|{{ .Chart.Name }}-{{ .Chart.Version }}|{{ .Chart.IsRoot }}|' +
        '{{ .Template.Name }}|{{ .Template.BasePath }}|{{ .Capabilities.KubeVersion.Version }}|{{ .Capabilities.KubeVersion.Minor }}|' +
        '{{ .Capabilities.APIVersions.Has "apps/v1" }}|{{ .Capabilities.APIVersions.Has "apps/v1/Deployment" }}|{{ .Values.count }}|{{ index .Values "false" }}|{{ lookup "v1" "Secret" "ns" "x" }}',
    });
    assert.deepEqual(result.problems, []);
    assert.equal(output(result, 'app/templates/a.yaml'), 'release-name|default|1|true|app-1.0.0|true|app/templates/a.yaml|app/templates|v1.20.0|20|true|false|1e+06|keyed false|map[]');
    const custom = render({ '/w/app/templates/a.yaml': '{{ .Release.Name }}|{{ .Release.Namespace }}|{{ .Capabilities.KubeVersion.Version }}|{{ .Capabilities.APIVersions.Has "x/v1" }}' }, { releaseName: 'r', namespace: '', kubeVersion: '1.29', apiVersions: ['x/v1'] });
    assert.equal(output(custom, 'app/templates/a.yaml'), 'r||v1.29|true');
  });

  it('reads .Files as Helm does (Get, Glob, Lines, AsConfig, AsSecrets), without templates or values', () => {
    const result = render({
      '/w/app/values.yaml': 'a: 1\n',
      '/w/app/conf/a.conf': 'x=1\ny=2\n',
      '/w/app/conf/b.conf': 'z',
      '/w/app/templates/a.yaml':
        '{{ .Files.Get "conf/a.conf" | quote }}|{{ len (.Files.Glob "conf/*") }}|{{ len (.Files.Glob "**.yaml") }}|{{ .Files.Lines "conf/a.conf" | len }}|' +
        '{{ range $path, $_ := .Files.Glob "conf/*" }}{{ $path }},{{ end }}\n{{ (.Files.Glob "conf/*").AsConfig }}\n{{ (.Files.Glob "conf/b.conf").AsSecrets }}',
    });
    assert.deepEqual(result.problems, []);
    assert.equal(output(result, 'app/templates/a.yaml'), '"x=1\\ny=2\\n"|2|0|2|conf/a.conf,conf/b.conf,\na.conf: |\n  x=1\n  y=2\nb.conf: z\nb.conf: eg==');
  });

  it('gives every .Files entry as bytes however it is read (by key, by range, by a glob), text files included', () => {
    const result = render({
      '/w/app/conf/é.txt': 'café',
      '/w/app/conf/b.txt': 'b',
      '/w/app/templates/a.yaml':
        '{{ range $path, $data := .Files }}{{ $path }} {{ len $data }} {{ typeOf $data }};{{ end }}|{{ len (.Files.GetBytes "conf/é.txt") }}|' +
        '{{ typeOf (index .Files "conf/b.txt") }}|{{ range (.Files.Glob "conf/*") }}{{ len . }},{{ end }}|{{ .Files.Get "conf/é.txt" }}',
    });
    assert.deepEqual(result.problems, []);
    assert.equal(output(result, 'app/templates/a.yaml'), 'conf/b.txt 1 []uint8;conf/é.txt 5 []uint8;|5|[]uint8|1,5,|café');
  });

  it('turns required and fail into problems of their template, while the others still render', () => {
    const result = render({
      '/w/app/templates/a.yaml': 'x: {{ required "set .Values.x" .Values.x }}',
      '/w/app/templates/b.yaml': '{{ fail "unsupported" }}',
      '/w/app/templates/c.yaml': '{{ if }}',
      '/w/app/templates/d.yaml': 'kind: ConfigMap',
    });
    assert.deepEqual(
      result.problems.map((problem) => [problem.reason, problem.message, problem.template]),
      [
        ['parse-error', 'parse error at (app/templates/c.yaml:1): missing value for if', '/w/app/templates/c.yaml'],
        // Helm's execution order: reverse path order within one depth.
        ['fail', 'execution error at (app/templates/b.yaml:1:3): unsupported', '/w/app/templates/b.yaml'],
        ['required', 'execution error at (app/templates/a.yaml:1:6): set .Values.x', '/w/app/templates/a.yaml'],
      ],
    );
    assert.deepEqual(result.templates.map((template) => template.name), ['app/templates/d.yaml']);
    assert.equal(result.problems[2].location.start, 'x: {{ '.length);
  });

  it('removes <no value> from the text and keeps the source map consistent', () => {
    const text = 'a: {{ .Values.missing }}x\nb: {{ .Values.image.tag }}\n';
    const result = render({ '/w/app/values.yaml': 'image:\n  tag: "1.2"\n', '/w/app/templates/a.yaml': text });
    const rendered = result.templates[0].output;
    assert.equal(rendered.text, 'a: x\nb: 1.2\n');
    let covered = 0;
    for (const span of rendered.spans) {
      assert.equal(span.start, covered, 'spans are contiguous');
      covered = span.end;
    }
    assert.equal(covered, rendered.text.length);
    const tag = rendered.spans.find((span) => rendered.text.slice(span.start, span.end) === '1.2');
    assert.ok(tag?.value, 'the value keeps its origin');
    assert.equal(tag.value.file, '/w/app/values.yaml');
    assert.deepEqual(tag.value.path, ['image', 'tag']);
    assert.equal(tag.source.start, text.indexOf('{{ .Values.image.tag }}'));
  });

  it("lets a parent chart's define win over a subchart's, and scopes subchart values", () => {
    const result = render({
      '/w/app/values.yaml': 'sub:\n  port: 8080\n',
      '/w/app/templates/_helpers.tpl': '{{ define "name" }}parent{{ end }}',
      '/w/app/templates/a.yaml': '{{ include "name" . }}',
      '/w/app/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
      '/w/app/charts/sub/values.yaml': 'port: 80\n',
      '/w/app/charts/sub/templates/_helpers.tpl': '{{ define "name" }}sub{{ end }}',
      '/w/app/charts/sub/templates/b.yaml': '{{ include "name" . }} {{ .Values.port }} {{ .Chart.Name }} {{ .Chart.IsRoot }}',
    });
    assert.equal(output(result, 'app/templates/a.yaml'), 'parent');
    assert.equal(output(result, 'app/charts/sub/templates/b.yaml'), 'parent 8080 sub false');
  });

  it('stops a runaway template at the budget with a problem, not a hang', () => {
    const result = renderChart(
      sourceSet({ '/w/app/Chart.yaml': CHART, '/w/app/templates/a.yaml': '{{ range until 100000 }}x{{ end }}', '/w/app/templates/b.yaml': 'ok' }),
      '/w/app',
      {},
      { steps: 1000, outputChars: 1_000_000, milliseconds: 5_000 },
    );
    assert.deepEqual(result.problems.map((problem) => problem.reason), ['budget']);
    assert.equal(result.problems[0].template, '/w/app/templates/a.yaml');
  });

  it('lets a render the machine slowed past 5 s finish (the clock only guards hangs); the editor thread stops at 5 s', () => {
    // A busy machine, as a clock that jumps 10 s after the render started: before, the CLI and the scan cut such
    // renders short and the same chart's findings became "not analysed" in some runs only.
    const sources = sourceSet({ '/w/app/Chart.yaml': CHART, '/w/app/templates/a.yaml': '{{ range until 3000 }}x{{ end }}' });
    const realNow = Date.now;
    const slowed = (render: () => ReturnType<typeof renderChart>) => {
      const start = realNow();
      let calls = 0;
      Date.now = () => start + (calls++ === 0 ? 0 : 10_000);
      try {
        return render();
      } finally {
        Date.now = realNow;
      }
    };
    const cli = slowed(() => helmRenderer()(sources, '/w/app', {}) as ReturnType<typeof renderChart>);
    assert.deepEqual(cli.problems, []);
    assert.equal(output(cli, 'app/templates/a.yaml'), 'x'.repeat(3000));
    const editor = slowed(() => renderChart(sources, '/w/app', {}, EDITOR_RENDER_LIMITS));
    assert.deepEqual(editor.problems.map((problem) => problem.reason), ['budget']);
  });

  it('renders nothing for a library chart and says why helm template refuses it', () => {
    const result = renderChart(sourceSet({ '/w/lib/Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 1.0.0\ntype: library\n', '/w/lib/templates/_a.tpl': '{{ define "x" }}{{ end }}' }), '/w/lib', {});
    assert.equal(result.error, 'library charts are not installable');
    assert.deepEqual(result.templates, []);
  });
});

describe('printTemplate', () => {
  const result = render({
    '/w/app/crds/crd.yaml': 'kind: CustomResourceDefinition\n',
    '/w/app/templates/NOTES.txt': 'thanks',
    '/w/app/templates/a.yaml': 'kind: Deployment\nmetadata:\n  name: a\n---\nkind: Service\nmetadata:\n  name: a\n',
    '/w/app/templates/b.yaml': 'kind: Job\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test\n---\nkind: ServiceAccount\nmetadata:\n  name: sa\n',
    '/w/app/templates/empty.yaml': '\n\n',
  });

  it("prints helm template's stdout: manifests in install order, hooks after, no NOTES or empty files", () => {
    assert.equal(result.notes, 'thanks');
    assert.equal(
      printTemplate(result).stdout,
      '---\n# Source: app/templates/b.yaml\nkind: ServiceAccount\nmetadata:\n  name: sa\n---\n# Source: app/templates/a.yaml\nkind: Service\nmetadata:\n  name: a\n---\n# Source: app/templates/a.yaml\nkind: Deployment\nmetadata:\n  name: a\n' +
        '---\n# Source: app/templates/b.yaml\nkind: Job\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test\n',
    );
  });

  it("names a template's first hook (read when asked), and the name can be set like any property", () => {
    const hookOf = (name: string) => result.templates.find((template) => template.name === name)?.hook;
    assert.equal(hookOf('app/templates/b.yaml'), 'test');
    assert.equal(hookOf('app/templates/a.yaml'), undefined);
    const copy = { ...result.templates.find((template) => template.name === 'app/templates/b.yaml')! };
    assert.equal(copy.hook, 'test', 'a spread copy keeps the value');
    const fresh = render({ '/w/app/templates/h.yaml': 'metadata:\n  annotations:\n    helm.sh/hook: pre-install\n' }).templates[0];
    fresh.hook = 'post-install';
    assert.equal(fresh.hook, 'post-install');
  });

  it('applies --skip-tests, --include-crds and --show-only', () => {
    assert.doesNotMatch(printTemplate(result, { skipTests: true }).stdout, /kind: Job/);
    assert.match(printTemplate(result, { includeCrds: true }).stdout, /^---\n# Source: app\/crds\/crd.yaml\nkind: CustomResourceDefinition\n\n---/);
    assert.equal(printTemplate(result, { showOnly: ['templates/a.yaml'] }).stdout, '---\n# Source: app/templates/a.yaml\nkind: Service\nmetadata:\n  name: a\n---\n# Source: app/templates/a.yaml\nkind: Deployment\nmetadata:\n  name: a\n');
    assert.equal(printTemplate(result, { showOnly: ['templates/none.yaml'] }).error, 'could not find template templates/none.yaml in chart');
  });
});
