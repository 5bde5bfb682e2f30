import rule from '../../../rules/daemon/dm-basesize';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [{ code: '{\n  "storage-opts": ["overlay2.size=10G"]\n}\n' }, { code: '{}' }],
  invalid: [
    {
      code: '{\n  "storage-driver": "devicemapper",\n  "storage-opts": [\n    "dm.thinpooldev=/dev/mapper/thin-pool",\n    "dm.basesize=50G"\n  ]\n}\n',
      errors: [{ line: 5, column: 5, endColumn: 22, severity: 'info', message: '"dm.basesize=50G" raises every container\'s base device size, so one container can fill the storage pool.' }],
    },
  ],
});
