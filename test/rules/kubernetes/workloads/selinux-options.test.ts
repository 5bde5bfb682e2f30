import rule from '../../../../rules/kubernetes/workloads/selinux-options';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [
    { code: yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        securityContext:
          seLinuxOptions: {type: container_t, level: "s0:c1,c2"}
        containers:
          - name: web
            image: web:2.1
    ` },
  ],
  invalid: [
    {
      name: 'a custom type keeps level; the only entry takes seLinuxOptions with it',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          securityContext:
            seLinuxOptions:
              type: spc_t
              level: "s0:c1,c2"
          containers:
            - name: web
              image: web:2.1
              securityContext:
                runAsNonRoot: true
                seLinuxOptions:
                  user: system_u
      `,
      errors: [
        { line: 8, column: 13, message: 'Pod web sets SELinux type "spc_t", which takes it out of the confined container domain.' },
        { line: 16, column: 17, message: 'The container "web" sets SELinux user "system_u", which takes it out of the confined container domain.' },
      ],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          securityContext:
            seLinuxOptions:
              level: "s0:c1,c2"
          containers:
            - name: web
              image: web:2.1
              securityContext:
                runAsNonRoot: true
      `,
    },
  ],
});
