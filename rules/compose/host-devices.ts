import { isMap } from '../models/yaml-nodes';
import { defineRule } from '../engine/rule';
import { itemsOf, origin, textOf } from '../models/compose';
import { findPair } from '../models/yaml';

export default defineRule({
  meta: {
    id: 'compose/host-devices',
    kind: 'compose',
    title: 'Do not pass host devices into services',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'none',
    description:
      'Each entry in `devices` gives the container direct access to a host device node; with `m` (mknod) or a `device_cgroup_rules` entry for all devices (`a` or `*:*`), it can create and open any device, including raw disks.',
    remediation: 'Remove devices the service does not need; limit permissions to `r` or `rw` without `m`; never allow all devices in `device_cgroup_rules`.',
    references: [
      { source: 'cis-docker', id: '5.18', version: '1.6.0' },
      { source: 'cis-docker', id: '5.17', version: '1.2.0' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    devices:\n      - /dev/sda:/dev/sda\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n' }],
    },
  },
  check(context) {
    const { document } = context.model;
    for (const service of context.model.services) {
      const devices = service.get('devices');
      for (const item of itemsOf(document, devices)) {
        const source = isMap(item.node) ? textOf(findPair(item.node, 'source')?.value) : textOf(item.node)?.split(':')[0];
        context.report({ span: item.span, message: `Service "${service.name}" gets direct access to the host device ${source ?? '(unknown)'}${origin(devices)}.` });
      }
      const rules = service.get('device_cgroup_rules');
      for (const item of itemsOf(document, rules)) {
        const rule = textOf(item.node)?.trim();
        if (rule === undefined || !(/^a\b/.test(rule) || rule.includes('*:*'))) continue;
        context.report({ span: item.span, severity: 'error', message: `Service "${service.name}" allows access to every host device ("${rule}")${origin(rules)}, including raw disks.` });
      }
    }
  },
});
