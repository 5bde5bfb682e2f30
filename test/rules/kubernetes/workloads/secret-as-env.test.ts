import rule from '../../../../rules/kubernetes/workloads/secret-as-env';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [{ code: yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: api
    spec:
      containers:
        - name: api
          image: api:3.2
          env:
            - name: MODE
              valueFrom: {configMapKeyRef: {name: api, key: mode}}
          envFrom:
            - configMapRef: {name: api}
  ` }],
  invalid: [
    {
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: api
        spec:
          containers:
            - name: api
              image: api:3.2
              env:
                - name: DB_PASSWORD
                  valueFrom:
                    secretKeyRef: {name: db, key: password}
              envFrom:
                - secretRef:
                    name: api-env
      `,
      errors: [
        { line: 12, column: 13, message: 'The container "api" reads Secret db into DB_PASSWORD, where every process and crash dump can see it.' },
        { line: 14, column: 11, message: 'The container "api" loads every key of Secret api-env into its environment, where every process and crash dump can see them.' },
      ],
    },
  ],
});
