import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderedChanges } from '../../rules/engine/units/rendered-changes';
import { RenderedText } from '../../rules/engine/units/unit-texts';

/** The data changes of one edit of `text`: `newText` in place of `cut` (or inserted after `after`). */
function changesOf(text: string, edit: { after?: string; cut?: string; newText: string }): unknown {
  const at = edit.after !== undefined ? text.indexOf(edit.after) + edit.after.length : text.indexOf(edit.cut as string);
  assert.ok(at >= 0, 'the edit is placed in the text');
  const end = edit.cut !== undefined ? at + edit.cut.length : at;
  const rendered = new RenderedText({ text, spans: [] });
  return renderedChanges([{ start: at, end, newText: edit.newText }], rendered)?.changes;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx
          resources:
            limits:
              cpu: 1
        - name: side
          image: busybox
      volumes: []
`;

// A fix's edit is replayed on the document's data: the answers below are those of parsing the whole edited
// document; only a part of it may be parsed again, never with another answer (issue 17).
describe('renderedChanges', () => {
  it('finds a key added at the end of a container, after a nested mapping, under the container', () => {
    assert.deepEqual(changesOf(DEPLOYMENT, { after: 'cpu: 1', newText: '\n          securityContext:\n            runAsNonRoot: true' }), [
      { path: ['spec', 'template', 'spec', 'containers', 0, 'securityContext'], value: { runAsNonRoot: true } },
    ]);
  });

  it('finds a key added inside the nested mapping there', () => {
    assert.deepEqual(changesOf(DEPLOYMENT, { after: 'cpu: 1', newText: '\n              memory: 1Gi' }), [{ path: ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'memory'], value: '1Gi' }]);
  });

  it('finds a replaced value in the second item of a list', () => {
    assert.deepEqual(changesOf(DEPLOYMENT, { cut: 'busybox', newText: 'busybox:1.36' }), [{ path: ['spec', 'template', 'spec', 'containers', 1, 'image'], value: 'busybox:1.36' }]);
  });

  it('finds a key added after a list written at its key column as a key of the mapping, not an item', () => {
    const text = 'kind: Pod\nspec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n';
    assert.deepEqual(changesOf(text, { after: 'containerPort: 80', newText: '\n    securityContext: {}' }), [{ path: ['spec', 'containers', 0, 'securityContext'], value: {} }]);
  });

  it('finds a key added at the document level after a nested mapping', () => {
    assert.deepEqual(changesOf(DEPLOYMENT, { after: 'volumes: []', newText: '\n  replicas: 2' }), [{ path: ['spec', 'replicas'], value: 2 }]);
  });

  it('sees a change to an anchored value through its alias too', () => {
    const text = 'kind: Pod\nmetadata:\n  labels: &labels\n    app: a\nspec:\n  selector: *labels\n';
    assert.deepEqual(changesOf(text, { after: 'app: a', newText: '\n    tier: web' }), [
      { path: ['metadata', 'labels', 'tier'], value: 'web' },
      { path: ['spec', 'selector', 'tier'], value: 'web' },
    ]);
  });

  it('finds no change where a later duplicate key hides the edited one', () => {
    const text = 'kind: Pod\nspec:\n  a:\n    b: 1\nspec:\n  a:\n    b: 1\n';
    assert.equal(changesOf(text, { cut: 'b: 1', newText: 'b: 2' }), undefined);
  });

  it('gives nothing for an edit that breaks the document', () => {
    assert.equal(changesOf(DEPLOYMENT, { after: 'image: nginx', newText: '\n          env: [unclosed' }), undefined);
  });

  it('gives nothing for an edit whose lines fall out of the mapping it is in and break the document', () => {
    assert.equal(changesOf(DEPLOYMENT, { after: 'cpu: 1', newText: '\n   odd: 1' }), undefined);
  });
});
