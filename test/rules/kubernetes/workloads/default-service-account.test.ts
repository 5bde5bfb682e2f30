import rule from '../../../../rules/kubernetes/workloads/default-service-account';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  serviceAccount: a\n  containers: [{name: a, image: "a:1"}]\n' }],
  invalid: [
    {
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: web:2.1
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: api
        spec:
          serviceAccountName: default
          containers:
            - name: api
              image: api:1.0
      `,
      errors: [
        { line: 4, column: 9, message: "Deployment web names no service account, so it runs as the namespace's default one, shared with every pod that names none." },
        { line: 17, column: 23, message: "Pod api runs as the namespace's default service account, sharing its rights with every pod that names none." },
      ],
    },
  ],
});
