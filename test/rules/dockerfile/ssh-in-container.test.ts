import rule from '../../../rules/dockerfile/ssh-in-container';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM ubuntu:24.04\nEXPOSE 8080 2222 22/udp\nRUN apt-get install -y openssh-client\nCMD ["/app/server"]\n' },
  ],
  invalid: [
    {
      code: 'FROM busybox:1.36\nEXPOSE 8080 22\n',
      errors: [{ line: 2, column: 13, endColumn: 15, message: 'EXPOSE 22 publishes an SSH port, a login path that bypasses the orchestrator’s access control and audit.' }],
    },
    {
      name: 'installing a server and starting sshd, across continuations',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    openssh \\\n    git\nEXPOSE 22/tcp\nCMD ["/usr/sbin/sshd", "-D"]\n',
      errors: [{ line: 3, column: 5, message: 'Installing "openssh" puts an SSH server in the image, a login path that bypasses the orchestrator’s access control and audit.' }, { line: 5, column: 8 }, { line: 6, column: 6, message: 'CMD starts an SSH daemon, a login path that bypasses the orchestrator’s access control and audit.' }],
    },
  ],
});
