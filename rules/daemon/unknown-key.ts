import { closest } from '../engine/config';
import { defineRule, type RuleContext } from '../engine/rule';
import type { FixSpec } from '../engine/types';
import { nodeSpan, objectMembers, valueOf, type DaemonModel } from '../models/daemon';
import { DaemonEdit } from '../models/daemon-edit';
import { acceptsValue, DAEMON_KEYS, IGNORED_KEYS, keyAvailability, parseEngineVersion, REMOVED_KEYS, schemaProblems, type SchemaProblem } from '../models/daemon-schema';

const REFUSES = 'so dockerd refuses to start';

export default defineRule({
  meta: {
    id: 'daemon/unknown-key',
    kind: 'daemon',
    title: 'daemon.json must hold only keys and values dockerd accepts',
    stride: 'denial-of-service',
    severity: 'error',
    fix: 'fix',
    description:
      'dockerd refuses to start on a key it does not know ("the following directives don\'t match any configuration option"), on a value of the wrong JSON type (a number in `log-opts`, a string for a boolean) and on a removed key (`graph`, `cluster-store`); a key that is not valid for a Windows daemon fails there the same way. Those are errors, checked against `rules/schemas/daemon.schema.json`. Keys dockerd accepts but never reads (`log-opt`, `label`, top-level `http-proxy`, an object of valid keys under an unknown name, which dockerd flattens before checking) and keys repeated in one object (the last one wins) are warnings: the file says something the daemon does not do. Keys are case-sensitive. With the option `engineVersion` (`rules: { daemon/unknown-key: { options: { engineVersion: "24.0" } } }` in `.stridelint.yaml`) keys newer or older than that Engine are errors too, and keys removed later are accepted.',
    remediation: 'Rename the key to the one dockerd reads (the quick fix offers the closest valid key: `log-opt` → `log-opts`, `graph` → `data-root`, `http-proxy` → `proxies.http-proxy`), give the value its JSON type, or remove the key. Validate with `dockerd --validate --config-file /etc/docker/daemon.json`.',
    references: [{ source: 'docs', id: 'daemon-configuration-file', note: 'dockerd reference: Daemon configuration file' }],
    examples: {
      invalid: [{ code: '{\n  "no-new-privilege": true,\n  "log-opts": { "max-file": 3 }\n}\n' }, { code: '{\n  "log-opt": { "max-size": "10m" }\n}\n' }],
      valid: [{ code: '{\n  "no-new-privileges": true,\n  "log-opts": { "max-file": "3" }\n}\n' }],
    },
  },
  check(context) {
    const { model } = context;
    for (const duplicate of model.duplicates) {
      context.report({
        span: nodeSpan(duplicate.keyNode),
        severity: 'warning',
        message: `Key "${duplicate.key}" appears again later in the same object, so dockerd ignores this value and uses the last one.`,
        fixes: new DaemonEdit(model).removeOriginal(duplicate.property.parent!, duplicate.property).fix(`Remove this overridden "${duplicate.key}"`, true),
      });
    }
    const engine = typeof context.options.engineVersion === 'string' ? parseEngineVersion(context.options.engineVersion) : undefined;
    const removedKnown = (key: string) => engine !== undefined && REMOVED_KEYS[key] !== undefined && keyAvailability(key, engine).state === 'ok';
    for (const problem of schemaProblems(model)) if (!(problem.path.length === 1 && removedKnown(String(problem.path[0])))) reportProblem(context, problem);
    for (const member of model.members.values()) {
      const span = nodeSpan(member.keyNode);
      if (model.windows && DAEMON_KEYS[member.key]?.['x-platform']?.includes('windows') === false) {
        context.report({ span, message: `"${member.key}" is not valid for a Windows daemon, ${REFUSES}.`, fixes: removeFix(model, [member.key], false) });
        continue;
      }
      const available = engine && DAEMON_KEYS[member.key] ? keyAvailability(member.key, engine) : undefined;
      if (!available || available.state === 'ok') continue;
      const when = available.state === 'newer' ? `needs Engine ${available.version} or later` : `was removed in Engine ${available.version}`;
      context.report({ span, message: `"${member.key}" ${when}, and the configured engineVersion is ${String(context.options.engineVersion)}, ${REFUSES}.`, fixes: removeFix(model, [member.key], false) });
    }
  },
});

function removeFix(model: DaemonModel, path: Array<string | number>, safe: boolean): FixSpec[] {
  return new DaemonEdit(model).remove(path).fix(`Remove "${path[path.length - 1]}"`, safe);
}

function reportProblem(context: RuleContext<DaemonModel>, problem: SchemaProblem): void {
  const { model } = context;
  const span = nodeSpan(problem.node);
  const name = problem.path.join('.') || '(top level)';
  const key = String(problem.path[problem.path.length - 1] ?? '');
  if (problem.keyword === 'additionalProperties') {
    const topLevel = problem.path.length === 1;
    const ignored = topLevel ? IGNORED_KEYS[key] : undefined;
    if (ignored !== undefined) {
      const [parent, child] = ignored.split('.');
      const value = valueOf(model.members.get(key)?.value);
      const taken = ignored !== '' && model.members.has(parent) && (!child || valueOf(model.members.get(parent)?.value) instanceof Object && child in (valueOf(model.members.get(parent)!.value) as object));
      const fits = ignored !== '' && acceptsValue(ignored.split('.'), value);
      const edit = new DaemonEdit(model);
      const move = fits && !taken;
      if (!move) edit.remove([key]);
      else if (child) edit.remove([key]).set([parent, child], value);
      else edit.rename([key], parent);
      const hint = ignored === '' ? 'it is a command-line flag only' : `did you mean "${ignored}"?`;
      // Renaming puts the setting into effect: safe only because it is what the file already says.
      context.report({ span, severity: 'warning', message: `dockerd accepts "${key}" but no setting reads it (${hint}), so it has no effect.`, fixes: edit.fix(move ? `Rename "${key}" to "${ignored}"` : `Remove "${key}"`, move || ignored === '' || taken) });
      return;
    }
    const removed = topLevel ? REMOVED_KEYS[key] : undefined;
    if (removed) {
      const fixes = removed.replacement && !model.members.has(removed.replacement) && acceptsValue([removed.replacement], valueOf(model.members.get(key)?.value)) ? new DaemonEdit(model).rename([key], removed.replacement).fix(`Rename "${key}" to "${removed.replacement}"`, true) : removeFix(model, [key], false);
      context.report({ span, message: `"${key}" was removed after Engine ${removed.lastVersion}${removed.replacement ? ` (use "${removed.replacement}")` : ''}, ${REFUSES} on current Engines.`, fixes });
      return;
    }
    const children = objectMembers(problem.node.parent?.children?.[1]);
    if (topLevel && children.length > 0 && children.every((child) => child.key in DAEMON_KEYS)) {
      // dockerd flattens object values before its unknown-key check, so this passes, then nothing reads it.
      context.report({ span, severity: 'warning', message: `dockerd accepts "${key}" because its members are valid keys, but no setting reads "${key}", so they have no effect at this depth.`, fixes: removeFix(model, [key], false) });
      return;
    }
    const suggestion = closest(key, problem.siblings);
    const siblingTaken = suggestion !== undefined && objectMembers(problem.node.parent?.parent).some((member) => member.key === suggestion);
    const renamable = suggestion !== undefined && !siblingTaken && acceptsValue([...problem.path.slice(0, -1), suggestion], valueOf(problem.node.parent?.children?.[1]));
    const fixes = [...(renamable && suggestion ? new DaemonEdit(model).rename(problem.path, suggestion).fix(`Rename "${key}" to "${suggestion}"`, false) : []), ...removeFix(model, problem.path, false)];
    const where = topLevel ? '' : ` under "${problem.path.slice(0, -1).join('.')}"`;
    context.report({ span, message: `Unknown key "${key}"${where}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}: dockerd refuses to start on directives it does not know.`, fixes });
    return;
  }
  if (problem.keyword === 'type') {
    const expected = String(problem.params.type);
    const actual = problem.node.type;
    const subject = problem.path.length === 0 ? 'The top level of daemon.json' : `"${name}"`;
    context.report({ span, message: `${subject} must be ${article(expected)} ${expected}, not ${article(actual)} ${actual}, ${REFUSES}.`, fixes: convertFix(model, problem, expected) });
    return;
  }
  if (problem.keyword === 'enum') {
    const allowed = (problem.params.allowedValues as string[]) ?? [];
    const suggestion = typeof problem.node.value === 'string' ? closest(problem.node.value, allowed) : undefined;
    const fixes = suggestion ? new DaemonEdit(model).set(problem.path, suggestion).fix(`Change to "${suggestion}"`, false) : [];
    context.report({ span, message: `"${name}" must be one of ${allowed.map((value) => `"${value}"`).join(', ')}, ${REFUSES}.`, fixes });
    return;
  }
  if (problem.keyword === 'pattern' && key === 'log-level') {
    context.report({ span, message: `"log-level" must be one of "debug", "info", "warn", "error", "fatal", ${REFUSES}.` });
    return;
  }
  context.report({ span, message: `"${name}" ${problem.message ?? 'is invalid'}, ${REFUSES}.` });
}

/** A value written as the wrong JSON type that clearly means one of the right type: `3` → `"3"`, `"true"` → `true`. */
function convertFix(model: DaemonModel, problem: SchemaProblem, expected: string): FixSpec[] {
  const value = problem.node.value;
  let converted: unknown;
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) converted = String(value);
  else if (expected === 'boolean' && (value === 'true' || value === 'false')) converted = value === 'true';
  else if (expected === 'integer' && typeof value === 'string' && /^\d+$/.test(value.trim())) converted = Number(value.trim());
  if (converted === undefined || problem.path.length === 0 || !acceptsValue(problem.path, converted)) return [];
  return new DaemonEdit(model).set(problem.path, converted).fix(`Write ${JSON.stringify(converted)} as ${article(expected)} ${expected}`, false);
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? 'an' : 'a';
}
