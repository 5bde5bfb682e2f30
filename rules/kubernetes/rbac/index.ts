import type { Rule } from '../../engine/rule';
import rbacBlastRadius from './rbac-blast-radius';
import rbacClusterAdminBinding from './rbac-cluster-admin-binding';
import rbacCreatePods from './rbac-create-pods';
import rbacCreatePv from './rbac-create-pv';
import rbacCsrApproval from './rbac-csr-approval';
import rbacDangerousSubject from './rbac-dangerous-subject';
import rbacDefaultSaBinding from './rbac-default-sa-binding';
import rbacEscalateBind from './rbac-escalate-bind';
import rbacExecAttach from './rbac-exec-attach';
import rbacImpersonate from './rbac-impersonate';
import rbacNodesProxy from './rbac-nodes-proxy';
import rbacSecretsRead from './rbac-secrets-read';
import rbacTokenCreate from './rbac-token-create';
import rbacWebhookConfig from './rbac-webhook-config';
import rbacWildcard from './rbac-wildcard';

/** The Kubernetes rbac rules, one file each; keep this list sorted by file name. */
export const KUBERNETES_RBAC_RULES: Rule<'kubernetes'>[] = [
  rbacBlastRadius,
  rbacClusterAdminBinding,
  rbacCreatePods,
  rbacCreatePv,
  rbacCsrApproval,
  rbacDangerousSubject,
  rbacDefaultSaBinding,
  rbacEscalateBind,
  rbacExecAttach,
  rbacImpersonate,
  rbacNodesProxy,
  rbacSecretsRead,
  rbacTokenCreate,
  rbacWebhookConfig,
  rbacWildcard,
];
