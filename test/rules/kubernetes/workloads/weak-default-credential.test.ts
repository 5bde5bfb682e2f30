import rule from '../../../../rules/kubernetes/workloads/weak-default-credential';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n    - name: db\n      image: postgres:16\n      env:\n        - {name: POSTGRES_USER, value: postgres}\n        - {name: POSTGRES_PASSWORD, value: Tr0ub4dor-horse}\n' }],
  invalid: [
    {
      name: 'env, ConfigMap and Secret',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n    - name: db\n      image: postgres:16\n      env:\n        - {name: POSTGRES_PASSWORD, value: postgres}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  admin_password: changeme\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: admin\n',
      errors: [
        { line: 10, column: 44, message: 'The container "db" env POSTGRES_PASSWORD sets a well-known default credential ("po… (8 chars)"), which anyone can guess.' },
        { line: 17, column: 19, message: /^ConfigMap c key admin_password sets a well-known default credential/ },
        { line: 23, column: 1, message: /^Secret s key password sets a well-known default credential/ },
      ],
    },
  ],
});
