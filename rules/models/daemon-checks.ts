import type { RuleContext } from '../engine/rule';
import type { Reference, ReportDescriptor } from '../engine/types';
import { absentKeySpan, nodeSpan, type DaemonModel } from './daemon';
import { setKeyFix } from './daemon-edit';

/**
 * The CIS Docker Benchmark id of a daemon check in both numberings people quote: v1.6.0 (docker-bench
 * 1.6.1+, and CIS 1.3.1+ for section 2) and v1.2.0 (docker-bench 1.3.5, the seed's numbers).
 */
export function cisDocker(current: string, legacy: string, note?: string): Reference[] {
  return [
    { source: 'cis-docker', id: current, version: '1.6.0', ...(note ? { note } : {}) },
    { source: 'cis-docker', id: legacy, version: '1.2.0', ...(note ? { note } : {}) },
  ];
}

export interface BooleanSetting {
  key: string;
  /** The value the check wants. */
  secure: boolean;
  /** The key is invalid on Windows: never suggest it when the file shows a Windows daemon. */
  linuxOnly: boolean;
  /** Message when the key is not in the file (it may still be a dockerd flag). */
  absent: string;
  /** Message when the key holds the other boolean. */
  insecure: string;
  fixTitle: string;
  safe: boolean;
}

/**
 * The shape of most CIS daemon checks: a boolean key that is insecure when absent (dockerd's default) or
 * set the other way. An absent key is reported on the top-level object's opening brace; a value of the
 * wrong JSON type is left to daemon/unknown-key.
 */
export function checkBooleanSetting(context: RuleContext<DaemonModel>, setting: BooleanSetting): void {
  const { model } = context;
  if (setting.linuxOnly && model.windows) return;
  // Built when a finding's fixes are read (a scan reads none): the edit parses the file again.
  const fixes = () => setKeyFix(model, setting.key, setting.secure, setting.fixTitle, setting.safe);
  const member = model.members.get(setting.key);
  if (member) {
    if (member.value.type === 'boolean' && member.value.value !== setting.secure) context.report({ span: nodeSpan(member.value), message: setting.insecure, fixes });
    return;
  }
  if (model.object || !model.root) reportAbsent(context, setting.key, setting.absent, fixes);
}

/**
 * Reports a key that the file does not set, on the top-level object's opening brace (offset 0 in an empty
 * file); nothing when the top level is not an object, which daemon/unknown-key reports, and nothing when a
 * dockerd flag in the workspace sets it (the rule judges that flag where it is written).
 */
export function reportAbsent(context: RuleContext<DaemonModel>, key: string, message: string, fixes?: ReportDescriptor['fixes']): void {
  if (context.workspace.daemonFlagKeys?.[key] !== undefined) return;
  const span = absentKeySpan(context.model);
  if (span) context.report({ span, message, ...(fixes ? { fixes } : {}) });
}
