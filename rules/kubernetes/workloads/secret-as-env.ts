import { isMap } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { describeContainer, stringOf } from '../../models/kubernetes';
import { asMap, asSeqItems, findPair, getNode, keySpan } from '../../models/yaml';

export default defineRule({
  meta: {
    id: 'kubernetes/secret-as-env',
    kind: 'kubernetes',
    title: 'Prefer Secrets mounted as files over environment variables',
    stride: 'information-disclosure',
    severity: 'info',
    fix: 'none',
    description:
      'A Secret passed as an environment variable is visible to every process of the container and its children, in `/proc/<pid>/environ`, in crash dumps and in the debug output of many frameworks; a Secret mounted as a file is read only when needed and updates without a restart.',
    remediation: 'Mount the Secret as a volume (`volumes[].secret` plus `volumeMounts`) and have the application read the file (many images accept `<VAR>_FILE`).',
    references: [
      { source: 'cis-kubernetes', id: '5.4.1', version: '1.12' },
      { source: 'checkov', id: 'CKV_K8S_35' },
      { source: 'kics', id: '3d658f8b-d988-41a0-a841-40043121de1e', note: 'Secrets As Environment Variables' },
      { source: 'kube-linter', id: 'read-secret-from-env-var' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: api:3.2\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db\n              key: password\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: api:3.2\n      volumeMounts:\n        - name: db\n          mountPath: /run/secrets/db\n          readOnly: true\n  volumes:\n    - name: db\n      secret:\n        secretName: db\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      for (const container of pod.containers) {
        for (const item of asSeqItems(getNode(container.node, 'env'))) {
          const ref = isMap(item) ? findPair(asMap(getNode(item, 'valueFrom')), 'secretKeyRef') : undefined;
          if (!ref) continue;
          const secret = stringOf(getNode(asMap(ref.value), 'name'));
          context.report({ span: keySpan(ref), message: `The ${describeContainer(container)} reads ${secret ? `Secret ${secret}` : 'a Secret'} into ${stringOf(getNode(item as never, 'name')) ?? 'an environment variable'}, where every process and crash dump can see it.` });
        }
        for (const item of asSeqItems(getNode(container.node, 'envFrom'))) {
          const ref = isMap(item) ? findPair(item, 'secretRef') : undefined;
          if (!ref) continue;
          const secret = stringOf(getNode(asMap(ref.value), 'name'));
          context.report({ span: keySpan(ref), message: `The ${describeContainer(container)} loads every key of ${secret ? `Secret ${secret}` : 'a Secret'} into its environment, where every process and crash dump can see them.` });
        }
      }
    }
  },
});
