import { defineRule } from '../../engine/rule';
import { flagBoolean, removeFlag, type Flag } from '../../models/control-plane';
import { cis, examplePod, kics, sources } from './flag-checks';

/** Removed flags whose presence means an old, exposed configuration; each with the reason it is weak. */
const LEGACY: Record<string, (value: string) => string | undefined> = {
  'insecure-port': (value) => (value.trim() === '0' ? undefined : 'serves the API without authentication or TLS on that port'),
  'insecure-bind-address': () => 'binds the unauthenticated insecure port to that address',
  'basic-auth-file': () => 'accepts static passwords sent with every request',
  'kubelet-https': (value) => (flagBoolean(value) === false ? 'makes the API server call kubelets over plain HTTP' : undefined),
  'secure-port': (value) => (value.trim() === '0' ? 'turns off the authenticated HTTPS port' : undefined),
};

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-legacy-insecure-flags',
    kind: 'kubernetes',
    title: 'API server uses a removed insecure flag',
    stride: 'spoofing',
    severity: 'error',
    fix: 'fix',
    description:
      '`--insecure-port` (other than 0), `--insecure-bind-address`, `--basic-auth-file`, `--kubelet-https=false` and `--secure-port=0` open the API without authentication or TLS. All were removed from current releases, so their presence also means a modern API server refuses to start with this manifest.',
    remediation: 'Remove the flag; clients use the authenticated secure port (6443) with certificates or tokens.',
    references: [
      ...cis('1.2.4', '1.23'),
      ...cis('1.2.17', '1.23'),
      { source: 'cis-kubernetes', id: '1.2.19', version: '1.6', note: 'insecure-port' },
      { source: 'cis-kubernetes', id: '1.2.18', version: '1.6', note: 'insecure-bind-address' },
      { source: 'cis-kubernetes', id: '1.2.2', version: '1.6', note: 'basic-auth-file' },
      { source: 'checkov', id: 'CKV_K8S_69' },
      { source: 'checkov', id: 'CKV_K8S_71' },
      { source: 'checkov', id: 'CKV_K8S_86' },
      { source: 'checkov', id: 'CKV_K8S_88' },
      { source: 'checkov', id: 'CKV_K8S_89' },
      kics('Insecure Port Not Properly Set', 'fa4def8c-1898-4a35-a139-7b76b1acdef0'),
      kics('Insecure Bind Address Set'),
      kics('Basic Auth File Is Set'),
      kics('Kubelet HTTPS Set To False'),
      kics('Secure Port Set To Zero'),
      { source: 'trivy', id: 'KCV0004' },
      { source: 'trivy', id: 'KCV0017' },
    ],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--insecure-port=8080', '--insecure-bind-address=0.0.0.0'])],
      valid: [examplePod('kube-apiserver', ['--insecure-port=0', '--secure-port=6443'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      for (const flag of source.flags) {
        const reason = LEGACY[flag.name]?.(flag.value);
        if (!reason) continue;
        const edit = removeFlag(context.text, flag);
        context.report({
          span: flag.span,
          message: `\`${written(flag)}\` ${reason}; the flag was removed from current Kubernetes releases.`,
          fixes: edit ? [{ title: `Remove \`--${flag.name}\``, safe: true, edits: [edit] }] : [],
        });
      }
    }
  },
});

function written(flag: Flag): string {
  return flag.form === 'bare' ? `--${flag.name}` : `--${flag.name}=${flag.value}`;
}
