import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { buildKustomization } from '../../rules/models/kustomize/build';
import { mergeSchemaFor } from '../../rules/models/kustomize/merge-keys';
import { printDocuments } from '../../rules/models/kustomize/print';
import { BuildError } from '../../rules/models/kustomize/problem';
import { strategicMerge } from '../../rules/models/kustomize/strategic-merge';
import { fromPlain, toPlain, type KNode } from '../../rules/models/kustomize/tree';
import { canonical } from './merge-cases';

const word = fc.constantFrom('', 'a', 'name', 'nginx', 'yes', 'no', 'true', '1', '0x1F', '1e3', '1:20', '2001-12-14', '~', 'null', '- x', ': y', '#c', "it's", 'say "hi"', 'a\tb', 'line\nbreak', ' lead', 'trail ', '*', '&a', '!t', '%', '@', '`', '{}', '[]', 'ünï', '日本', 'x'.repeat(90), 'a b '.repeat(30));
const key = fc.constantFrom('name', 'image', 'containers', 'env', 'value', 'spec', 'metadata', 'labels', 'ports', 'containerPort', 'protocol', 'volumes', '$patch', 'a1', 'a10', 'a2', 'A_B', 'AB', 'x.y/z', 'yes', '');
const plain = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    word,
    fc.integer({ min: -1e9, max: 1e9 }),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('kustomize printer', () => {
  it('prints any JSON-like data as YAML that reads back as the same data (YAML 1.1, as go-yaml v2 writes it)', () => {
    fc.assert(
      fc.property(fc.dictionary(key, plain, { maxKeys: 5 }), (value) => {
        const node = fromPlain(value, { file: '/r.yaml', start: 0, end: 1 });
        const text = printDocuments([node]).text;
        const back = parse(text, { version: '1.1' }) ?? {};
        assert.deepEqual(canonical(back), canonical(JSON.parse(JSON.stringify(value, (_, v) => (Object.is(v, -0) ? 0 : v)))), text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('strategic merge on arbitrary trees', () => {
  it('returns a tree or a BuildError, never anything else', () => {
    fc.assert(
      fc.property(plain, plain, fc.boolean(), (dest, patch, builtin) => {
        const schema = builtin ? mergeSchemaFor('apps/v1', 'Deployment') : undefined;
        try {
          const merged = strategicMerge(fromPlain(dest), fromPlain(patch), { prepend: true, schema });
          if (merged) toPlain(merged as KNode);
        } catch (error) {
          assert.ok(error instanceof BuildError, String(error));
        }
      }),
      { numRuns: 300 },
    );
  });
});

const fieldName = fc.constantFrom('resources', 'bases', 'components', 'patches', 'patchesStrategicMerge', 'patchesJson6902', 'namespace', 'namePrefix', 'nameSuffix', 'commonLabels', 'labels', 'commonAnnotations', 'images', 'replicas', 'configMapGenerator', 'secretGenerator', 'generatorOptions', 'vars', 'replacements', 'transformers', 'generators', 'configurations', 'openapi', 'sortOptions', 'buildMetadata', 'kind', 'apiVersion');
const kustomizationValue = fc.oneof(plain, fc.constantFrom(['deploy.yaml'], ['base'], ['../outside.yaml'], ['https://example.com/x.yaml'], ['.'], [{ path: 'patch.yaml' }], [{ patch: '- op: add\n  path: /x\n  value: 1', target: { kind: 'Deployment' } }], [{ name: 'cm', literals: ['a=b'] }], [{ name: 'web', count: 3 }], [{ name: 'nginx', newTag: '1.2' }]));
const kustomization = fc.dictionary(fieldName, kustomizationValue, { maxKeys: 6 }).map((fields) => JSON.stringify({ resources: ['deploy.yaml'], ...fields }));
const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n';

describe('buildKustomization on generated input', () => {
  it('never throws: it builds (and the output re-parses) or reports problems', () => {
    fc.assert(
      fc.property(fc.oneof(kustomization, fc.string({ maxLength: 120 })), fc.string({ maxLength: 120 }), plain, (kustomizationText, patchText, resource) => {
        const files = new Map<string, string>([
          ['/app/kustomization.yaml', kustomizationText],
          ['/app/deploy.yaml', deployment],
          ['/app/patch.yaml', patchText],
          ['/app/base/kustomization.yaml', 'resources:\n- other.yaml\n'],
          ['/app/base/other.yaml', JSON.stringify(resource)],
          ['/outside.yaml', deployment],
        ]);
        const result = buildKustomization({ files }, '/app');
        if (result.problems.length === 0) {
          const documents = parseAllDocuments(result.output.text);
          assert.ok(Array.isArray(documents) && documents.every((d) => d.errors.length === 0), result.output.text);
        } else {
          assert.ok(result.problems[0].message.length > 0);
          assert.notEqual(result.problems[0].reason, 'internal-error', result.problems[0].message);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports a kustomization that includes itself as a cycle', () => {
    const files = new Map([['/a/kustomization.yaml', 'resources:\n- ../b\n'], ['/b/kustomization.yaml', 'resources:\n- ../a\n']]);
    const result = buildKustomization({ files }, '/a');
    assert.equal(result.problems[0]?.reason, 'cycle');
  });
});
