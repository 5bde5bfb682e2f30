import type { Rule } from '../../engine/rule';

/** The Kubernetes rbac rules, one file each; keep this list sorted by file name. */
export const KUBERNETES_RBAC_RULES: Rule<'kubernetes'>[] = [];
