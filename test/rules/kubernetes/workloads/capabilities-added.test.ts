import rule from '../../../../rules/kubernetes/workloads/capabilities-added';
import { testRule } from '../../../helpers/rule-tester';
import { itReportsSeverities } from './severity';
import { yaml } from './yaml';

testRule(rule, {
  valid: [
    { name: 'baseline capabilities may be added', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: web
            image: web:2.1
            securityContext:
              capabilities:
                add: [NET_BIND_SERVICE, CAP_CHOWN]
    ` },
  ],
  invalid: [
    {
      name: 'NET_RAW is outside the baseline; SYS_ADMIN in an initContainer of a Job; the literal is reported as written',
      code: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: migrate
        spec:
          template:
            spec:
              initContainers:
                - name: mount
                  image: tools:1.0
                  securityContext:
                    capabilities:
                      add:
                        - cap_sys_admin
              containers:
                - name: ping
                  image: tools:1.0
                  securityContext: {capabilities: {add: ["NET_RAW"]}}
      `,
      errors: [
        { line: 14, column: 19, endColumn: 32, message: 'The init container "mount" adds cap_sys_admin, which is enough to escape the container and control the node.' },
        { line: 18, column: 50, message: 'The container "ping" adds NET_RAW, a capability outside the Pod Security baseline set that widens what a compromised process can do.' },
      ],
    },
  ],
});

itReportsSeverities(rule, 'escape-grade capabilities are errors', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: a\n      image: "a:1"\n      securityContext:\n        capabilities:\n          add:\n            - NET_ADMIN\n            - SYS_PTRACE\n            - ALL\n', [[11, 'warning'], [12, 'error'], [13, 'error']]);
