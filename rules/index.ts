import type { Rule } from './engine/rule';
import type { FileKind, RuleMeta } from './engine/types';
import { BUILTIN_RULES } from './engine/builtin-rules';
import { DOCKERFILE_RULES } from './dockerfile';
import { COMPOSE_RULES } from './compose';
import { DAEMON_RULES } from './daemon';
import { AUDIT_RULES } from './audit';
import { DOCKER_CONFIG_RULES } from './docker-config';
import { DOTENV_RULES } from './dotenv';
import { KUBERNETES_WORKLOAD_RULES } from './kubernetes/workloads';
import { KUBERNETES_RBAC_RULES } from './kubernetes/rbac';
import { KUBERNETES_CONTROL_PLANE_RULES } from './kubernetes/control-plane';

/** Every rule, sorted by id: the explicit registry (each kind keeps its own list in its folder's index.ts). */
export const ALL_RULES: readonly Rule<FileKind>[] = ([] as Rule<FileKind>[])
  .concat(DOCKERFILE_RULES, COMPOSE_RULES, DAEMON_RULES, AUDIT_RULES, DOTENV_RULES, DOCKER_CONFIG_RULES, KUBERNETES_WORKLOAD_RULES, KUBERNETES_RBAC_RULES, KUBERNETES_CONTROL_PLANE_RULES)
  .sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** Metadata of every rule, the engine's own (`stridelint/…`) included: docs, SARIF, settings, `stridelint rules`. */
export const ALL_RULE_METAS: readonly RuleMeta[] = [...BUILTIN_RULES, ...ALL_RULES.map((rule) => rule.meta)].sort((a, b) => a.id.localeCompare(b.id));

export function findRuleMeta(id: string): RuleMeta | undefined {
  return ALL_RULE_METAS.find((meta) => meta.id === id);
}
