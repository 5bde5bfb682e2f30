import { defineRule } from '../engine/rule';
import { jsonStrings } from '../models/dockerfile';
import { isInstall, packageCommand } from '../models/shell';

const SSH_PACKAGES = /^(openssh-server|dropbear|openssh)([=<>~:-]\d.*)?$/;

export default defineRule({
  meta: {
    id: 'dockerfile/ssh-in-container',
    kind: 'dockerfile',
    title: 'Do not run an SSH server in the container',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'none',
    description:
      'An SSH daemon in a container (`EXPOSE 22`, installing `openssh-server` or `dropbear`, starting `sshd`) adds a network-facing login service with its own keys, users and patch cycle, and a way in that bypasses the orchestrator’s access control and audit trail.',
    remediation: 'Remove the SSH server; use `docker exec` or `kubectl exec` (which are authorised and audited) to get a shell, and ship debugging tools in a separate debug image.',
    references: [
      { source: 'cis-docker', id: '5.7', version: '1.6.0', note: '1.2.0: 5.6' },
      { source: 'checkov', id: 'CKV_DOCKER_1' },
      { source: 'kics', id: 'Exposing Port 22 (SSH)' },
      { source: 'trivy', id: 'DS004' },
      { source: 'hadolint', id: 'DL3001' },
    ],
    examples: {
      invalid: [{ code: 'FROM ubuntu:24.04\nRUN apt-get install -y --no-install-recommends openssh-server=1:9.6p1-3ubuntu13\nEXPOSE 22\nCMD ["/usr/sbin/sshd", "-D"]\n' }],
      valid: [{ code: 'FROM ubuntu:24.04\nEXPOSE 8080 2222/udp\nCMD ["/app/server"]\n' }],
    },
  },
  check(context) {
    const { model, lines } = context;
    for (const instruction of model.ast.getInstructions()) {
      const keyword = instruction.getKeyword();
      if (keyword === 'EXPOSE') {
        for (const argument of instruction.getArguments()) {
          if (!/^22(\/tcp)?$/i.test(argument.getValue())) continue;
          context.report({ span: lines.spanOf(argument.getRange()), message: 'EXPOSE 22 publishes an SSH port, a login path that bypasses the orchestrator’s access control and audit.' });
        }
      }
      if (keyword === 'CMD' || keyword === 'ENTRYPOINT') {
        const strings = jsonStrings(instruction, lines);
        const words = strings.length > 0 ? strings.map((entry) => ({ value: entry.value, span: entry.span })) : instruction.getArguments().map((argument) => ({ value: argument.getValue(), span: lines.spanOf(argument.getRange()) }));
        const sshd = words.find((word) => /(^|\/|\s)(sshd|dropbear)(\s|$)/.test(word.value));
        if (sshd) context.report({ span: sshd.span, message: `${keyword} starts an SSH daemon, a login path that bypasses the orchestrator’s access control and audit.` });
      }
    }
    for (const run of model.runs) {
      for (const command of run.commands) {
        const pkg = packageCommand(command);
        if (pkg && isInstall(pkg)) {
          for (const word of pkg.packages.filter((candidate) => SSH_PACKAGES.test(candidate.value))) {
            context.report({ span: word.span, message: `Installing "${word.value}" puts an SSH server in the image, a login path that bypasses the orchestrator’s access control and audit.` });
          }
        }
      }
    }
  },
});
