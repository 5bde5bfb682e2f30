import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { emptyConfig, factsOfFile } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { DocumentFactsCache } from '../../server/lsp/document-facts';
import { applyEdit, relationDocument, relationEdit, stream } from './fixtures/manifest-edits';
import { yamlStream } from './fixtures/manifest-documents';

const PATH = '/work/manifests/app.yaml';

describe('per-document facts of open Kubernetes files', () => {
  it('equal the facts of the whole text after every edit of a random sequence', () => {
    const config = emptyConfig();
    let built = 0;
    fc.assert(
      fc.property(fc.array(relationDocument, { minLength: 2, maxLength: 8 }), fc.array(relationEdit, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.boolean(), (initial, edits, crlf, seeded) => {
        const cache = new DocumentFactsCache();
        let documents = initial;
        for (const step of [undefined, ...edits]) {
          if (step) documents = applyEdit(documents, step);
          const text = stream(documents, crlf);
          if (!step && seeded) {
            // As the server opens a document: the first facts come from the whole-file lint's parse.
            const clean = !lintFile(text, PATH, { config }).findings.some((finding) => finding.ruleId === 'stridelint/parse-error');
            cache.seed('file:///app.yaml', text, PATH, { config }, factsOfFile(text, PATH, { config }), clean);
          }
          const facts = cache.factsOf('file:///app.yaml', text, PATH, { config })?.facts;
          if (facts === undefined) continue; // left to the whole-text facts
          built++;
          assert.deepEqual(facts, factsOfFile(text, PATH, { config }), `after ${JSON.stringify(step)}; text:\n${text}`);
        }
      }),
      { numRuns: 150, seed: 20261202 },
    );
    assert.ok(built > 300, `the per-document path was taken ${built} times`);
  });

  it('keeps the same object while an edit leaves the facts as they were, and moves them with the lines', () => {
    const config = emptyConfig();
    const cache = new DocumentFactsCache();
    const role = (verbs: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ${verbs}\n`;
    const config0 = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  a: "1"\n';
    const factsOf = (documents: string[]) => cache.factsOf('k', yamlStream(documents), PATH, { config })?.facts;
    const first = factsOf([config0, role('["get"]')]);
    assert.ok(first);
    // A value no relation reads: the same facts object (the workspace index sees no change).
    assert.equal(factsOf([config0.replace('"1"', '"2"'), role('["get"]')]), first);
    // A line added above: the Role's places move down by one.
    const moved = factsOf([`${config0}  b: "2"\n`, role('["get"]')]);
    assert.ok(moved && moved.kind === 'kubernetes' && first.kind === 'kubernetes');
    assert.equal(moved.objects[1].range.start.line, first.objects[1].range.start.line + 1);
    // A grant no longer given: different facts.
    const narrowed = factsOf([config0, role('["create"]')]);
    assert.ok(narrowed && narrowed.kind === 'kubernetes');
    assert.deepEqual(narrowed.objects[1].grants, []);
  });

  it('leaves to the whole text the facts of a stream with a document that does not parse, and a stream it cannot cut', () => {
    const config = emptyConfig();
    const cache = new DocumentFactsCache();
    const good = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n';
    assert.deepEqual(cache.factsOf('k', yamlStream([good, 'kind: ConfigMap\ndata: [unclosed\n']), PATH, { config }), {}, 'linted per document, facts from the whole text');
    assert.equal(cache.factsOf('k', good, PATH, { config }), undefined, 'one document: nothing to gain');
    assert.equal(cache.factsOf('k', yamlStream([good, 'image: {{ .Values.image }}\n']), PATH, { config }), undefined);
    assert.ok(cache.factsOf('k', yamlStream([good, good]), PATH, { config })?.facts);
  });
});
