import { hostNamespaceRule, podExample } from './host-namespace';

export default hostNamespaceRule('hostNetwork', "so its containers share the node's network stack and can reach node-local services and sniff host traffic", {
  id: 'kubernetes/no-host-network',
  title: "Do not share the host's network namespace",
  stride: 'elevation-of-privilege',
  severity: 'error',
  description:
    "With `hostNetwork: true` the pod uses the node's network namespace: it can bind any node port, reach services listening on localhost (the kubelet, cloud metadata proxies) and observe other pods' traffic. Pod Security Standards baseline forbids it.",
  remediation: 'Remove `hostNetwork: true`; expose the workload through a Service, and use a NetworkPolicy for what it must reach.',
  references: [
    { source: 'pss', id: 'hostNamespaces', note: 'baseline' },
    { source: 'cis-kubernetes', id: '5.2.5', version: '1.12' },
    { source: 'checkov', id: 'CKV_K8S_19' },
    { source: 'kics', id: '6b6bdfb3-c3ae-44cb-88e4-7405c1ba2c8a', note: 'Shared Host Network Namespace' },
    { source: 'trivy', id: 'KSV009' },
    { source: 'kube-linter', id: 'host-network' },
    { source: 'polaris', id: 'hostNetworkSet' },
  ],
  examples: { invalid: [{ code: podExample('  hostNetwork: true\n') }], valid: [{ code: podExample('  hostNetwork: false\n') }] },
});
