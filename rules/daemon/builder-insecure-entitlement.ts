import { defineRule } from '../engine/rule';
import { childMember, nodeSpan } from '../models/daemon';
import { DaemonEdit } from '../models/daemon-edit';

/** BuildKit entitlements and how much a build granted them can do to the host. */
const ENTITLEMENTS: Array<{ name: string; severity: 'warning' | 'info'; effect: string }> = [
  { name: 'security-insecure', severity: 'warning', effect: 'run build steps as privileged containers, which is root on this host' },
  { name: 'network-host', severity: 'info', effect: 'use the host\'s network namespace during the build' },
  { name: 'device', severity: 'info', effect: 'reach host devices during the build' },
];

export default defineRule({
  meta: {
    id: 'daemon/builder-insecure-entitlement',
    kind: 'daemon',
    title: 'Do not pre-approve privileged build entitlements',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'fix',
    description:
      '`builder.entitlements` pre-approves what a Dockerfile may ask for with `RUN --security=insecure` or `--network=host`. With `"security-insecure": true` any build can run privileged steps, which is root on the host (a warning); `"network-host": true` and `"device": true` widen what a build can reach (info). Members of `builder` match case-insensitively, as dockerd reads them (the `builder` key itself is case-sensitive).',
    remediation: 'Remove the entitlement (or set it to false) and grant it per build with `docker buildx build --allow security.insecure` where a trusted build needs it.',
    references: [{ source: 'docs', id: 'buildkit-entitlements', note: 'BuildKit entitlements (`--allow security.insecure`, `network.host`, `device`)' }],
    examples: {
      invalid: [{ code: '{\n  "builder": {\n    "entitlements": { "security-insecure": true }\n  }\n}\n' }],
      valid: [{ code: '{\n  "builder": {\n    "entitlements": { "security-insecure": false },\n    "gc": { "enabled": true }\n  }\n}\n' }],
    },
  },
  check(context) {
    const { model } = context;
    const builder = model.members.get('builder'); // the top-level key is case-sensitive, its members are not
    const entitlements = childMember(builder?.value, 'entitlements', true);
    if (!builder || !entitlements) return;
    for (const entitlement of ENTITLEMENTS) {
      const member = childMember(entitlements.value, entitlement.name, true);
      if (member?.value.type !== 'boolean' || member.value.value !== true) continue;
      context.report({
        span: nodeSpan(member.property),
        severity: entitlement.severity,
        message: `"${member.key}": true lets every build ${entitlement.effect}.`,
        fixes: new DaemonEdit(model).remove([builder.key, entitlements.key, member.key]).fix(`Remove the \`${member.key}\` entitlement`, true),
      });
    }
  },
});
