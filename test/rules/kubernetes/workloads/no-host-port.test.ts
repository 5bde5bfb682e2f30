import rule from '../../../../rules/kubernetes/workloads/no-host-port';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [
    { code: yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        template:
          spec:
            containers:
              - name: web
                image: nginx:1.27
                ports:
                  - containerPort: 80
                  - containerPort: 443
                    hostPort: 0
    ` },
  ],
  invalid: [
    {
      name: 'an initContainer and a container; `- hostPort:` opening the item moves the next key up',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          initContainers:
            - name: warm
              image: warm:1.0
              ports:
                - hostPort: 9000
                  containerPort: 9000
          containers:
            - name: web
              image: nginx:1.27
              ports:
                - containerPort: 80
                  hostPort: 8080 # public
                  protocol: TCP
      `,
      errors: [
        { line: 10, column: 21, message: 'The init container "warm" binds host port 9000 on the node, bypassing Services and exposing it on the node\'s address.' },
        { line: 17, column: 21, endColumn: 25 },
      ],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          initContainers:
            - name: warm
              image: warm:1.0
              ports:
                - containerPort: 9000
          containers:
            - name: web
              image: nginx:1.27
              ports:
                - containerPort: 80
                  protocol: TCP
      `,
    },
  ],
});
