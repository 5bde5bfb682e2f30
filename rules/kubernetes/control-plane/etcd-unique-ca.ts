import { defineRule } from '../../engine/rule';
import { lookupFlag, where } from '../../models/control-plane';
import { cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/etcd-unique-ca',
    kind: 'kubernetes',
    title: 'etcd does not have its own CA',
    stride: 'spoofing',
    severity: 'info',
    fix: 'none',
    description:
      'etcd should trust only certificates from a CA of its own (`--trusted-ca-file`). When it trusts the cluster CA that also signs every user and kubelet client certificate, any of those certificates can talk to etcd directly and bypass the API server\'s authorization. The comparison with the API server\'s `--client-ca-file` is made when both manifests are in the same file.',
    remediation: 'Create a dedicated etcd CA (kubeadm: `/etc/kubernetes/pki/etcd/ca.crt`) and point `--trusted-ca-file` at it.',
    references: [...cis('2.7'), kics('Not Unique Certificate Authority')],
    examples: {
      invalid: [examplePod('etcd', ['--client-cert-auth=true'])],
      valid: [examplePod('etcd', ['--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt'])],
    },
  },
  check(context) {
    const clientCas = new Set(sources(context, 'kube-apiserver').map((source) => lookupFlag(source, 'client-ca-file')?.value.trim()).filter((value): value is string => !!value));
    for (const source of sources(context, 'etcd')) {
      const setting = lookupFlag(source, 'trusted-ca-file');
      if (!setting?.value.trim()) {
        if (!source.hasConfigFile) context.report({ span: source.anchor, message: `\`--trusted-ca-file\` is not set ${where(source)}, so etcd has no CA of its own to check client certificates against.` });
      } else if (setting.flag && clientCas.has(setting.value.trim())) {
        context.report({ span: setting.flag.span, message: `\`--trusted-ca-file\` is the API server's client CA, so every user and kubelet certificate is also accepted by etcd.` });
      }
    }
  },
});
