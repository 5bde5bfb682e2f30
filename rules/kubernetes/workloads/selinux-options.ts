import { isMap } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { securityFields, stringOf, type FieldRef } from '../../models/kubernetes';
import { nodeSpan } from '../../models/yaml';
import { removePair } from '../../models/yaml-edit';

const ALLOWED_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);

export default defineRule({
  meta: {
    id: 'kubernetes/selinux-options',
    kind: 'kubernetes',
    title: 'Do not set custom SELinux user, role or type',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'fix',
    description:
      'A custom SELinux `type` (such as `spc_t` or `unconfined_t`), `user` or `role` takes the container out of the confined container domain the node policy is written for. Pod Security Standards baseline allows only the container types and no user or role.',
    remediation: 'Remove `seLinuxOptions.type`, `.user` and `.role`, keeping `level` if you use MCS categories.',
    references: [
      { source: 'pss', id: 'seLinuxOptions', note: 'baseline' },
      { source: 'trivy', id: 'KSV025' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seLinuxOptions:\n      type: spc_t\n  containers:\n    - name: web\n      image: web:2.1\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seLinuxOptions:\n      level: "s0:c123,c456"\n  containers:\n    - name: web\n      image: web:2.1\n' }],
    },
  },
  check(context) {
    const checkField = (field: FieldRef, who: string) => {
      const options = field.node;
      if (!isMap(options)) return;
      for (const pair of options.items) {
        const key = stringOf(pair.key);
        const value = stringOf(pair.value) ?? '';
        if (!(key === 'type' && !ALLOWED_TYPES.has(value)) && !((key === 'user' || key === 'role') && value !== '')) continue;
        const edit = removePair(context.text, options, pair, { parent: { map: field.map, pair: field.pair } });
        context.report({
          span: nodeSpan(pair.value as never),
          message: `${who} sets SELinux ${key} "${value}", which takes it out of the confined container domain.`,
          fixes: edit ? [{ title: `Remove the custom SELinux ${key}`, safe: true, edits: [edit] }] : [],
        });
      }
    };
    for (const pod of context.model.podSpecs) {
      for (const { field, who } of securityFields(pod, 'seLinuxOptions')) checkField(field, who);
    }
  },
});
