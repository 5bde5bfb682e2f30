import rule from '../../../../rules/kubernetes/workloads/memory-limit';
import { testRule } from '../../../helpers/rule-tester';
import { itReportsSeverities } from './severity';
import { yaml } from './yaml';

testRule(rule, {
  valid: [
    { name: 'a pod-level limit covers the containers', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        resources:
          limits: {memory: 1Gi}
        containers:
          - name: web
            image: web:2.1
    ` },
  ],
  invalid: [
    {
      name: 'requests exist: limits joins resources; no resources at all: the block is created',
      code: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: db
        spec:
          template:
            spec:
              initContainers:
                - name: migrate
                  image: migrate:4.17
              containers:
                - name: db
                  image: postgres:16.4
                  resources:
                    requests:
                      memory: 256Mi
                    limits:
                      cpu: "2"
      `,
      errors: [
        { line: 9, column: 17, message: 'The init container "migrate" has no memory limit, so it can exhaust the node\'s memory and get other pods killed.' },
        { line: 12, column: 17 },
      ],
      output: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: db
        spec:
          template:
            spec:
              initContainers:
                - name: migrate
                  image: migrate:4.17
                  resources:
                    limits:
                      memory: 512Mi
              containers:
                - name: db
                  image: postgres:16.4
                  resources:
                    requests:
                      memory: 256Mi
                    limits:
                      cpu: "2"
                      memory: 512Mi
      `,
    },
  ],
});

itReportsSeverities(rule, 'a LimitRange of the namespace in the file makes it info', 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: defaults, namespace: shop}\nspec:\n  limits: [{type: Container, default: {memory: 256Mi}}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: shop}\nspec:\n  containers: [{name: a, image: "a:1"}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: other}\nspec:\n  containers: [{name: b, image: "b:1"}]\n', [[11, 'info'], [17, 'warning']]);
