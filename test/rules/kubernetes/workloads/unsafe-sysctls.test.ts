import rule from '../../../../rules/kubernetes/workloads/unsafe-sysctls';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [{ code: yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: web
    spec:
      securityContext:
        sysctls:
          - {name: net.ipv4.ip_unprivileged_port_start, value: "80"}
          - {name: net.ipv4.tcp_keepalive_time, value: "600"}
      containers:
        - name: web
          image: web:2.1
  ` }],
  invalid: [
    {
      name: 'in a ReplicaSet, second document',
      code: yaml`
        ---
        # nothing here
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: cache
        spec:
          template:
            spec:
              securityContext:
                sysctls:
                  - name: vm.overcommit_memory
                    value: "1"
                  - name: net.ipv4.tcp_syncookies
                    value: "1"
              containers:
                - name: redis
                  image: redis:7.4
      `,
      errors: [{ line: 13, column: 19, endColumn: 39, message: 'Sysctl vm.overcommit_memory is not in the safe set, so the pod can change kernel settings that reach beyond it.' }],
    },
  ],
});
