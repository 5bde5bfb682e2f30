import { defineRule } from '../engine/rule';
import { effectiveUser, isRootUser, type DockerfileModel } from '../models/dockerfile';
import { effectiveCommand, type ShellWord } from '../models/shell';

/** The UID a `useradd -u N name` / `adduser -u N name` in this Dockerfile gives `name`, if any. */
function createdUid(model: DockerfileModel, name: string): string | undefined {
  for (const run of model.runs) {
    for (const command of run.commands) {
      const { name: tool, args } = effectiveCommand(command);
      if (tool !== 'useradd' && tool !== 'adduser') continue;
      const uid = optionValue(args, ['-u', '--uid']);
      const positional = args.filter((word, index) => !word.value.startsWith('-') && !(index > 0 && /^-[a-zA-Z]$|^--[a-z-]+$/.test(args[index - 1].value) && !/^-[DSr]$|^--(system|disabled-password|no-create-home)$/.test(args[index - 1].value)));
      if (uid && /^\d+$/.test(uid) && positional[positional.length - 1]?.value === name) return uid;
    }
  }
  return undefined;
}

function optionValue(args: readonly ShellWord[], names: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (names.includes(value)) return args[i + 1]?.value;
    const long = names.find((option) => option.startsWith('--') && value.startsWith(`${option}=`));
    if (long) return value.slice(long.length + 1);
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'dockerfile/user-not-numeric',
    kind: 'dockerfile',
    title: 'Use a numeric UID in the final USER',
    stride: 'elevation-of-privilege',
    severity: 'info',
    fix: 'suggest',
    description:
      'The final USER names a user instead of a UID. Kubernetes `runAsNonRoot: true` can only verify a numeric image user: with a name, the kubelet refuses to start the pod unless `runAsUser` is also set, and other runtimes cannot tell whether the name maps to UID 0.',
    remediation: 'Write the UID (and GID): `USER 10001:10001`. The user can keep its name in /etc/passwd.',
    references: [{ source: 'hadolint', id: 'DL3066' }],
    examples: {
      invalid: [{ code: 'FROM alpine:3.20\nRUN adduser -S -u 10001 app\nUSER app\nCMD ["app"]\n' }],
      valid: [{ code: 'FROM alpine:3.20\nRUN adduser -S -u 10001 app\nUSER 10001\nCMD ["app"]\n' }],
    },
  },
  check(context) {
    const stage = context.model.finalStage;
    if (!stage || stage.windows) return;
    const user = effectiveUser(stage);
    if (user.source !== 'set') return;
    const name = user.setting.user;
    if (name === undefined || /^\d+$/.test(name) || isRootUser(name)) return;
    const uid = createdUid(context.model, name);
    const group = user.setting.group;
    const replacement = uid ? `${uid}${group === undefined ? '' : `:${/^\d+$/.test(group) ? group : uid}`}` : undefined;
    context.report({
      span: user.setting.span,
      message: `The final USER "${name}" is a name, not a UID, so Kubernetes runAsNonRoot cannot verify that it is not root.`,
      fixes: replacement ? [{ title: `Use UID ${replacement} (the UID this Dockerfile creates for "${name}")`, safe: false, edits: [{ ...user.setting.span, newText: replacement }] }] : [],
    });
  },
});
