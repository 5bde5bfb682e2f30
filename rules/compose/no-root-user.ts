import { defineRule } from '../engine/rule';
import { origin, textOf } from '../models/compose';
import { fixesOf } from '../models/compose-fixes';
import { replaceNode } from '../models/yaml-edit';

const ROOT = new Set(['0', 'root']);

export default defineRule({
  meta: {
    id: 'compose/no-root-user',
    kind: 'compose',
    title: 'Do not run services as root',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'suggest',
    description:
      '`user: "0"`, `"root"`, `"0:0"` or `"root:wheel"` run the service as UID 0: a bug in it runs with root\'s rights over its files, mounts and capabilities, and a container escape lands as root on the host. A root group alone (`"1000:0"`) grants group-root file access.',
    remediation: 'Run as an unprivileged user, e.g. `user: "10001:10001"`, and give that user the files it needs.',
    references: [
      { source: 'cis-docker', id: '4.1', version: '1.6.0' },
      { source: 'cis-docker', id: '5.24', version: '1.6.0' },
      { source: 'cis-docker', id: '5.23', version: '1.2.0' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    user: "0:0"\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    user: "10001:10001"\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      const value = service.get('user');
      const user = value && textOf(value.node)?.trim();
      if (!user) continue;
      const [name, group] = user.split(':');
      if (ROOT.has(name.toLowerCase())) {
        context.report({
          span: value!.span,
          message: `Service "${service.name}" runs as root (user "${user}")${origin(value)}, so a compromise has root's rights in the container.`,
          fixes: fixesOf('Run as user "10001:10001" (make sure it can read its files)', false, value!.inheritedFrom ? undefined : replaceNode(value!.node, '"10001:10001"')),
        });
      } else if (group !== undefined && ROOT.has(group.toLowerCase())) {
        context.report({ span: value!.span, severity: 'info', message: `Service "${service.name}" runs with the root group (user "${user}")${origin(value)}, so it can use files owned by group root.` });
      }
    }
  },
});
