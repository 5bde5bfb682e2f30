import { defineRule } from '../../engine/rule';
import { listItems, lookupFlag, setFlagValue, where } from '../../models/control-plane';
import { nodeSpan } from '../../models/yaml';
import { authorizationConfigs, cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-authorization-always-allow',
    kind: 'kubernetes',
    title: 'API server authorizes every request',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'suggest',
    description:
      'With `AlwaysAllow` in `--authorization-mode`, or with the flag absent (its default is AlwaysAllow), every authenticated request is allowed: RBAC is not consulted and any user or service account is cluster-admin.',
    remediation:
      'Set `--authorization-mode=Node,RBAC` (kubeadm does). When `--authorization-config` is used instead, the authorizers live in that AuthorizationConfiguration file: the rule checks it when it is in the linted file and cannot see it in another one.',
    references: [...cis('1.2.6'), { source: 'checkov', id: 'CKV_K8S_74' }, kics('Authorization Mode Set To Always Allow', 'f1f4d8da-1ac4-47d0-b1aa-91e69d33f7d5'), { source: 'trivy', id: 'KCV0007' }],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--authorization-mode=AlwaysAllow'])],
      valid: [examplePod('kube-apiserver', ['--authorization-mode=Node,RBAC'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      if (lookupFlag(source, 'authorization-config') || source.hasConfigFile) continue;
      const setting = lookupFlag(source, 'authorization-mode');
      if (!setting) {
        const edit = source.add('authorization-mode', 'Node,RBAC');
        context.report({
          span: source.anchor,
          message: `\`--authorization-mode\` is not set ${where(source)}, and its default (AlwaysAllow) lets every authenticated request do anything.`,
          fixes: edit ? [{ title: 'Set `--authorization-mode=Node,RBAC`', safe: false, edits: [edit] }] : [],
        });
        continue;
      }
      const modes = listItems(setting.value);
      if (!modes.includes('AlwaysAllow') || !setting.flag) continue;
      const rest = modes.filter((mode) => mode !== 'AlwaysAllow');
      const edit = setFlagValue(setting.flag, (rest.length > 0 ? rest : ['Node', 'RBAC']).join(','));
      context.report({
        span: setting.flag.span,
        message: `\`--authorization-mode=${setting.value}\` includes AlwaysAllow, which lets every authenticated request do anything.`,
        fixes: edit ? [{ title: rest.length > 0 ? 'Remove AlwaysAllow from `--authorization-mode`' : 'Set `--authorization-mode=Node,RBAC`', safe: false, edits: [edit] }] : [],
      });
    }
    for (const { types } of authorizationConfigs(context)) {
      for (const { type, node } of types) {
        if (type === 'AlwaysAllow') context.report({ span: nodeSpan(node), message: 'This AuthorizationConfiguration has an AlwaysAllow authorizer, which lets every authenticated request do anything.' });
      }
    }
  },
});
