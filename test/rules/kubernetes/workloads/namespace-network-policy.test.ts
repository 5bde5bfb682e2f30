import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../../../rules/kubernetes/workloads/namespace-network-policy';
import { testRule } from '../../../helpers/rule-tester';

const deployment = (name: string, namespace = 'shop', labels = `app: ${name}`) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  template:\n    metadata:\n      labels:\n        ${labels}\n    spec:\n      containers:\n        - name: ${name}\n          image: ${name}:1.0\n`;
const policy = (selector: string, namespace = 'shop') => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: ${namespace}\nspec:\n  podSelector: ${selector}\n  policyTypes: [Ingress]\n`;
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';

testRule(rule, {
  valid: [
    { name: 'a single file with no workspace: the policies may be elsewhere', code: deployment('web') },
    { name: 'a default-deny policy in another file', path: 'web.yaml', code: deployment('web'), files: { 'netpol.yaml': policy('{}') } },
    { name: 'a policy selecting the workload by label', path: 'web.yaml', code: deployment('web'), files: { 'netpol.yaml': policy('\n    matchLabels:\n      app: web') } },
    { name: 'matchExpressions In', path: 'web.yaml', code: deployment('web'), files: { 'netpol.yaml': policy('\n    matchExpressions:\n      - { key: app, operator: In, values: [web, api] }') } },
    { name: 'the second workload speaks, not this one', path: 'b.yaml', code: deployment('web'), files: { 'a.yaml': deployment('api') } },
    { name: 'the Namespace object speaks for its namespace', path: 'web.yaml', code: deployment('web'), files: { 'namespace.yaml': NAMESPACE } },
    { name: 'a static control-plane pod is left out', path: 'etc/kubernetes/manifests/etcd.yaml', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n    - name: etcd\n      image: etcd:3.5\n', files: {} },
  ],
  invalid: [
    {
      name: 'two workloads, no policy: one finding on the first',
      path: 'a.yaml',
      code: deployment('api'),
      files: { 'b.yaml': deployment('web') },
      errors: [{ line: 4, column: 9, message: 'Namespace "shop": 2 workloads are selected by no NetworkPolicy (the namespace has none), so their pods accept traffic from every pod of the cluster.' }],
      output: deployment('api'),
    },
    {
      name: 'on the Namespace object',
      path: 'namespace.yaml',
      code: NAMESPACE,
      files: { 'web.yaml': deployment('web') },
      errors: [{ line: 4, column: 9, message: /Deployment web is selected by no NetworkPolicy \(the namespace has none\)/ }],
      output: NAMESPACE,
    },
    {
      name: 'a policy of another namespace does not count',
      path: 'web.yaml',
      code: deployment('web'),
      files: { 'netpol.yaml': policy('{}', 'other') },
      errors: [{ line: 4, column: 9 }],
      output: deployment('web'),
    },
    {
      name: 'a policy selecting other pods leaves this one open',
      path: 'web.yaml',
      code: deployment('web'),
      files: { 'netpol.yaml': policy('\n    matchLabels:\n      app: api') },
      errors: [{ line: 4, column: 9, message: /selected by no NetworkPolicy, so/ }],
      output: deployment('web'),
    },
    {
      name: 'objects that name no namespace are in default',
      path: 'web.yaml',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:1\n',
      files: { 'netpol.yaml': policy('{}', 'shop') },
      errors: [{ line: 4, column: 9, message: /^Namespace "default"/ }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:1\n',
    },
  ],
});

it('kubernetes/namespace-network-policy: the fix creates a default-deny policy file and related information lists the other workloads', async () => {
  const { indexOfTexts } = await import('../../../../rules/engine');
  const { lintFile } = await import('../../../../rules/registry-lint');
  const files = { '/w/a.yaml': deployment('api'), '/w/b.yaml': deployment('web') };
  const index = indexOfTexts(files);
  const [finding] = lintFile(files['/w/a.yaml'], '/w/a.yaml', { rules: [rule], workspace: { index: index.view() } }).findings;
  assert.deepEqual(finding.related?.map((entry) => [entry.path, entry.range.start.line, entry.message]), [['/w/b.yaml', 3, 'Deployment web is selected by no NetworkPolicy.']]);
  const created = finding.fixes[0].newFiles![0];
  assert.equal(created.path, 'networkpolicy-default-deny-shop.yaml');
  // The new file, added to the workspace, clears the finding.
  index.set('/w/networkpolicy-default-deny-shop.yaml', indexOfTexts({ '/w/networkpolicy-default-deny-shop.yaml': created.text }).get('/w/networkpolicy-default-deny-shop.yaml'));
  assert.deepEqual(lintFile(files['/w/a.yaml'], '/w/a.yaml', { rules: [rule], workspace: { index: index.view() } }).findings, []);
});

it('kubernetes/namespace-network-policy: a file reads only its own namespaces, so another namespace changing leaves its lint alone', async () => {
  const { indexOfTexts } = await import('../../../../rules/engine');
  const { lintFile } = await import('../../../../rules/registry-lint');
  const files = { '/w/a.yaml': deployment('api'), '/w/other.yaml': deployment('db', 'data'), '/w/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: tools\n' };
  const read = new Set<string>();
  const index = indexOfTexts(files);
  const [finding] = lintFile(files['/w/a.yaml'], '/w/a.yaml', { rules: [rule], workspace: { index: index.view((key) => read.add(key)) } }).findings;
  assert.match(finding.message, /^Namespace "shop"/);
  assert.deepEqual([...read].sort(), ['cluster', 'ns:shop']);
  // The Namespace object of a namespace with no objects still reads that namespace (and says nothing); with no
  // workload to report, who would speak (cluster-scoped Namespace objects) is not asked.
  read.clear();
  assert.deepEqual(lintFile(files['/w/ns.yaml'], '/w/ns.yaml', { rules: [rule], workspace: { index: index.view((key) => read.add(key)) } }).findings, []);
  assert.deepEqual([...read].sort(), ['ns:tools']);
});
