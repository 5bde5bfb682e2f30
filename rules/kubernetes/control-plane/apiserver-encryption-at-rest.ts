import { defineRule } from '../../engine/rule';
import { checkRequiredFlags, cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-encryption-at-rest',
    kind: 'kubernetes',
    title: 'API server does not encrypt Secrets at rest',
    stride: 'information-disclosure',
    severity: 'warning',
    fix: 'none',
    description:
      'Without `--encryption-provider-config` the API server stores Secrets in etcd as plain base64: anyone with an etcd backup, a disk snapshot or etcd client access reads every credential of the cluster.',
    remediation:
      'Point `--encryption-provider-config` at an `EncryptionConfiguration` whose first provider for `secrets` is `kms` (v2), `aescbc`, `aesgcm` or `secretbox`, then rewrite existing Secrets. When that EncryptionConfiguration is in the same file, kubernetes/encryption-config-provider checks it; in another file it is out of reach of a single-file linter, so lint that file too.',
    references: [...cis('1.2.27'), { source: 'checkov', id: 'CKV_K8S_104' }, kics('Encryption Provider Config Is Not Defined'), { source: 'trivy', id: 'KCV0030' }],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--etcd-servers=https://127.0.0.1:2379'])],
      valid: [examplePod('kube-apiserver', ['--encryption-provider-config=/etc/kubernetes/enc/encryption.yaml'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      checkRequiredFlags(context, source, ['encryption-provider-config'], 'Secrets are stored in etcd unencrypted');
    }
  },
});
