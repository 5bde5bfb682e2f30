import rule from '../../../../rules/kubernetes/workloads/capabilities-drop-all';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [
    { name: 'the restricted shape', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: web
            image: web:2.1
            securityContext:
              capabilities:
                drop: ["ALL"]
                add: ["NET_BIND_SERVICE"]
    ` },
    { name: 'Windows pods are exempt', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: win
      spec:
        os: {name: windows}
        containers:
          - name: win
            image: mcr.microsoft.com/windows/nanoserver:ltsc2022
    ` },
  ],
  invalid: [
    {
      name: 'no securityContext: the whole block is created; an existing block sequence gains `- "ALL"`',
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
                  ports:
                    - containerPort: 8080
                - name: proxy
                  image: envoy:1.31
                  securityContext:
                    capabilities:
                      drop:
                        - NET_RAW # ping is not needed
      `,
      errors: [
        { line: 9, column: 17, message: 'The container "web" drops neither "ALL" nor NET_RAW, so it can forge network packets and keeps every default capability (CIS 5.2.8).' },
        { line: 17, column: 15, message: 'The container "proxy" does not drop "ALL" capabilities, so it keeps the runtime defaults it does not need.' },
      ],
      output: yaml`
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
                  ports:
                    - containerPort: 8080
                  securityContext:
                    capabilities:
                      drop: ["ALL"]
                - name: proxy
                  image: envoy:1.31
                  securityContext:
                    capabilities:
                      drop:
                        - NET_RAW # ping is not needed
                        - "ALL"
      `,
    },
    {
      name: 'lower-case `all` fails (compared literally); flow sequences stay flow; restricted allows only NET_BIND_SERVICE in add',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: web:2.1
              securityContext:
                capabilities: {drop: [all], add: [CHOWN]}
      `,
      errors: [
        { line: 10, column: 24, message: /does not drop "ALL" capabilities/ },
        { line: 10, column: 43, message: 'The container "web" adds CHOWN; the restricted profile allows only NET_BIND_SERVICE to be added back.' },
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
              securityContext:
                capabilities: {drop: [all, "ALL"], add: [CHOWN]}
      `,
    },
  ],
});
