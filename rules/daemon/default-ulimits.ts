import { defineRule } from '../engine/rule';
import { nodeSpan, objectMembers } from '../models/daemon';
import { cisDocker, reportAbsent } from '../models/daemon-checks';
import { setKeyFix } from '../models/daemon-edit';

const EXAMPLE = { nofile: { Name: 'nofile', Hard: 64000, Soft: 64000 }, nproc: { Name: 'nproc', Hard: 4096, Soft: 2048 } };

export default defineRule({
  meta: {
    id: 'daemon/default-ulimits',
    kind: 'daemon',
    title: 'Set default ulimits for containers',
    stride: 'denial-of-service',
    severity: 'info',
    fix: 'suggest',
    description:
      'Without `default-ulimits` containers inherit the daemon\'s limits on open files and processes, so one container can exhaust them (a fork bomb, a descriptor leak) for every other container on the host. A finding about a key that is not set sits on the top-level object\'s opening brace (`--default-ulimit` on the command line is equivalent). Linux only: the key is invalid on Windows, so a file that shows a Windows daemon is not checked.',
    remediation: 'Set limits that fit your workloads, e.g. `"default-ulimits": {"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}, "nproc": {"Name": "nproc", "Hard": 4096, "Soft": 2048}}`; a container can still override them with `--ulimit`.',
    references: cisDocker('2.8', '2.7'),
    examples: {
      invalid: [{ code: '{\n  "default-ulimits": {}\n}\n' }],
      valid: [{ code: '{\n  "default-ulimits": {\n    "nofile": { "Name": "nofile", "Hard": 64000, "Soft": 64000 }\n  }\n}\n' }],
    },
  },
  check(context) {
    const { model } = context;
    if (model.windows) return;
    const member = model.members.get('default-ulimits');
    const fixes = () => setKeyFix(model, 'default-ulimits', EXAMPLE, 'Set `default-ulimits` for nofile and nproc', false);
    if (member) {
      if (member.value.type === 'object' && objectMembers(member.value).length === 0) {
        context.report({ span: nodeSpan(member.value), message: '"default-ulimits" is empty, so one container can exhaust the host\'s open files or processes.', fixes });
      }
      return;
    }
    reportAbsent(context, 'default-ulimits', '"default-ulimits" is not set in daemon.json (it may be set on the command line), so one container can exhaust the host\'s open files or processes.', fixes);
  },
});
