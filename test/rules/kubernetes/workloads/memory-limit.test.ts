import rule from '../../../../rules/kubernetes/workloads/memory-limit';
import { testRule } from '../../../helpers/rule-tester';
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
