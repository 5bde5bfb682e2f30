import { defineRule } from '../engine/rule';
import { nodeSpan, stringItems } from '../models/daemon';
import { cisDocker } from '../models/daemon-checks';

export default defineRule({
  meta: {
    id: 'daemon/dm-basesize',
    kind: 'daemon',
    title: 'Keep the default base device size',
    stride: 'denial-of-service',
    severity: 'info',
    fix: 'none',
    description:
      '`dm.basesize` in `storage-opts` raises the size every container\'s root file system may grow to (devicemapper), so one container can fill the host\'s storage pool. The devicemapper driver itself was removed in Engine 25.0.',
    remediation: 'Remove the `dm.basesize` option unless a bigger base size is really needed; limit container disk use per container instead.',
    references: cisDocker('2.11', '2.10'),
    examples: {
      invalid: [{ code: '{\n  "storage-opts": ["dm.basesize=50G"]\n}\n' }],
      valid: [{ code: '{\n  "storage-opts": ["overlay2.size=10G"]\n}\n' }],
    },
  },
  check(context) {
    for (const option of stringItems(context.model, 'storage-opts')) {
      if (!/^\s*dm\.basesize\s*=/i.test(option.value)) continue;
      context.report({ span: nodeSpan(option.node), message: `"${option.value}" raises every container's base device size, so one container can fill the storage pool.` });
    }
  },
});
