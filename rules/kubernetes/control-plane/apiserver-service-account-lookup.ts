import { defineRule } from '../../engine/rule';
import { checkBooleanFlag, cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-service-account-lookup',
    kind: 'kubernetes',
    title: 'API server accepts revoked service-account tokens',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'fix',
    description:
      'With `--service-account-lookup=false` the API server trusts a service-account token\'s signature without checking that the account or Secret still exists, so deleted tokens keep working. `--service-account-extend-token-expiration` (default true) silently stretches projected tokens to a year during migration, which CIS 1.12 asks to turn off.',
    remediation: 'Remove `--service-account-lookup=false` (or set it to true) and set `--service-account-extend-token-expiration=false`.',
    references: [...cis('1.2.21'), ...cis('1.2.30'), { source: 'checkov', id: 'CKV_K8S_96' }, kics('Service Account Lookup Set To False'), { source: 'trivy', id: 'KCV0024' }],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--service-account-lookup=false', '--service-account-extend-token-expiration=false'])],
      valid: [examplePod('kube-apiserver', ['--service-account-extend-token-expiration=false'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      checkBooleanFlag(context, source, { name: 'service-account-lookup', secure: true, defaultValue: true, consequence: 'keeps tokens of deleted service accounts valid', safe: true });
      checkBooleanFlag(context, source, { name: 'service-account-extend-token-expiration', secure: false, defaultValue: true, consequence: 'extends projected service-account tokens to a year of validity', safe: true });
    }
  },
});
