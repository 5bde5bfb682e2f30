import rule from '../../../../rules/kubernetes/workloads/no-host-network';
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
        hostNetwork: false
        containers:
          - name: web
            image: web:2.1
    ` },
    {
      name: 'a control-plane static pod is left to the control-plane rules',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: kube-apiserver
          namespace: kube-system
          labels:
            component: kube-apiserver
            tier: control-plane
        spec:
          hostNetwork: true
          containers:
            - name: kube-apiserver
              image: registry.k8s.io/kube-apiserver:v1.31.0
              command: [kube-apiserver, --secure-port=6443]
      `,
    },
  ],
  invalid: [
    {
      name: 'a DaemonSet in the second document, YAML 1.1 `on`; the line goes, comments stay',
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: monitoring
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: node-exporter
        spec:
          template:
            spec:
              # scrape the node
              hostNetwork: on
              containers:
                - name: exporter
                  image: prom/node-exporter:v1.8.2
      `,
      errors: [{ line: 14, column: 20, endColumn: 22, message: "DaemonSet node-exporter sets `hostNetwork: true`, so its containers share the node's network stack and can reach node-local services and sniff host traffic." }],
      output: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: monitoring
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: node-exporter
        spec:
          template:
            spec:
              # scrape the node
              containers:
                - name: exporter
                  image: prom/node-exporter:v1.8.2
      `,
    },
  ],
});
