import type { Rule } from '../../engine/rule';

/** The Kubernetes control-plane rules, one file each; keep this list sorted by file name. */
export const KUBERNETES_CONTROL_PLANE_RULES: Rule<'kubernetes'>[] = [];
