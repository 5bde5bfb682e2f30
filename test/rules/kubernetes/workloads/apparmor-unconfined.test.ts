import rule from '../../../../rules/kubernetes/workloads/apparmor-unconfined';
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
          container.apparmor.security.beta.kubernetes.io/web: localhost/k8s-web
      spec:
        securityContext:
          appArmorProfile: {type: RuntimeDefault}
        containers:
          - name: web
            image: web:2.1
    ` },
  ],
  invalid: [
    {
      name: 'pod-level field and annotation on a DaemonSet pod template',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
        spec:
          template:
            metadata:
              annotations:
                container.apparmor.security.beta.kubernetes.io/agent: unconfined
            spec:
              securityContext:
                appArmorProfile:
                  type: Unconfined
              containers:
                - name: agent
                  image: agent:1.0
      `,
      errors: [
        { line: 9, column: 63, message: 'Annotation container.apparmor.security.beta.kubernetes.io/agent sets AppArmor to "unconfined", so container "agent" runs without the default confinement.' },
        { line: 13, column: 17, message: 'DaemonSet agent runs without AppArmor (`type: Unconfined`), so nothing confines what a compromised process touches.' },
      ],
      output: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
        spec:
          template:
            metadata:
              annotations:
                container.apparmor.security.beta.kubernetes.io/agent: runtime/default
            spec:
              securityContext:
                appArmorProfile:
                  type: RuntimeDefault
              containers:
                - name: agent
                  image: agent:1.0
      `,
    },
  ],
});
