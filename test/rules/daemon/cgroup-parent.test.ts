import rule from '../../../rules/daemon/cgroup-parent';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [{ code: '{\n  "icc": false\n}\n' }, { code: '{ "cgroup-parent": "" }' }],
  invalid: [
    {
      code: '{\n  "cgroup-parent": "/shared.slice"\n}\n',
      errors: [{ line: 2, column: 3, endColumn: 18, severity: 'info', message: '"cgroup-parent" puts every container under "/shared.slice", whose limits they then share; make sure that is deliberate.' }],
    },
  ],
});
