import { defineRule } from '../../engine/rule';
import { lookupFlag, where } from '../../models/control-plane';
import { checkRequiredFlags, cis, examplePod, kics, sources } from './flag-checks';

const GROUPS: Array<{ names: string[]; consequence: string }> = [
  { names: ['tls-cert-file', 'tls-private-key-file'], consequence: 'the API server serves a self-signed certificate that clients cannot verify' },
  { names: ['client-ca-file'], consequence: 'client certificates cannot be used to authenticate users and components' },
  { names: ['kubelet-client-certificate', 'kubelet-client-key'], consequence: 'the API server cannot authenticate itself to kubelets' },
];

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-tls',
    kind: 'kubernetes',
    title: 'API server TLS files are not set',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'none',
    description:
      'The API server needs its own serving certificate (`--tls-cert-file`, `--tls-private-key-file`), a CA to check client certificates (`--client-ca-file`), a client certificate for calls to kubelets (`--kubelet-client-certificate`, `--kubelet-client-key`) and, to check the kubelets\' serving certificates, `--kubelet-certificate-authority`. Each missing piece lets one side of a connection be impersonated.',
    remediation:
      'Set the missing file flags (kubeadm writes all but `--kubelet-certificate-authority`, which only works once kubelets have CA-signed serving certificates: `serverTLSBootstrap: true` in the KubeletConfiguration).',
    references: [
      ...cis('1.2.24'),
      ...cis('1.2.25'),
      ...cis('1.2.4'),
      ...cis('1.2.5'),
      { source: 'checkov', id: 'CKV_K8S_100' },
      { source: 'checkov', id: 'CKV_K8S_72' },
      { source: 'checkov', id: 'CKV_K8S_73' },
      kics('TSL Connection Certificate Not Setup'),
      kics('Client Certificate Authentication Not Setup Properly'),
      kics('Kubelet Client Certificate Or Key Not Set'),
      kics('Kubelet Certificate Authority Not Set'),
      { source: 'trivy', id: 'KCV0027' },
      { source: 'trivy', id: 'KCV0028' },
      { source: 'trivy', id: 'KCV0005' },
      { source: 'trivy', id: 'KCV0006' },
    ],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--tls-cert-file=/etc/kubernetes/pki/apiserver.crt'])],
      valid: [
        examplePod('kube-apiserver', [
          '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
          '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
          '--client-ca-file=/etc/kubernetes/pki/ca.crt',
          '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
          '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
          '--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt',
        ]),
      ],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      for (const group of GROUPS) checkRequiredFlags(context, source, group.names, group.consequence);
      if (source.hasConfigFile || lookupFlag(source, 'kubelet-certificate-authority')) continue;
      context.report({
        span: source.anchor,
        message: `\`--kubelet-certificate-authority\` is not set ${where(source)}, so the API server does not verify the serving certificates of the kubelets it calls.`,
        severity: 'info',
      });
    }
  },
});
