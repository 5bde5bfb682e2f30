import type { Rule } from '../../engine/rule';
import rbacWildcard from './rbac-wildcard';

/** The Kubernetes rbac rules, one file each; keep this list sorted by file name. */
export const KUBERNETES_RBAC_RULES: Rule<'kubernetes'>[] = [rbacWildcard];
