import rule from '../../../../rules/kubernetes/workloads/sa-token-automount';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [
    { name: 'the ServiceAccount in the same file disables it', code: yaml`
      apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: web
      automountServiceAccountToken: false
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        template:
          spec:
            serviceAccountName: web
            containers:
              - name: web
                image: web:2.1
    ` },
  ],
  invalid: [
    {
      name: 'the pod value wins over the ServiceAccount; the default ServiceAccount is reported too',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: default
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: web
        automountServiceAccountToken: false
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          serviceAccountName: web
          automountServiceAccountToken: true
          containers:
            - name: web
              image: web:2.1
      `,
      errors: [
        { line: 4, column: 9, message: 'The default ServiceAccount does not disable token automounting, so every pod that names no account gets an API token.' },
        { line: 18, column: 33, message: 'Pod web mounts the API token of service account web into every container, so any compromised container can call the Kubernetes API.' },
      ],
      output: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: default
        automountServiceAccountToken: false
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: web
        automountServiceAccountToken: false
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          serviceAccountName: web
          automountServiceAccountToken: false
          containers:
            - name: web
              image: web:2.1
      `,
    },
    {
      name: 'a CronJob with nothing set: reported at its name, the field joins the pod spec',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: sync
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: sync
                      image: sync:1.0
      `,
      errors: [{ line: 4, column: 9, message: /CronJob sync mounts the API token of service account default/ }],
      output: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: sync
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: sync
                      image: sync:1.0
                  automountServiceAccountToken: false
      `,
    },
  ],
});

// ServiceAccount automount in another file of the workspace (issue 18).
const podUsing = (account: string, extra = '', namespace = 'shop') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: ${namespace}\nspec:\n  template:\n    spec:\n      serviceAccountName: ${account}\n${extra}      containers:\n        - name: web\n          image: web:2.1\n`;
const ACCOUNT = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\nautomountServiceAccountToken: false\n';
testRule(rule, {
  valid: [
    { name: 'the ServiceAccount in another file turns automount off', path: 'web.yaml', code: podUsing('web'), files: { 'sa.yaml': ACCOUNT } },
    { name: 'a static control-plane pod (kubeadm manifests folder)', path: 'etc/kubernetes/manifests/kube-scheduler.yaml', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: sched\n  namespace: kube-system\nspec:\n  containers:\n    - name: s\n      image: s:1\n' },
    { name: 'a static pod labelled tier: control-plane', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  namespace: kube-system\n  labels:\n    tier: control-plane\nspec:\n  containers:\n    - name: s\n      image: s:1\n' },
    { name: 'a hostNetwork pod in kube-system', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n    - name: s\n      image: s:1\n' },
  ],
  invalid: [
    { name: 'the pod turns it back on', path: 'web.yaml', code: podUsing('web', '      automountServiceAccountToken: true\n'), files: { 'sa.yaml': ACCOUNT }, errors: [{ line: 10, column: 37 }], output: podUsing('web', '      automountServiceAccountToken: false\n') },
    { name: 'the account of that name in another namespace does not count', path: 'web.yaml', code: podUsing('web', '', 'other'), files: { 'sa.yaml': ACCOUNT }, errors: [{ line: 4, column: 9 }], output: `${podUsing('web', '', 'other')}      automountServiceAccountToken: false\n` },
    { name: 'a hostNetwork Deployment in kube-system is no static pod', code: podUsing('web', '      hostNetwork: true\n', 'kube-system'), errors: [{ line: 4, column: 9 }], output: `${podUsing('web', '      hostNetwork: true\n', 'kube-system')}      automountServiceAccountToken: false\n` },
  ],
});
