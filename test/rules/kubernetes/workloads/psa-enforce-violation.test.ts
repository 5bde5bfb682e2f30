import violation from '../../../../rules/kubernetes/workloads/psa-enforce-violation';
import { testRule } from '../../../helpers/rule-tester';

const namespace = (level?: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n${level ? `  labels:\n    pod-security.kubernetes.io/enforce: ${level}\n` : ''}`;
const pod = (spec: string, securityContext = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n${spec}  containers:\n    - name: web\n      image: web:2.1\n${securityContext}`;
const RESTRICTED_OK =
  '      securityContext:\n        runAsNonRoot: true\n        allowPrivilegeEscalation: false\n        capabilities: { drop: [ALL] }\n        seccompProfile: { type: RuntimeDefault }\n';

testRule(violation, {
  valid: [
    { name: 'baseline: a plain pod passes', path: 'pod.yaml', code: pod(''), files: { 'ns.yaml': namespace('baseline') } },
    { name: 'privileged level admits anything', path: 'pod.yaml', code: pod('  hostNetwork: true\n'), files: { 'ns.yaml': namespace('privileged') } },
    { name: 'no enforce label', path: 'pod.yaml', code: pod('  hostNetwork: true\n'), files: { 'ns.yaml': namespace() } },
    { name: 'the namespace is not in the workspace: unknown', path: 'pod.yaml', code: pod('  hostNetwork: true\n') },
    { name: 'baseline does not ask for restricted settings', path: 'pod.yaml', code: pod(''), files: { 'ns.yaml': namespace('baseline') } },
    { name: 'restricted: a hardened pod passes', path: 'pod.yaml', code: pod('', RESTRICTED_OK), files: { 'ns.yaml': namespace('restricted') } },
    { name: 'another namespace', path: 'pod.yaml', code: pod('  hostNetwork: true\n').replace('namespace: shop', 'namespace: other'), files: { 'ns.yaml': namespace('baseline') } },
  ],
  invalid: [
    {
      name: 'hostNetwork under baseline',
      path: 'pod.yaml',
      code: pod('  hostNetwork: true\n'),
      files: { 'ns.yaml': namespace('baseline') },
      errors: [{ line: 4, column: 9, severity: 'error', message: 'Pod web is rejected at admission: namespace "shop" enforces Pod Security "baseline" and the pod breaks it (kubernetes/no-host-network).' }],
    },
    {
      name: 'a plain pod under restricted',
      path: 'pod.yaml',
      code: pod(''),
      files: { 'ns.yaml': namespace('restricted') },
      errors: [{ line: 4, column: 9, message: /enforces Pod Security "restricted" and the pod breaks it \(.*kubernetes\/run-as-non-root/ }],
    },
    {
      name: 'the Namespace in the same file (a single file relates what it holds)',
      code: `${namespace('baseline')}---\n${pod('  hostPID: true\n')}`,
      errors: [{ line: 11, column: 9, message: /kubernetes\/no-host-pid/ }],
    },
  ],
});

