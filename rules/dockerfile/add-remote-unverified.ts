import { defineRule } from '../engine/rule';
import { copySources, instructionFlags } from '../models/dockerfile';

const REMOTE = /^(?:https?:\/\/|git@|ssh:\/\/|git:\/\/)/i;

export default defineRule({
  meta: {
    id: 'dockerfile/add-remote-unverified',
    kind: 'dockerfile',
    title: 'Verify what ADD downloads',
    stride: 'tampering',
    severity: 'warning',
    fix: 'none',
    description:
      '`ADD <url>` and `ADD <git repository>` fetch content at build time and put it in the image unchecked. Whoever controls the server, the DNS or the network path decides what ends up in your image.',
    remediation:
      'Pin the content: `ADD --checksum=sha256:<digest> <url> <dest>` (Dockerfile syntax 1.6+; for Git, a commit with `--checksum=<commit>`), or download in a RUN and verify: `RUN curl -fsSLo f <url> && echo "<sha256>  f" | sha256sum -c -`.',
    references: [
      { source: 'cis-docker', id: '4.9', version: '1.6.0' },
      { source: 'cis-docker', id: '4.11', version: '1.6.0' },
      { source: 'kics', id: 'Curl or Wget Instead of Add' },
    ],
    examples: {
      invalid: [{ code: 'FROM alpine:3.20\nADD https://example.com/tool-1.2.tar.gz /opt/\n' }],
      valid: [{ code: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool-1.2.tar.gz /opt/\n' }],
    },
  },
  check(context) {
    for (const instruction of context.model.ast.getInstructions()) {
      if (instruction.getKeyword() !== 'ADD') continue;
      if (instructionFlags(instruction).some((flag) => flag.name === 'checksum' && flag.value !== '')) continue;
      for (const { value: source, span } of copySources(instruction, context.lines)) {
        if (!REMOTE.test(source)) continue;
        context.report({
          span,
          message: `ADD fetches "${source}" without --checksum, so whoever controls that server or the network path decides what lands in the image.`,
        });
      }
    }
  },
});
