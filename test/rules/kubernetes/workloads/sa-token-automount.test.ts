import rule from '../../../../rules/kubernetes/workloads/sa-token-automount';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [
    { name: 'the ServiceAccount in the same file disables it', code: yaml`
      apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: web
      automountServiceAccountToken: false
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        template:
          spec:
            serviceAccountName: web
            containers:
              - name: web
                image: web:2.1
    ` },
  ],
  invalid: [
    {
      name: 'the pod value wins over the ServiceAccount; the default ServiceAccount is reported too',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: default
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: web
        automountServiceAccountToken: false
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          serviceAccountName: web
          automountServiceAccountToken: true
          containers:
            - name: web
              image: web:2.1
      `,
      errors: [
        { line: 4, column: 9, message: 'The default ServiceAccount does not disable token automounting, so every pod that names no account gets an API token.' },
        { line: 18, column: 33, message: 'Pod web mounts the API token of service account web into every container, so any compromised container can call the Kubernetes API.' },
      ],
      output: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: default
        automountServiceAccountToken: false
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: web
        automountServiceAccountToken: false
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          serviceAccountName: web
          automountServiceAccountToken: false
          containers:
            - name: web
              image: web:2.1
      `,
    },
    {
      name: 'a CronJob with nothing set: reported at its name, the field joins the pod spec',
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
      `,
      errors: [{ line: 4, column: 9, message: /CronJob sync mounts the API token of service account default/ }],
      output: yaml`
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
                  automountServiceAccountToken: false
      `,
    },
  ],
});
