import { defineRule } from '../engine/rule';
import { booleanOf, itemsOf, origin, textOf } from '../models/compose';
import { fixesOf, removeField } from '../models/compose-fixes';

export default defineRule({
  meta: {
    id: 'compose/no-privileged',
    kind: 'compose',
    title: 'Do not run services privileged',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'suggest',
    description:
      'A privileged container gets every capability, every host device and no seccomp, AppArmor or SELinux confinement: root in it is root on the host. `build.privileged` and the `security.insecure` build entitlement give the same power to build steps.',
    remediation: 'Remove `privileged: true` and grant only the capabilities the service needs with `cap_add`; drop `security.insecure` from `build.entitlements`.',
    references: [
      { source: 'cis-docker', id: '5.5', version: '1.6.0' },
      { source: 'cis-docker', id: '5.4', version: '1.2.0' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n' }],
      valid: [{ code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE]\n' }],
    },
  },
  check(context) {
    const { document } = context.model;
    for (const service of context.model.services) {
      const privileged = service.get('privileged');
      if (booleanOf(privileged) === true) {
        context.report({
          span: privileged!.span,
          message: `Service "${service.name}" runs privileged${origin(privileged)}, so a compromise of the container is root on the host.`,
          fixes: fixesOf('Remove `privileged: true` (grant single capabilities instead)', false, removeField(context.text, privileged!)),
        });
      }
      const buildPrivileged = service.get('build', 'privileged');
      if (booleanOf(buildPrivileged) === true) {
        context.report({ span: buildPrivileged!.span, message: `Service "${service.name}" builds with \`build.privileged\`${origin(buildPrivileged)}, so build steps run as root on the build host.` });
      }
      const entitlements = service.get('build', 'entitlements');
      for (const item of itemsOf(document, entitlements)) {
        if (textOf(item.node)?.trim() !== 'security.insecure') continue;
        context.report({ span: item.span, message: `Service "${service.name}" grants the \`security.insecure\` build entitlement${origin(entitlements)}, so build steps run privileged.` });
      }
    }
  },
});
