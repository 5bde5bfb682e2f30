import rule from '../../../../rules/kubernetes/workloads/seccomp-not-set';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [
    { name: 'inherited from the pod', code: yaml`
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: backup
      spec:
        schedule: "@hourly"
        jobTemplate:
          spec:
            template:
              spec:
                securityContext:
                  seccompProfile:
                    type: RuntimeDefault
                initContainers:
                  - name: prep
                    image: prep:1.0
                containers:
                  - name: backup
                    image: backup:1.0
    ` },
    { name: 'set on every container', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - {name: a, image: "a:1", securityContext: {seccompProfile: {type: RuntimeDefault}}}\n' },
    { name: 'Unconfined is kubernetes/seccomp-unconfined’s finding', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  securityContext: {seccompProfile: {type: Unconfined}}\n  containers: [{name: a, image: "a:1"}]\n' },
  ],
  invalid: [
    {
      name: 'one container, none on the pod: the pod-level fix comes first',
      code: yaml`
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
      `,
      errors: [{ line: 9, column: 13, message: 'The container "web" has no seccomp profile (none on it or on the pod), so it may run with every system call allowed.' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          securityContext:
            runAsNonRoot: true
            seccompProfile:
              type: RuntimeDefault
          containers:
            - name: web
              image: web:2.1
      `,
    },
    {
      name: 'some containers set it: only the others are reported; Localhost without a profile becomes RuntimeDefault',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          initContainers:
            - name: init
              image: init:1.0
              securityContext:
                seccompProfile: {type: Localhost}
          containers:
            - name: web
              image: web:2.1
              securityContext:
                seccompProfile:
                  type: RuntimeDefault
      `,
      errors: [{ line: 7, column: 13, message: 'The init container "init" uses a Localhost seccomp profile without `localhostProfile`, so it is not admitted under the restricted profile.' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          initContainers:
            - name: init
              image: init:1.0
              securityContext:
                seccompProfile: {type: RuntimeDefault}
          containers:
            - name: web
              image: web:2.1
              securityContext:
                seccompProfile:
                  type: RuntimeDefault
      `,
    },
  ],
});
