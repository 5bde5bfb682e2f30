import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildKustomization } from '../../rules/models/kustomize/build';

const files = new Map<string, string>([
  ['/base/kustomization.yaml', 'resources:\n- deploy.yaml\n'],
  ['/base/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.25\n'],
  ['/prod/kustomization.yaml', 'resources:\n- ../base\nnamespace: shop\npatches:\n- path: privileged.yaml\nconfigMapGenerator:\n- name: settings\n  literals:\n  - MODE=fast\n'],
  ['/prod/privileged.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        securityContext:\n          privileged: true\n'],
]);

/** The span of the output that holds the first occurrence of `needle` after `after`, and the source text it maps to. */
function origin(needle: string, after = '') {
  const result = buildKustomization({ files }, '/prod', { reorder: 'none' });
  assert.deepEqual(result.problems, []);
  const output = result.output.text;
  const offset = output.indexOf(needle, after ? output.indexOf(after) : 0);
  assert.ok(offset >= 0, `${needle} in\n${output}`);
  const span = result.output.spans.find((s) => s.start <= offset && offset < s.end)!;
  return { span, sourceText: files.get(span.source.file)!.slice(span.source.start, span.source.end) };

}

describe('kustomize build source map', () => {
  it('maps a value a patch wrote to the patch file, at the value', () => {
    const { span, sourceText } = origin('true', 'privileged');
    assert.equal(span.source.file, '/prod/privileged.yaml');
    assert.equal(sourceText, 'true');
    assert.equal(span.kind, 'text');
  });

  it('maps a value the base wrote to the base resource', () => {
    const { span, sourceText } = origin('nginx:1.25');
    assert.equal(span.source.file, '/base/deploy.yaml');
    assert.equal(sourceText, 'nginx:1.25');
  });

  it("maps a value an overlay field set to that field's value, as an action", () => {
    const { span, sourceText } = origin('shop');
    assert.equal(span.source.file, '/prod/kustomization.yaml');
    assert.equal(sourceText, 'shop');
    assert.equal(span.kind, 'action');
  });

  it('maps generated data to the literal that wrote it', () => {
    const { span, sourceText } = origin('fast');
    assert.equal(span.source.file, '/prod/kustomization.yaml');
    assert.equal(sourceText, 'MODE=fast');
  });

  it('names the kustomization entries that brought a value into the build, outermost first', () => {
    const { span } = origin('nginx:1.25');
    const entries = span.callers.map((caller) => `${caller.file}: ${files.get(caller.file)!.slice(caller.start, caller.end)}`);
    assert.deepEqual(entries, ['/prod/kustomization.yaml: ../base', '/base/kustomization.yaml: deploy.yaml']);
  });

  it('reports the build inputs: kustomizations and the files they read', () => {
    const result = buildKustomization({ files }, '/prod');
    assert.deepEqual(result.kustomizations.sort(), ['/base/kustomization.yaml', '/prod/kustomization.yaml']);
    assert.deepEqual(result.inputs.sort(), ['/base/deploy.yaml', '/prod/privileged.yaml']);
  });

  it('names a remote resource and never fetches it', () => {
    const remote = new Map([['/k/kustomization.yaml', 'resources:\n- https://github.com/org/repo//deploy?ref=v1\n']]);
    const result = buildKustomization({ files: remote }, '/k');
    assert.equal(result.problems[0].reason, 'remote-resource');
    assert.match(result.problems[0].message, /github\.com\/org\/repo/);
    assert.equal(remote.get('/k/kustomization.yaml')!.slice(result.problems[0].location!.start, result.problems[0].location!.end), 'https://github.com/org/repo//deploy?ref=v1');
  });
});

describe('inline patches', () => {
  it('map a value of a `|` block patch to its own line in the kustomization', () => {
    const kustomization = 'resources:\n- deploy.yaml\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n    spec:\n      replicas: 7\n';
    const inline = new Map([['/i/kustomization.yaml', kustomization], ['/i/deploy.yaml', files.get('/base/deploy.yaml')!]]);
    const result = buildKustomization({ files: inline }, '/i');
    assert.deepEqual(result.problems, []);
    const offset = result.output.text.indexOf('replicas: 7') + 'replicas: '.length;
    const span = result.output.spans.find((s) => s.start <= offset && offset < s.end)!;
    assert.equal(span.source.file, '/i/kustomization.yaml');
    assert.equal(kustomization.slice(span.source.start, span.source.end), '7');
  });
});

describe('kustomize build budgets', () => {
  it('stops a JSON patch whose copies would double the document again and again', () => {
    const copies = Array.from({ length: 40 }, (_, i) => `- op: copy\n  from: /spec\n  path: /spec/c${i}`).join('\n');
    const hostile = new Map([
      ['/k/kustomization.yaml', `resources:\n- cm.yaml\npatches:\n- target:\n    kind: ConfigMap\n  patch: |-\n${copies.replace(/^/gm, '    ')}\n`],
      ['/k/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nspec:\n  a: b\n'],
    ]);
    const started = Date.now();
    const result = buildKustomization({ files: hostile }, '/k');
    assert.equal(result.problems[0]?.reason, 'budget');
    // A guard against a blow-up (40 doublings would never end), not a speed bound: generous for a loaded machine.
    assert.ok(Date.now() - started < 30_000);
  });

  it('matches a target name with a nested quantifier literally instead of backtracking for ever', () => {
    const name = 'a'.repeat(40) + 'b';
    const hostile = new Map([
      ['/k/kustomization.yaml', 'resources:\n- cm.yaml\npatches:\n- target:\n    kind: ConfigMap\n    name: (a+)+c\n  patch: |-\n    - op: add\n      path: /data/x\n      value: y\n'],
      ['/k/cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: b\n`],
    ]);
    const started = Date.now();
    const result = buildKustomization({ files: hostile }, '/k');
    assert.deepEqual(result.problems, []);
    assert.ok(!result.output.text.includes('x: y'));
    assert.ok(Date.now() - started < 2000);
  });
});
