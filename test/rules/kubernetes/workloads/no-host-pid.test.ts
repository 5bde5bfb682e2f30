import rule from '../../../../rules/kubernetes/workloads/no-host-pid';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [{ code: yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: debug
    spec:
      shareProcessNamespace: true
      containers:
        - name: debug
          image: busybox:1.36
  ` }],
  invalid: [
    {
      name: 'a CronJob',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: ps-audit
        spec:
          schedule: "*/5 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  hostPID: true
                  restartPolicy: Never
                  containers:
                    - name: audit
                      image: busybox:1.36
      `,
      errors: [{ line: 11, column: 20, message: /CronJob ps-audit sets `hostPID: true`/ }],
      output: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: ps-audit
        spec:
          schedule: "*/5 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: audit
                      image: busybox:1.36
      `,
    },
  ],
});
