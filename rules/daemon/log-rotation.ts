import { defineRule } from '../engine/rule';
import { absentKeySpan, childMember, nodeSpan, stringSetting } from '../models/daemon';
import { DaemonEdit } from '../models/daemon-edit';

export default defineRule({
  meta: {
    id: 'daemon/log-rotation',
    kind: 'daemon',
    title: 'Rotate json-file container logs',
    stride: 'denial-of-service',
    severity: 'warning',
    fix: 'suggest',
    description:
      'The default `json-file` log driver never rotates unless `log-opts` sets `max-size`: a chatty or hostile container grows its log until the host\'s disk is full. The finding sits on `log-opts`, else on `log-driver`, else (neither key set) on the top-level object\'s opening brace. `log-opts` values must be JSON strings (`"max-file": "3"`); a number there stops dockerd and is reported by daemon/unknown-key.',
    remediation: 'Add `"log-opts": {"max-size": "10m", "max-file": "3"}`, or use `"log-driver": "local"`, which rotates by default.',
    references: [{ source: 'docs', id: 'json-file', note: 'Docker docs: JSON File logging driver (max-size, max-file)' }],
    examples: {
      invalid: [{ code: '{\n  "log-driver": "json-file"\n}\n' }, { code: '{\n  "log-opts": { "max-file": "3" }\n}\n' }],
      valid: [{ code: '{\n  "log-opts": { "max-size": "10m", "max-file": "3" }\n}\n' }, { code: '{\n  "log-driver": "local"\n}\n' }],
    },
  },
  check(context) {
    const { model } = context;
    const driverMember = model.members.get('log-driver');
    const driver = driverMember ? stringSetting(model, 'log-driver') : 'json-file';
    if (driver?.trim().toLowerCase() !== 'json-file') return;
    const options = model.members.get('log-opts');
    if (options && (options.value.type !== 'object' || childMember(options.value, 'max-size'))) return;
    const flags = context.workspace.daemonFlagKeys;
    if (!options && !driverMember && (flags?.['log-opts'] ?? flags?.['log-driver']) !== undefined) return; // judged on the flags
    const span = options ? nodeSpan(options.keyNode) : driverMember ? nodeSpan(driverMember.value) : absentKeySpan(model);
    if (!span) return;
    const edit = new DaemonEdit(model);
    const addFile = !options || !childMember(options.value, 'max-file');
    if (!options) edit.set(['log-opts'], { 'max-size': '10m', 'max-file': '3' });
    else {
      edit.set(['log-opts', 'max-size'], '10m');
      if (addFile) edit.set(['log-opts', 'max-file'], '3');
    }
    context.report({
      span,
      message: 'Container logs use json-file without "max-size" in "log-opts", so they are never rotated and can fill the host\'s disk.',
      fixes: edit.fix(`Add \`"max-size": "10m"\`${addFile ? ' and `"max-file": "3"`' : ''} to \`log-opts\``, false),
    });
  },
});
