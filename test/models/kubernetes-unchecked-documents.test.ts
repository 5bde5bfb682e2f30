import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../rules/registry-lint';
import { blankUncheckedDocuments } from '../../rules/models/kubernetes';

const CRD = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  hostNetwork: true\n  containers:\n  - name: app\n    image: nginx:1.27\n';

describe('CustomResourceDefinitions are not parsed (no rule reads them)', () => {
  it('keeps the text’s length and the document markers, and leaves other documents as they were', () => {
    const text = `${POD}---\n${CRD}---\r\n${POD}`;
    const blanked = blankUncheckedDocuments(text);
    assert.equal(blanked.length, text.length);
    assert.ok(blanked.startsWith(POD));
    assert.ok(blanked.endsWith(`---\r\n${POD}`));
    assert.match(blanked, /\n--- #x+\n---\r\n/);
  });

  it('leaves a stream without CRDs untouched', () => {
    assert.equal(blankUncheckedDocuments(POD), POD);
  });

  it('reports findings after a CRD on their own lines', () => {
    const text = `${CRD}---\n${POD}`;
    const hostNetwork = lint(text, 'k8s/all.yaml').filter((finding) => finding.ruleId === 'kubernetes/no-host-network');
    assert.equal(hostNetwork.length, 1);
    assert.equal(hostNetwork[0].range.start.line, CRD.split('\n').length - 1 + 1 + 6);
  });
});
