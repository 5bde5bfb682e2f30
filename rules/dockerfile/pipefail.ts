import { defineRule } from '../engine/rule';
import { isPosixShell } from '../models/dockerfile';
import { commandName, type ShellCommand } from '../models/shell';

/** `set -o pipefail`, `set -euo pipefail`, `set -eux -o pipefail`. */
function setsPipefail(command: ShellCommand): boolean {
  if (commandName(command.words[0]) !== 'set') return false;
  const words = command.words.map((word) => word.value);
  return words.some((word, index) => word === 'pipefail' && index > 1 && /^-[a-z]*o$/.test(words[index - 1]));
}

export default defineRule({
  meta: {
    id: 'dockerfile/pipefail',
    kind: 'dockerfile',
    title: 'Set pipefail before piping in RUN',
    stride: 'tampering',
    severity: 'info',
    fix: 'suggest',
    description:
      'A POSIX shell reports only the last command of a pipeline: in `curl … | tar x` a failed or truncated download still ends in a "successful" build step, so the image silently ships a broken or partial artefact.',
    remediation: 'On images with bash: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN; otherwise start the script with `set -o pipefail &&` where the shell supports it.',
    references: [
      { source: 'hadolint', id: 'DL4006' },
      { source: 'kics', id: 'efbf148a-67e9-42d2-ac47-02fa1c0d0b22', note: 'Shell Running A Pipe Without Pipefail Flag' },
    ],
    examples: {
      invalid: [{ code: 'FROM debian:12\nRUN curl -fsSL https://example.com/app.tgz | tar -xz -C /opt\n' }],
      valid: [{ code: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/app.tgz | tar -xz -C /opt\n' }],
    },
  },
  check(context) {
    for (const run of context.model.runs) {
      if (run.form !== 'shell' || run.stage?.windows || !isPosixShell(run.shell) || run.shell.includes('pipefail')) continue;
      const commands = run.commands;
      const pipe = commands.findIndex((command, index) => command.before === '|' && !commands.slice(0, index).some(setsPipefail));
      if (pipe < 1) continue;
      const canPrefix = !run.heredoc && commands[0].span.start === run.scriptStart;
      context.report({
        span: { start: commands[pipe - 1].span.start, end: commands[pipe].span.end },
        message: `This RUN pipes "${commandName(commands[pipe - 1].words[0])}" into "${commandName(commands[pipe].words[0])}" without pipefail, so a failure on the left of the pipe does not fail the build.`,
        fixes: canPrefix ? [{ title: 'Start the RUN with `set -o pipefail &&`', safe: false, edits: [{ start: run.scriptStart, end: run.scriptStart, newText: 'set -o pipefail && ' }] }] : [],
      });
    }
  },
});
