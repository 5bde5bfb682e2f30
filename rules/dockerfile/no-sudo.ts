import { defineRule } from '../engine/rule';
import { commandName, type ShellWord } from '../models/shell';

/** Wrappers after which `sudo` is still the command that runs. */
const RUNS_NEXT = new Set(['env', 'xargs', 'exec', 'nohup', 'command']);

/** The `sudo` that runs as a command (first, or after a wrapper), if any. */
function sudoWord(words: readonly ShellWord[]): ShellWord | undefined {
  for (let index = 0; index < words.length; index++) {
    if (commandName(words[index]) === 'sudo' && (index === 0 || RUNS_NEXT.has(commandName(words[index - 1])))) return words[index];
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'dockerfile/no-sudo',
    kind: 'dockerfile',
    title: 'Do not use sudo in RUN',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'none',
    description:
      '`sudo` in a Dockerfile means the image ships sudo and a sudoers policy, so an unprivileged user in the running container has a path back to root; its TTY and signal handling is also unpredictable in builds.',
    remediation: 'Run root steps before switching `USER`, then switch once; to drop privileges at run time use `gosu` or `su-exec` in the entrypoint.',
    references: [
      { source: 'hadolint', id: 'DL3004' },
      { source: 'checkov', id: 'CKV2_DOCKER_1' },
      { source: 'kics', id: 'Run Using Sudo' },
      { source: 'trivy', id: 'DS010' },
    ],
    examples: {
      invalid: [{ code: 'FROM ubuntu:24.04\nUSER 10001\nRUN sudo apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10\n' }],
      valid: [{ code: 'FROM ubuntu:24.04\nRUN apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10\nUSER 10001\n' }],
    },
  },
  check(context) {
    for (const run of context.model.runs) {
      for (const command of run.commands) {
        const sudo = sudoWord(command.words);
        if (!sudo) continue;
        context.report({ span: sudo.span, message: 'sudo in a RUN means the image ships sudo, so an unprivileged user in the container keeps a path back to root.' });
      }
    }
  },
});
