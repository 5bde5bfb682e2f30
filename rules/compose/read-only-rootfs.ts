import { defineRule } from '../engine/rule';
import { booleanOf, origin } from '../models/compose';
import { addToService, fixesOf } from '../models/compose-fixes';
import { replaceNode } from '../models/yaml-scalar';

export default defineRule({
  meta: {
    id: 'compose/read-only-rootfs',
    kind: 'compose',
    title: 'Run with a read-only root file system',
    stride: 'tampering',
    severity: 'info',
    fix: 'suggest',
    description:
      'With a writable root file system an attacker who gets code execution can replace binaries, drop tools and persist in the container. `read_only: true` makes the image immutable at run time; writable paths are then explicit (`tmpfs`, volumes).',
    remediation: 'Set `read_only: true` and give the service `tmpfs: [/tmp, /run]` or volumes for the paths it must write.',
    references: [
      { source: 'cis-docker', id: '5.13', version: '1.6.0' },
      { source: 'cis-docker', id: '5.12', version: '1.2.0' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    read_only: true\n    tmpfs: [/tmp]\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      if (!service.map) continue;
      const value = service.get('read_only');
      const setting = booleanOf(value);
      if (setting === true || (value && setting === undefined)) continue;
      const title = 'Set `read_only: true` (writable paths may need `tmpfs`)';
      if (value) {
        context.report({ span: value.span, message: `Service "${service.name}" has a writable root file system${origin(value)}, so an intruder can change its binaries.`, fixes: () => fixesOf(title, false, value.inheritedFrom ? undefined : replaceNode(value.node, 'true')) });
        continue;
      }
      context.report({
        span: service.keySpan,
        message: `Service "${service.name}" has a writable root file system (no \`read_only: true\` in this file), so an intruder can change its binaries.`,
        fixes: () => fixesOf(title, false, addToService(context.text, service, 'read_only', 'true')),
      });
    }
  },
});
