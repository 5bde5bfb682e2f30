import { hostNamespaceRule, podExample } from './host-namespace';

export default hostNamespaceRule('hostIPC', "so its containers can read and write the node's shared memory and IPC objects", {
  id: 'kubernetes/no-host-ipc',
  title: "Do not share the host's IPC namespace",
  stride: 'information-disclosure',
  severity: 'error',
  description:
    "With `hostIPC: true` the pod shares the node's IPC namespace: its containers can read and change shared memory segments, semaphores and message queues of every process on the node. Pod Security Standards baseline forbids it.",
  remediation: 'Remove `hostIPC: true`; containers of one pod already share an IPC namespace.',
  references: [
    { source: 'pss', id: 'hostNamespaces', note: 'baseline' },
    { source: 'cis-kubernetes', id: '5.2.4', version: '1.12' },
    { source: 'checkov', id: 'CKV_K8S_18' },
    { source: 'kics', id: 'cd290efd-6c82-4e9d-a698-be12ae31d536', note: 'Shared Host IPC Namespace' },
    { source: 'trivy', id: 'KSV008' },
    { source: 'kube-linter', id: 'host-ipc' },
    { source: 'polaris', id: 'hostIPCSet' },
  ],
  examples: { invalid: [{ code: podExample('  hostIPC: true\n') }], valid: [{ code: podExample('  hostIPC: false\n') }] },
});
