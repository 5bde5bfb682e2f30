import { defineRule, type Rule } from '../../engine/rule';
import type { RuleMeta } from '../../engine/types';
import { describePod, podField } from '../../models/kubernetes';
import { asBoolean, nodeSpan } from '../../models/yaml';
import { removePair } from './fix-helpers';

/**
 * `hostNetwork`, `hostPID` and `hostIPC` (PSS baseline hostNamespaces): the same check on three pod-spec fields.
 * Control-plane static pods need them and are left to the control-plane rules.
 */
export function hostNamespaceRule(key: 'hostNetwork' | 'hostPID' | 'hostIPC', consequence: string, meta: Omit<RuleMeta, 'kind' | 'fix'>): Rule<'kubernetes'> {
  return defineRule({
    meta: { ...meta, kind: 'kubernetes', fix: 'suggest' },
    check(context) {
      for (const pod of context.model.podSpecs) {
        if (pod.isControlPlane) continue;
        const field = podField(pod, key);
        if (!field || asBoolean(field.node) !== true) continue;
        const edit = removePair(context.text, field.map, field.pair);
        context.report({
          span: nodeSpan(field.node),
          message: `${describePod(pod)} sets \`${key}: true\`, ${consequence}.`,
          fixes: edit ? [{ title: `Remove \`${key}: true\``, safe: false, edits: [edit] }] : [],
        });
      }
    },
  });
}

/** A pod manifest with one pod-spec line, for the docs examples of these rules. */
export function podExample(specLine: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n${specLine}  containers:\n    - name: agent\n      image: agent:1.4\n`;
}
