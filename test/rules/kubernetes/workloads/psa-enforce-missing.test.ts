import missing from '../../../../rules/kubernetes/workloads/psa-enforce-missing';
import { testRule } from '../../../helpers/rule-tester';

const namespace = (level?: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n${level ? `  labels:\n    pod-security.kubernetes.io/enforce: ${level}\n` : ''}`;

const WORKLOAD = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:2.1\n';

testRule(missing, {
  valid: [
    { name: 'the namespace enforces a level', path: 'ns.yaml', code: namespace('baseline'), files: { 'web.yaml': WORKLOAD } },
    { name: 'no workload in the namespace', path: 'ns.yaml', code: namespace(), files: { 'web.yaml': WORKLOAD.replace('namespace: shop', 'namespace: other') } },
    { name: 'a single file with no workspace', code: namespace() },
  ],
  invalid: [
    {
      name: 'workloads and no enforce label',
      path: 'ns.yaml',
      code: namespace(),
      files: { 'web.yaml': WORKLOAD },
      errors: [{ line: 4, column: 9, message: 'Namespace "shop" has 1 workload and no `pod-security.kubernetes.io/enforce` label, so Pod Security admission lets any pod in, privileged ones included.' }],
      output: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n',
    },
    {
      name: 'a warn label is not enforcement',
      path: 'ns.yaml',
      code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/warn: restricted\n',
      files: { 'web.yaml': WORKLOAD },
      errors: [{ line: 4, column: 9 }],
      output: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/warn: restricted\n    pod-security.kubernetes.io/enforce: baseline\n',
    },
  ],
});
