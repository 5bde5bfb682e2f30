import { defineRule } from '../../engine/rule';
import { lookupFlag } from '../../models/control-plane';
import { cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-token-auth-file',
    kind: 'kubernetes',
    title: 'API server uses a static token file',
    stride: 'spoofing',
    severity: 'error',
    fix: 'none',
    description:
      '`--token-auth-file` loads bearer tokens from a CSV file: they never expire, cannot be revoked without restarting the API server, and sit in plain text on every control-plane node. Whoever copies the file can act as those users indefinitely.',
    remediation: 'Remove `--token-auth-file` and authenticate people and machines with client certificates, OIDC, a webhook token authenticator or service-account tokens.',
    references: [...cis('1.2.2'), { source: 'checkov', id: 'CKV_K8S_70' }, kics('Token Auth File Is Set'), { source: 'trivy', id: 'KCV0002' }],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--token-auth-file=/etc/kubernetes/tokens.csv'])],
      valid: [examplePod('kube-apiserver', ['--client-ca-file=/etc/kubernetes/pki/ca.crt'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      const flag = lookupFlag(source, 'token-auth-file')?.flag;
      if (flag && flag.value.trim() !== '') {
        context.report({ span: flag.span, message: `\`--token-auth-file\` loads static bearer tokens that never expire and cannot be revoked without restarting the API server.` });
      }
    }
  },
});
