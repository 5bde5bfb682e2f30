import { hostNamespaceRule, podExample } from './host-namespace';

export default hostNamespaceRule('hostPID', "so its containers see every process on the node and can signal or trace them", {
  id: 'kubernetes/no-host-pid',
  title: "Do not share the host's process namespace",
  stride: 'elevation-of-privilege',
  severity: 'error',
  description:
    "With `hostPID: true` the pod shares the node's process namespace: its containers see every process on the node, read their environment and command lines, and, with enough privilege, attach to them. Pod Security Standards baseline forbids it.",
  remediation: 'Remove `hostPID: true`; use `shareProcessNamespace` if only the containers of the pod need to see each other.',
  references: [
    { source: 'pss', id: 'hostNamespaces', note: 'baseline' },
    { source: 'cis-kubernetes', id: '5.2.3', version: '1.12' },
    { source: 'checkov', id: 'CKV_K8S_17' },
    { source: 'kics', id: '302736f4-b16c-41b8-befe-c0baffa0bd9d', note: 'Shared Host PID Namespace' },
    { source: 'trivy', id: 'KSV010' },
    { source: 'kube-linter', id: 'host-pid' },
    { source: 'polaris', id: 'hostPIDSet' },
  ],
  examples: { invalid: [{ code: podExample('  hostPID: true\n') }], valid: [{ code: podExample('  shareProcessNamespace: true\n') }] },
});
