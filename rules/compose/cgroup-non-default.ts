import { defineRule } from '../engine/rule';
import { fieldIs, origin, textOf } from '../models/compose';

export default defineRule({
  meta: {
    id: 'compose/cgroup-non-default',
    kind: 'compose',
    title: 'Keep the default cgroup setup',
    stride: 'denial-of-service',
    severity: 'info',
    fix: 'none',
    description:
      'A custom `cgroup_parent` moves the container out of the cgroup Docker manages, where host-wide limits may not apply; `cgroup: host` shares the host\'s cgroup namespace, so the container sees and may influence the host\'s cgroup tree.',
    remediation: 'Remove `cgroup_parent` unless the host\'s cgroup layout was designed for it, and remove `cgroup: host`.',
    references: [
      { source: 'cis-docker', id: '5.25', version: '1.6.0' },
      { source: 'cis-docker', id: '5.24', version: '1.2.0' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    cgroup: host\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    cgroup: private\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      const parent = service.get('cgroup_parent');
      const parentText = parent && textOf(parent.node);
      if (parentText) {
        context.report({ span: parent!.span, message: `Service "${service.name}" runs under the custom cgroup parent "${parentText}"${origin(parent)}, outside the limits Docker manages.` });
      }
      const host = fieldIs(service, ['cgroup'], 'host');
      if (host) context.report({ span: host.span, severity: 'warning', message: `Service "${service.name}" shares the host cgroup namespace${origin(host)}, so it sees the host's cgroup tree.` });
    }
  },
});
