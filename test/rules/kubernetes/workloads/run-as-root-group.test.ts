import rule from '../../../../rules/kubernetes/workloads/run-as-root-group';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [{ code: yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: web
    spec:
      securityContext: {runAsGroup: 10001, fsGroup: 10001, supplementalGroups: [10002]}
      containers:
        - name: web
          image: web:2.1
  ` }],
  invalid: [
    {
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          securityContext:
            fsGroup: 0
            supplementalGroups:
              - 2000
              - 0
          containers:
            - name: web
              image: web:2.1
              securityContext:
                runAsGroup: 0
      `,
      errors: [
        { line: 7, column: 14, message: 'Pod web sets `fsGroup: 0`, giving its processes the root group.' },
        { line: 10, column: 9, message: 'Pod web adds group 0 to `supplementalGroups`, giving its processes the root group.' },
        { line: 15, column: 21, message: 'The container "web" sets `runAsGroup: 0`, giving it the root group.' },
      ],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          securityContext:
            fsGroup: 10001
            supplementalGroups:
              - 2000
              - 10001
          containers:
            - name: web
              image: web:2.1
              securityContext:
                runAsGroup: 10001
      `,
    },
  ],
});
