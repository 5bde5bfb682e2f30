import rule from '../../../../rules/kubernetes/workloads/run-as-non-root';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [
    { name: 'inherited from the pod', code: yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        template:
          spec:
            securityContext:
              runAsNonRoot: true
            initContainers:
              - name: init
                image: init:1.0
            containers:
              - name: web
                image: web:2.1
    ` },
    { name: 'user namespaces (`hostUsers: false`) are exempt', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: u}\nspec:\n  hostUsers: false\n  containers: [{name: u, image: "u:1"}]\n' },
  ],
  invalid: [
    {
      name: 'every container is affected: the container fix first, the pod-level fix offered beside it',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: web:2.1
      `,
      errors: [{ line: 7, column: 13, message: 'The container "web" does not require a non-root user (no `runAsNonRoot: true` here or on the pod), so it runs as root if its image does.' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: web:2.1
              securityContext:
                runAsNonRoot: true
      `,
    },
    {
      name: 'a UID inherited from the pod is not enforcement: say so',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  securityContext: {runAsUser: 1000}\n  containers:\n    - {name: a, image: "a:1"}\n',
      errors: [{ line: 7, column: 14, message: 'The container "a" sets a UID but not `runAsNonRoot: true`, so nothing stops a later change to UID 0 and the restricted profile rejects it.' }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  securityContext: {runAsUser: 1000}\n  containers:\n    - {name: a, image: "a:1", securityContext: {runAsNonRoot: true}}\n',
    },
    {
      name: 'a pod-level false fails even when containers say true; a container false overrides the pod',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          securityContext:
            runAsNonRoot: false
          containers:
            - name: web
              image: web:2.1
              securityContext: {runAsNonRoot: true}
            - name: side
              image: side:1.0
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: api
        spec:
          securityContext:
            runAsNonRoot: true
          containers:
            - name: api
              image: api:1.0
              securityContext:
                runAsNonRoot: no
      `,
      errors: [
        { line: 7, column: 19, message: 'Pod web sets `runAsNonRoot: false` for the whole pod, so its containers may run as root.' },
        { line: 26, column: 23, message: 'The container "api" sets `runAsNonRoot: false`, so it may run as root.' },
      ],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          securityContext:
            runAsNonRoot: true
          containers:
            - name: web
              image: web:2.1
              securityContext: {runAsNonRoot: true}
            - name: side
              image: side:1.0
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: api
        spec:
          securityContext:
            runAsNonRoot: true
          containers:
            - name: api
              image: api:1.0
              securityContext:
                runAsNonRoot: true
      `,
    },
  ],
});
