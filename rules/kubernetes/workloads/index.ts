import type { Rule } from '../../engine/rule';

/** The Kubernetes workloads rules, one file each; keep this list sorted by file name. */
export const KUBERNETES_WORKLOAD_RULES: Rule<'kubernetes'>[] = [];
