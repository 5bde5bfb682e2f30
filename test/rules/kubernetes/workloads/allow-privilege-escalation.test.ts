import rule from '../../../../rules/kubernetes/workloads/allow-privilege-escalation';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [
    { code: yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: web
            image: web:2.1
            securityContext:
              allowPrivilegeEscalation: false
    ` },
    { name: 'Windows pods are exempt', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  os: {name: windows}\n  containers: [{name: w, image: "w:1"}]\n' },
  ],
  invalid: [
    {
      name: 'missing in a CronJob container: the field joins its securityContext; `true` in an initContainer is flipped',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: report
        spec:
          schedule: "0 6 * * 1"
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - name: fetch
                      image: curl:8.9
                      securityContext:
                        allowPrivilegeEscalation: true
                  containers:
                    - name: report
                      image: report:1.2
                      securityContext:
                        runAsNonRoot: true
      `,
      errors: [
        { line: 15, column: 43, message: 'The init container "fetch" allows privilege escalation, so setuid binaries in it can gain more privileges than the process started with.' },
        { line: 17, column: 21, message: 'The container "report" does not set `allowPrivilegeEscalation: false` (it defaults to true), so setuid binaries in it can gain privileges.' },
      ],
      output: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: report
        spec:
          schedule: "0 6 * * 1"
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - name: fetch
                      image: curl:8.9
                      securityContext:
                        allowPrivilegeEscalation: false
                  containers:
                    - name: report
                      image: report:1.2
                      securityContext:
                        runAsNonRoot: true
                        allowPrivilegeEscalation: false
      `,
    },
    {
      name: 'no fix while privileged or CAP_SYS_ADMIN is added (the API would reject it)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: tools
        spec:
          containers:
            - name: a
              image: tools:1.0
              securityContext: {privileged: true}
            - name: b
              image: tools:1.0
              securityContext: {capabilities: {add: [CAP_SYS_ADMIN]}}
      `,
      errors: [{ line: 7, column: 13 }, { line: 10, column: 13 }],
      output: null,
    },
  ],
});
