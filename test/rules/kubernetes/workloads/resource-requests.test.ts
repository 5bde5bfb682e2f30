import rule from '../../../../rules/kubernetes/workloads/resource-requests';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [{ code: yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: web
    spec:
      containers:
        - name: web
          image: web:2.1
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
  ` }],
  invalid: [
    {
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: sync
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: sync
                      image: sync:1.0
                      resources:
                        requests: {memory: 64Mi}
      `,
      errors: [{ line: 12, column: 21, message: 'The container "sync" sets no resources.requests.cpu, resources.limits.cpu, so the scheduler cannot reserve for it or contain it.' }],
    },
  ],
});
