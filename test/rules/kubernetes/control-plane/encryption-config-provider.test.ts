import rule from '../../../../rules/kubernetes/control-plane/encryption-config-provider';
import { testRule } from '../../../helpers/rule-tester';

const config = (entries: string): string => `apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n${entries}`;
const AESCBC = '  - aescbc:\n      keys:\n      - name: key1\n        secret: c2VjcmV0IGlzIHNlY3VyZQ==\n';

testRule(rule, {
  valid: [
    { code: config(`- resources: [secrets]\n  providers:\n${AESCBC}  - identity: {}\n`) },
    { name: 'kms first', code: config('- resources: ["secrets", "configmaps"]\n  providers:\n  - kms:\n      apiVersion: v2\n      name: vault\n      endpoint: unix:///var/run/kms.sock\n  - identity: {}\n') },
    { name: 'identity for events is fine', code: config(`- resources: [events]\n  providers:\n  - identity: {}\n- resources: [secrets]\n  providers:\n${AESCBC}`) },
  ],
  invalid: [
    {
      name: 'identity first: the suggestion moves it last, where it only reads old data',
      code: config(`- resources: [secrets]\n  providers:\n  - identity: {}  # old data\n${AESCBC}- resources: [events]\n  providers: [identity: {}]\n`),
      errors: [{ line: 6, column: 5, message: 'The first provider for secrets is `identity`, so new Secrets are written to etcd unencrypted.' }],
      output: config(`- resources: [secrets]\n  providers:\n${AESCBC}  - identity: {}  # old data\n- resources: [events]\n  providers: [identity: {}]\n`),
    },
    {
      name: 'at the end of a file without a final line break',
      code: config(`- resources: [secrets]\n  providers:\n  - identity: {}\n${AESCBC}`).trimEnd(),
      errors: [{ line: 6, column: 5 }],
      output: config(`- resources: [secrets]\n  providers:\n${AESCBC}  - identity: {}`),
    },
    {
      name: 'identity only: no suggestion, a key is needed',
      code: config('- resources: [secrets]\n  providers:\n  - identity: {}\n'),
      errors: [{ line: 6, column: 5 }],
    },
    {
      name: 'a wildcard entry covers secrets; no encrypting provider listed',
      code: config('- resources: ["*.*"]\n  providers:\n  - identity: {}\n  - aescbc-typo: {}\n'.replace('  - identity: {}\n', '')),
      errors: [{ line: 6, column: 3, message: 'No encrypting provider (aescbc, aesgcm, secretbox or kms) is listed for secrets, so they are stored in etcd unencrypted.' }],
    },
    {
      name: 'several documents: each EncryptionConfiguration on its own',
      code: `apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n---\n${config(`- resources: [secrets]\n  providers:\n  - identity: {}\n${AESCBC}`)}`,
      errors: [{ line: 10, column: 5 }],
      output: `apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n---\n${config(`- resources: [secrets]\n  providers:\n${AESCBC}  - identity: {}\n`)}`,
    },
  ],
});
