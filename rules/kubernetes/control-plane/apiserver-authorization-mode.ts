import { defineRule } from '../../engine/rule';
import { kindSpan, listItems, lookupFlag, setFlagValue } from '../../models/control-plane';
import { authorizationConfigs, cis, examplePod, kics, sources } from './flag-checks';

const CONSEQUENCES: Record<string, string> = { Node: 'kubelets are not confined to their own node', RBAC: 'RBAC roles and bindings are not enforced' };
const consequence = (missing: string[]): string => missing.map((mode) => CONSEQUENCES[mode]).join(' and ');

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-authorization-mode',
    kind: 'kubernetes',
    title: 'API server authorization lacks Node or RBAC',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'fix',
    description:
      'The Node authorizer limits each kubelet to the objects of its own node, and RBAC gives users and service accounts only what their roles grant. An `--authorization-mode` without `Node` lets a compromised kubelet read every Secret; without `RBAC`, roles and bindings have no effect.',
    remediation: 'Include both: `--authorization-mode=Node,RBAC` (Node first, as kubeadm writes it).',
    references: [
      ...cis('1.2.7'),
      ...cis('1.2.8'),
      { source: 'checkov', id: 'CKV_K8S_75' },
      { source: 'checkov', id: 'CKV_K8S_77' },
      kics('Authorization Mode Node Not Set'),
      kics('Authorization Mode RBAC Not Set'),
      { source: 'trivy', id: 'KCV0008' },
      { source: 'trivy', id: 'KCV0009' },
    ],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--authorization-mode=RBAC'])],
      valid: [examplePod('kube-apiserver', ['--authorization-mode=Node,RBAC'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      if (lookupFlag(source, 'authorization-config')) continue;
      const setting = lookupFlag(source, 'authorization-mode');
      if (!setting?.flag) continue; // absent: the default AlwaysAllow is apiserver-authorization-always-allow's finding
      const modes = listItems(setting.value);
      const missing = ['Node', 'RBAC'].filter((mode) => !modes.includes(mode));
      if (missing.length === 0) continue;
      const fixed = [...(missing.includes('Node') ? ['Node'] : []), ...modes, ...(missing.includes('RBAC') ? ['RBAC'] : [])];
      const edit = setFlagValue(setting.flag, fixed.join(','));
      context.report({
        span: setting.flag.span,
        message: `\`--authorization-mode=${setting.value}\` lacks ${missing.join(' and ')}, so ${consequence(missing)}.`,
        fixes: edit ? [{ title: `Add ${missing.join(' and ')} to \`--authorization-mode\``, safe: true, edits: [edit] }] : [],
      });
    }
    for (const { manifest, types } of authorizationConfigs(context)) {
      const missing = ['Node', 'RBAC'].filter((mode) => !types.some(({ type }) => type === mode));
      if (missing.length > 0) context.report({ span: kindSpan(manifest), message: `This AuthorizationConfiguration has no ${missing.join(' or ')} authorizer, so ${consequence(missing)}.` });
    }
  },
});
