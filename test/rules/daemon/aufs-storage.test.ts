import rule from '../../../rules/daemon/aufs-storage';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [{ code: '{\n  "storage-driver": "overlay2"\n}\n' }, { code: '{}' }, { code: '{ "storage-driver": "zfs" }' }, { name: 'no Linux driver is suggested to a Windows daemon', code: '{ "hosts": ["npipe://"], "storage-driver": "aufs" }' }],
  invalid: [
    {
      code: '{\n  "storage-driver": "aufs"\n}\n',
      errors: [{ line: 2, column: 21, endColumn: 27, message: 'Storage driver "aufs" is unmaintained and was removed in Engine 24.0, so a current dockerd cannot load its storage.', severity: 'warning' }],
      output: '{\n  "storage-driver": "overlay2"\n}\n',
    },
    {
      code: '{ "storage-driver": "devicemapper", "storage-opts": ["dm.thinpooldev=/dev/mapper/thin-pool"] }',
      errors: [{ line: 1, column: 21, message: /removed in Engine 25\.0/ }],
      output: '{ "storage-driver": "overlay2", "storage-opts": ["dm.thinpooldev=/dev/mapper/thin-pool"] }',
    },
    { code: '{ "storage-driver": "overlay" }', errors: [{ line: 1, column: 21 }], output: '{ "storage-driver": "overlay2" }' },
  ],
});
