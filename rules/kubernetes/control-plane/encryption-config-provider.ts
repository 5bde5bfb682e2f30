import type { Pair } from 'yaml';
import { isMap, isScalar, isSeq } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { configDocuments } from '../../models/control-plane';
import { asSeqItems, getNode, nodeSpan } from '../../models/yaml';
import { moveSeqItemToEnd } from '../../models/yaml-edit';
import { seqStrings } from '../../models/yaml-scalar';
import { cis, kics } from './flag-checks';

const STRONG = new Set(['aescbc', 'aesgcm', 'secretbox', 'kms']);
const covers = (resources: string[]): boolean => resources.some((resource) => resource === 'secrets' || resource === '*.' || resource === '*.*');

export default defineRule({
  meta: {
    id: 'kubernetes/encryption-config-provider',
    kind: 'kubernetes',
    title: 'Secrets are not encrypted by the encryption configuration',
    stride: 'information-disclosure',
    severity: 'warning',
    fix: 'suggest',
    description:
      'The API server writes new data with the **first** provider listed for a resource. An EncryptionConfiguration whose first provider for `secrets` is `identity`, or that lists no encrypting provider at all, stores Secrets in etcd in plain text although encryption looks configured.',
    remediation:
      'Put `kms` (apiVersion v2), `aescbc`, `aesgcm` or `secretbox` first for `secrets`, keep `identity: {}` last only to read data written before, then rewrite all Secrets (`kubectl get secrets -A -o json | kubectl replace -f -`). When an encrypting provider is already listed after `identity`, the suggested fix moves `identity` to the end; otherwise the provider needs key material, which only you can add.',
    references: [...cis('1.2.28'), kics('Encryption Provider Not Properly Configured')],
    examples: {
      invalid: [{ code: 'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n- resources: [secrets]\n  providers:\n  - identity: {}\n  - aescbc:\n      keys:\n      - name: key1\n        secret: c2VjcmV0IGlzIHNlY3VyZQ==\n' }],
      valid: [{ code: 'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n- resources: [secrets]\n  providers:\n  - aescbc:\n      keys:\n      - name: key1\n        secret: c2VjcmV0IGlzIHNlY3VyZQ==\n  - identity: {}\n' }],
    },
  },
  check(context) {
    for (const manifest of configDocuments(context.model, 'EncryptionConfiguration', 'apiserver.config.k8s.io/')) {
      for (const entry of asSeqItems(getNode(manifest.node, 'resources'))) {
        if (!isMap(entry) || !covers(seqStrings(getNode(entry, 'resources')))) continue;
        const providersNode = getNode(entry, 'providers');
        const names = asSeqItems(providersNode).map((provider) => (isMap(provider) && isScalar((provider.items[0] as Pair | undefined)?.key) ? String(((provider.items[0] as Pair).key as { value: unknown }).value) : ''));
        if (names[0] === 'identity') {
          const edits = isSeq(providersNode) && names.some((name) => STRONG.has(name)) ? moveSeqItemToEnd(context.text, providersNode, 0) : undefined;
          context.report({
            span: nodeSpan(asSeqItems(providersNode)[0]),
            message: 'The first provider for secrets is `identity`, so new Secrets are written to etcd unencrypted.',
            fixes: edits ? [{ title: 'Move `identity` after the encrypting providers', safe: false, edits }] : [],
          });
        } else if (!names.some((name) => STRONG.has(name))) {
          context.report({ span: nodeSpan(providersNode ?? entry), message: 'No encrypting provider (aescbc, aesgcm, secretbox or kms) is listed for secrets, so they are stored in etcd unencrypted.' });
        }
      }
    }
  },
});
