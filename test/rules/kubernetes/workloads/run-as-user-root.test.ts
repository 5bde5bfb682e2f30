import rule from '../../../../rules/kubernetes/workloads/run-as-user-root';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [
    { name: 'every container overrides the pod-level 0', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        securityContext:
          runAsUser: 0
        containers:
          - name: web
            image: web:2.1
            securityContext: {runAsUser: 10001}
    ` },
    { name: 'user namespaces (`hostUsers: false`) are exempt', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: u}\nspec:\n  hostUsers: false\n  securityContext: {runAsUser: 0}\n  containers: [{name: u, image: "u:1"}]\n' },
  ],
  invalid: [
    {
      name: 'inherited pod-level 0 is reported once at the pod; a container 0 at the container',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              securityContext:
                runAsUser: 0 # legacy image
              initContainers:
                - name: chown
                  image: busybox:1.36
                  securityContext:
                    runAsUser: 0
              containers:
                - name: web
                  image: web:2.1
      `,
      errors: [
        { line: 9, column: 20, endColumn: 21, message: 'Deployment web runs as UID 0 (root), so a breakout starts as root.' },
        { line: 14, column: 24, message: 'The init container "chown" runs as UID 0 (root), so a breakout starts as root.' },
      ],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              securityContext:
                runAsUser: 10001 # legacy image
              initContainers:
                - name: chown
                  image: busybox:1.36
                  securityContext:
                    runAsUser: 10001
              containers:
                - name: web
                  image: web:2.1
      `,
    },
    {
      name: 'option minUid also reports low UIDs',
      options: { minUid: 10000 },
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: a\n      image: "a:1"\n      securityContext: {runAsUser: 1000}\n',
      errors: [{ line: 8, column: 36, message: 'The container "a" runs as UID 1000, below the configured minimum 10000, which may match a privileged user on the node.' }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: a\n      image: "a:1"\n      securityContext: {runAsUser: 10001}\n',
    },
  ],
});
