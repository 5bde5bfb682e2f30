import { defineRule } from '../../engine/rule';
import { lookupFlag } from '../../models/control-plane';
import { checkBooleanFlag, cis, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-anonymous-auth',
    kind: 'kubernetes',
    title: 'API server accepts anonymous requests',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'suggest',
    description:
      'kube-apiserver treats every request without credentials as `system:anonymous` unless `--anonymous-auth=false` is set (the default is true). Any RBAC binding that grants that user or `system:unauthenticated` something is then open to anyone who can reach the port.',
    remediation:
      'Set `--anonymous-auth=false`. Unauthenticated health probes then stop working; on 1.32+ an AuthenticationConfiguration can limit anonymous access to `/healthz`, `/readyz` and `/livez` instead.',
    references: [
      ...cis('1.2.1'),
      { source: 'checkov', id: 'CKV_K8S_68' },
      kics('Anonymous Auth Is Not Set To False', '1de5cc51-f376-4638-a940-20f2e85ae238'),
      { source: 'trivy', id: 'KCV0001' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    command:\n    - kube-apiserver\n    - --anonymous-auth=true\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    command:\n    - kube-apiserver\n    - --anonymous-auth=false\n' }],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      // With an AuthenticationConfiguration file (1.32+), anonymous access is configured there, not by the flag.
      if (lookupFlag(source, 'authentication-config') && !lookupFlag(source, 'anonymous-auth')) continue;
      checkBooleanFlag(context, source, { name: 'anonymous-auth', secure: false, defaultValue: true, consequence: 'lets requests without credentials reach the API server as system:anonymous', safe: false });
    }
  },
});
