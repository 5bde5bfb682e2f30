import rule from '../../../../rules/kubernetes/workloads/probe-host';
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
          readinessProbe:
            httpGet: {path: /ready, port: 8080, httpHeaders: [{name: Host, value: web.example}]}
          livenessProbe:
            tcpSocket: {port: 8080, host: ""}
  ` }],
  invalid: [
    {
      name: 'probe and lifecycle hooks, block and flow',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: web:2.1
              livenessProbe:
                httpGet:
                  host: 169.254.169.254
                  path: /latest/meta-data/
                  port: 80
              lifecycle:
                preStop:
                  tcpSocket: {port: 6379, host: redis.internal}
      `,
      errors: [
        { line: 11, column: 17, message: 'The livenessProbe of the container "web" makes the kubelet connect to 169.254.169.254 from the node instead of to the pod.' },
        { line: 16, column: 41, message: 'The lifecycle.preStop of the container "web" makes the kubelet connect to redis.internal from the node instead of to the pod.' },
      ],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: web:2.1
              livenessProbe:
                httpGet:
                  path: /latest/meta-data/
                  port: 80
              lifecycle:
                preStop:
                  tcpSocket: {port: 6379}
      `,
    },
  ],
});
