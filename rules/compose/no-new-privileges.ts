import { defineRule } from '../engine/rule';
import { origin, securityOptionsOf } from '../models/compose';
import { addToService, fixesOf } from '../models/compose-fixes';
import { appendSeqItem } from '../models/yaml-edit';
import { isSeq } from '../models/yaml-nodes';

export default defineRule({
  meta: {
    id: 'compose/no-new-privileges',
    kind: 'compose',
    title: 'Set no-new-privileges',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'suggest',
    description:
      'Without `no-new-privileges`, a process in the container can gain privileges through setuid and setgid binaries or file capabilities (for example `su`, `sudo`, `ping` on older images). The flag makes `execve` never grant more than the parent had.',
    remediation: 'Add `no-new-privileges:true` to `security_opt`, or set `"no-new-privileges": true` in the daemon\'s daemon.json for every container.',
    references: [
      { source: 'cis-docker', id: '5.26', version: '1.6.0' },
      { source: 'cis-docker', id: '5.25', version: '1.2.0' },
      { source: 'kics', id: '27fcc7d6-c49b-46e0-98f1-6c082a6a2750', note: 'No New Privileges Not Set' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    security_opt: [no-new-privileges:true]\n' }],
    },
  },
  check(context) {
    const daemonWide = context.workspace.daemonNoNewPrivileges === true;
    const severity = daemonWide ? 'info' : undefined;
    const because = daemonWide ? ' (the workspace daemon.json sets it for every container)' : '';
    for (const service of context.model.services) {
      if (!service.map) continue;
      const value = service.get('security_opt');
      if (value && !isSeq(value.node)) continue;
      const options = securityOptionsOf(context.model.document, value).filter((option) => option.key === 'no-new-privileges');
      const last = options[options.length - 1];
      if (last) {
        const setting = (last.value ?? 'true').toLowerCase();
        if (setting !== 'false') continue;
        context.report({ span: last.span, ...(severity ? { severity } : {}), message: `Service "${service.name}" turns no-new-privileges off${origin(value)}${because}, so setuid binaries can raise a process's privileges.` });
        continue;
      }
      const title = 'Add `no-new-privileges:true` to `security_opt`';
      const edit = () => (!value ? addToService(context.text, service, 'security_opt', '[no-new-privileges:true]') : value.inheritedFrom || !isSeq(value.node) ? undefined : appendSeqItem(context.text, value.node, 'no-new-privileges:true'));
      context.report({
        span: value ? value.span : service.keySpan,
        ...(severity ? { severity } : {}),
        message: `Service "${service.name}" does not set no-new-privileges${value ? origin(value) : ' in this file'}${because}, so setuid binaries can raise a process's privileges.`,
        fixes: () => fixesOf(title, false, edit()),
      });
    }
  },
});
