import { defineRule } from '../engine/rule';
import { effectiveCommand } from '../models/shell';

/** `u+s`, `g+s`, `+s`, `a+s`, `ug=rwxs`, or an octal mode whose leading digit sets 4 (setuid) or 2 (setgid). */
export function setsSpecialBits(mode: string): boolean {
  if (/^[0-7]{4,}$/.test(mode)) return (parseInt(mode[mode.length - 4], 8) & 6) !== 0;
  return mode.split(',').some((clause) => /^[ugoa]*[+=][rwxXt]*s/.test(clause));
}

export default defineRule({
  meta: {
    id: 'dockerfile/setuid-bits',
    kind: 'dockerfile',
    title: 'Do not add setuid or setgid bits',
    stride: 'elevation-of-privilege',
    severity: 'info',
    fix: 'none',
    description:
      'A setuid/setgid binary runs with its owner’s (usually root’s) rights whoever starts it. Adding one with `chmod u+s`, `g+s` or a 4xxx/2xxx/6xxx mode gives an attacker who lands as an unprivileged user a ready-made step to root.',
    remediation:
      'Drop the special bit, and grant a narrow capability instead where one is really needed. To strip inherited bits, add late in the final stage: `RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true`.',
    references: [{ source: 'cis-docker', id: '4.8', version: '1.6.0' }],
    examples: {
      invalid: [{ code: 'FROM alpine:3.20\nCOPY tool /usr/local/bin/tool\nRUN chmod 4755 /usr/local/bin/tool\n' }],
      valid: [{ code: 'FROM alpine:3.20\nCOPY tool /usr/local/bin/tool\nRUN chmod 0755 /usr/local/bin/tool && chmod a-s /usr/bin/*\n' }],
    },
  },
  check(context) {
    for (const run of context.model.runs) {
      if (run.stage?.windows) continue;
      for (const command of run.commands) {
        const { name, args } = effectiveCommand(command);
        if (name !== 'chmod') continue;
        const mode = args.find((word) => !/^-[A-Za-z]+$|^--/.test(word.value));
        if (!mode || !setsSpecialBits(mode.value)) continue;
        context.report({
          span: mode.span,
          message: `chmod ${mode.value} sets the setuid or setgid bit, which gives anyone who can run the file its owner’s rights.`,
        });
      }
    }
  },
});
