import type { Rule, RuleContext } from '../../engine/rule';
import type { Span } from '../../engine/types';
import type { KubernetesModel, PodSpec } from '../../models/kubernetes';
import { nodeSpan } from '../../models/yaml';
import allowPrivilegeEscalation from './allow-privilege-escalation';
import apparmorUnconfined from './apparmor-unconfined';
import capabilitiesAdded from './capabilities-added';
import capabilitiesDropAll from './capabilities-drop-all';
import noHostIpc from './no-host-ipc';
import noHostNetwork from './no-host-network';
import noHostPid from './no-host-pid';
import noHostPort from './no-host-port';
import noHostpath from './no-hostpath';
import noPrivileged from './no-privileged';
import probeHost from './probe-host';
import procMountUnmasked from './proc-mount-unmasked';
import restrictedVolumeTypes from './restricted-volume-types';
import runAsNonRoot from './run-as-non-root';
import runAsUserRoot from './run-as-user-root';
import seccompNotSet from './seccomp-not-set';
import seccompUnconfined from './seccomp-unconfined';
import selinuxOptions from './selinux-options';
import unsafeSysctls from './unsafe-sysctls';
import windowsHostProcess from './windows-host-process';

export type PssLevel = 'baseline' | 'restricted';

/** The rules that check a Pod Security Standards control (their `pss` references name the level). */
const PSS_RULES: readonly Rule<'kubernetes'>[] = [
  allowPrivilegeEscalation, apparmorUnconfined, capabilitiesAdded, capabilitiesDropAll, noHostIpc, noHostNetwork, noHostPid, noHostPort, noHostpath, noPrivileged,
  probeHost, procMountUnmasked, restrictedVolumeTypes, runAsNonRoot, runAsUserRoot, seccompNotSet, seccompUnconfined, selinuxOptions, unsafeSysctls, windowsHostProcess,
];

/** A rule's level: the lowest its `pss` references name (a baseline control is also a restricted one). */
function levelOf(rule: Rule<'kubernetes'>): PssLevel {
  return rule.meta.references.some((reference) => reference.source === 'pss' && reference.note === 'baseline') ? 'baseline' : 'restricted';
}

export interface PssViolation {
  ruleId: string;
  level: PssLevel;
  span: Span;
}

const cache = new WeakMap<KubernetesModel, Array<PssViolation>>();

/**
 * Where a file's pods break a Pod Security Standards control, judged by stridelint's own PSS rules (run once
 * per model with their default options, whatever the configuration says about reporting them).
 */
function violationsOf(context: RuleContext<KubernetesModel>): PssViolation[] {
  let violations = cache.get(context.model);
  if (!violations) {
    const found: PssViolation[] = [];
    for (const rule of PSS_RULES) {
      const level = levelOf(rule);
      try {
        rule.check({ model: context.model, text: context.text, path: context.path, lines: context.lines, options: {}, workspace: context.workspace, report: (descriptor) => found.push({ ruleId: rule.meta.id, level, span: descriptor.span }) });
      } catch {
        // the rule's own run reports its failure; here it only judges nothing
      }
    }
    violations = found;
    cache.set(context.model, violations);
  }
  return violations;
}

/** The PSS violations of one pod at or below `enforced` (restricted includes baseline). */
export function podViolations(context: RuleContext<KubernetesModel>, pod: PodSpec, enforced: PssLevel): PssViolation[] {
  const within = nodeSpan(pod.manifest.node);
  return violationsOf(context).filter((violation) => violation.span.start >= within.start && violation.span.end <= within.end && (enforced === 'restricted' || violation.level === 'baseline'));
}
