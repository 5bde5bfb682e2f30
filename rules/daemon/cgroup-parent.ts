import { defineRule } from '../engine/rule';
import { nodeSpan } from '../models/daemon';
import { cisDocker } from '../models/daemon-checks';

export default defineRule({
  meta: {
    id: 'daemon/cgroup-parent',
    kind: 'daemon',
    title: 'Review a custom cgroup parent',
    stride: 'denial-of-service',
    severity: 'info',
    fix: 'none',
    description:
      '`cgroup-parent` moves every container under another cgroup, whose limits then apply to all of them together; a parent with loose limits (or one shared with host services) lets containers starve the host or each other. Keep it only when it is deliberate.',
    remediation: 'Remove `cgroup-parent` unless the parent cgroup and its limits were chosen on purpose (`--cgroup-parent`).',
    references: cisDocker('2.10', '2.9'),
    examples: {
      invalid: [{ code: '{\n  "cgroup-parent": "/shared.slice"\n}\n' }],
      valid: [{ code: '{\n  "icc": false\n}\n' }],
    },
  },
  check(context) {
    const member = context.model.members.get('cgroup-parent');
    if (!member || (member.value.type === 'string' && String(member.value.value).trim() === '')) return;
    context.report({ span: nodeSpan(member.keyNode), message: `"cgroup-parent" puts every container under ${JSON.stringify(member.value.value ?? '')}, whose limits they then share; make sure that is deliberate.` });
  },
});
