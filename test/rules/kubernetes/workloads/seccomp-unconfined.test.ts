import rule from '../../../../rules/kubernetes/workloads/seccomp-unconfined';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [
    { code: yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        annotations:
          seccomp.security.alpha.kubernetes.io/pod: runtime/default
          container.seccomp.security.alpha.kubernetes.io/web: localhost/profiles/web.json
      spec:
        securityContext:
          seccompProfile: {type: Localhost, localhostProfile: profiles/web.json}
        containers:
          - name: web
            image: web:2.1
    ` },
  ],
  invalid: [
    {
      name: 'container field and legacy annotation on the pod template (not the Deployment metadata)',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          annotations:
            seccomp.security.alpha.kubernetes.io/pod: unconfined
        spec:
          template:
            metadata:
              annotations:
                container.seccomp.security.alpha.kubernetes.io/web: unconfined
            spec:
              containers:
                - name: web
                  image: web:2.1
                  securityContext:
                    seccompProfile:
                      type: Unconfined
      `,
      errors: [
        { line: 11, column: 61, message: 'Annotation container.seccomp.security.alpha.kubernetes.io/web sets seccomp to "unconfined", so container "web" runs without a seccomp filter.' },
        { line: 18, column: 21, message: 'The container "web" runs without a seccomp profile (`type: Unconfined`), so every system call is open to an exploit.' },
      ],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          annotations:
            seccomp.security.alpha.kubernetes.io/pod: unconfined
        spec:
          template:
            metadata:
              annotations:
                container.seccomp.security.alpha.kubernetes.io/web: runtime/default
            spec:
              containers:
                - name: web
                  image: web:2.1
                  securityContext:
                    seccompProfile:
                      type: RuntimeDefault
      `,
    },
  ],
});
