import type { RuleContext } from '../engine/rule';
import type { ComposeModel } from './compose';
import { fieldIs, origin, securityOptionsOf } from './compose-values';
import { fixesOf, removeField, removeItem } from './compose-fixes';

/**
 * The two check shapes several compose rules share: "a field is set to a bad value" (`pid: host`) and
 * "security_opt holds a bad entry" (`seccomp=unconfined`). Rules keep their own wording; the walking and
 * the removal fix live here once.
 */

/** `from` is empty or ` (inherited from …)`, to be placed right after the fact it qualifies. */
export type Describe = (service: string, from: string) => string;

/** Reports every service whose `field` reads as `expected`, with an optional removal fix. */
export function checkFieldValue(context: RuleContext<ComposeModel>, field: string, expected: string, message: Describe, fix?: { title: string; safe: boolean }): void {
  for (const service of context.model.services) {
    const value = fieldIs(service, [field], expected);
    if (!value) continue;
    context.report({ span: value.span, message: message(service.name, origin(value)), ...(fix ? { fixes: fixesOf(fix.title, fix.safe, removeField(context.text, value)) } : {}) });
  }
}

/** Reports `security_opt` entries `key=value` / `key:value` whose value is in `bad`, offering their removal (safe). */
export function checkSecurityOption(context: RuleContext<ComposeModel>, key: string, bad: readonly string[], message: (service: string, entry: string, from: string) => string, fixTitle: (entry: string) => string): void {
  for (const service of context.model.services) {
    const value = service.get('security_opt');
    for (const item of securityOptionsOf(context.model.document, value)) {
      if (item.key !== key || !bad.includes((item.value ?? '').toLowerCase())) continue;
      context.report({ span: item.span, message: message(service.name, item.raw, origin(value)), fixes: fixesOf(fixTitle(item.raw), true, removeItem(context.text, value!, item)) });
    }
  }
}
