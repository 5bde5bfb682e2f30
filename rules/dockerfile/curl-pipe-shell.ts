import { defineRule } from '../engine/rule';
import { effectiveCommand } from '../models/shell';

const DOWNLOADERS = new Set(['curl', 'wget']);
const INTERPRETERS = /^(sh|bash|ash|dash|zsh|ksh|python[0-9.]*|perl|ruby|node|php)$/;

export default defineRule({
  meta: {
    id: 'dockerfile/curl-pipe-shell',
    kind: 'dockerfile',
    title: 'Do not pipe downloads into a shell',
    stride: 'tampering',
    severity: 'warning',
    fix: 'none',
    description:
      '`curl … | sh` runs whatever the server sends at build time, unreviewed and unverified; a compromised server, CDN or DNS entry, or a truncated download, runs as root in your build. The same goes for `sh -c "$(curl …)"` and pipes into python, perl, ruby or node.',
    remediation: 'Download to a file, verify a pinned checksum or signature, then run it: `RUN curl -fsSLo install.sh https://… && echo "<sha256>  install.sh" | sha256sum -c - && sh install.sh`.',
    references: [
      { source: 'cis-docker', id: '4.11', version: '1.6.0' },
      { source: 'cis-docker', id: '4.12', version: '1.6.0' },
    ],
    examples: {
      invalid: [{ code: 'FROM debian:12\nRUN curl -fsSL https://get.example.com/install.sh | bash -s -- --yes\n' }],
      valid: [{ code: 'FROM debian:12\nRUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \\\n && echo "6b1d2e0d1c0f9a3b7e5d4c3b2a1908f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh\n' }],
    },
  },
  check(context) {
    for (const run of context.model.runs) {
      const commands = run.commands;
      commands.forEach((command, index) => {
        const current = effectiveCommand(command);
        if (INTERPRETERS.test(current.name) && current.args.some((word) => /\$\(\s*(curl|wget)\b|<\(\s*(curl|wget)\b|`\s*(curl|wget)\b/.test(word.value))) {
          context.report({ span: command.span, message: `${current.name} runs a script straight from a download, so whoever controls that server controls the build.` });
          return;
        }
        if (!DOWNLOADERS.has(current.name)) return;
        for (let next = index + 1; next < commands.length && commands[next].before === '|'; next++) {
          const target = effectiveCommand(commands[next]);
          if (!INTERPRETERS.test(target.name)) continue;
          context.report({
            span: { start: command.span.start, end: commands[next].span.end },
            message: `${current.name} output is piped into ${target.name}, so whatever the server sends runs unverified in the build.`,
          });
          return;
        }
      });
    }
  },
});
