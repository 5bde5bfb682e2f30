import rule from '../../../../rules/kubernetes/workloads/no-privileged';
import { testRule } from '../../../helpers/rule-tester';

const pod = (securityContext: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: tools\nspec:\n  containers:\n    - name: tools\n      image: busybox:1.36\n${securityContext}`;

testRule(rule, {
  valid: [
    { code: pod('      securityContext:\n        privileged: false\n') },
    { name: 'YAML 1.1 `no` is false', code: pod('      securityContext:\n        privileged: no\n') },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  privileged: "true"\n' },
  ],
  invalid: [
    {
      name: 'the only securityContext entry goes with its block',
      code: pod('      securityContext:\n        privileged: true # needs devices\n      ports:\n        - containerPort: 80\n'),
      errors: [{ line: 10, column: 21, endColumn: 25, message: 'The container "tools" runs privileged, so a compromise of it is root on the node.' }],
      output: pod('      ports:\n        - containerPort: 80\n'),
    },
    {
      name: 'YAML 1.1 `yes` in the second document, an initContainer of a CronJob',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 1 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n            - name: prep\n              image: busybox:1.36\n              securityContext:\n                runAsUser: 1000\n                privileged: yes\n          containers:\n            - {name: main, image: "app:1.0", securityContext: {privileged: true, runAsUser: 1000}}\n',
      errors: [
        { line: 21, column: 29, message: /init container "prep" runs privileged/ },
        { line: 23, column: 76 },
      ],
      output: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 1 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n            - name: prep\n              image: busybox:1.36\n              securityContext:\n                runAsUser: 1000\n          containers:\n            - {name: main, image: "app:1.0", securityContext: {runAsUser: 1000}}\n',
    },
  ],
});
