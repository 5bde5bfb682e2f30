import type { Node } from 'yaml';
import { isScalar } from '../../models/yaml-nodes';
import type { RuleContext } from '../../engine/rule';
import { securityFields, stringOf, type KubernetesModel, type PodSpec } from '../../models/kubernetes';
import { asMap, getNode, nodeSpan } from '../../models/yaml';

/**
 * `seccompProfile` and `appArmorProfile` share a shape (`type: RuntimeDefault | Localhost | Unconfined`) and a
 * legacy annotation on the pod template; both rules report `Unconfined` and annotations the same way.
 */
export function reportUnconfined(
  context: RuleContext<KubernetesModel>,
  pod: PodSpec,
  key: 'seccompProfile' | 'appArmorProfile',
  message: (who: string) => string,
): void {
  for (const { field, who } of securityFields(pod, key)) {
    const type = getNode(asMap(field.node), 'type');
    if (!isScalar(type) || stringOf(type) !== 'Unconfined') continue;
    context.report({
      span: nodeSpan(type),
      message: message(who),
      fixes: [{ title: `Use the \`RuntimeDefault\` ${key === 'seccompProfile' ? 'seccomp' : 'AppArmor'} profile`, safe: true, edits: [{ ...nodeSpan(type), newText: 'RuntimeDefault' }] }],
    });
  }
}

/** Pod-template annotations whose key passes `matches` and whose value is not `allowed`; the fix writes `runtime/default`. */
export function reportAnnotations(
  context: RuleContext<KubernetesModel>,
  pod: PodSpec,
  matches: (key: string) => boolean,
  allowed: (value: string) => boolean,
  message: (key: string, value: string) => string,
): void {
  for (const pair of asMap(getNode(pod.podMetadata, 'annotations'))?.items ?? []) {
    const key = stringOf(pair.key);
    const value = stringOf(pair.value);
    if (!key || value === undefined || !matches(key) || allowed(value)) continue;
    const span = nodeSpan(pair.value as Node);
    context.report({ span, message: message(key, value), fixes: [{ title: 'Use `runtime/default`', safe: true, edits: [{ ...span, newText: 'runtime/default' }] }] });
  }
}
