import { defineRule } from '../engine/rule';
import type { SpanEdit } from '../engine/types';
import { addUserEdit, effectiveUser, isRootUser } from '../models/dockerfile';

const BUILD_STEPS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR', 'ONBUILD']);

export default defineRule({
  meta: {
    id: 'dockerfile/no-root-user',
    kind: 'dockerfile',
    title: 'Do not run the final stage as root',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'suggest',
    description:
      'The last USER of the final stage is `root` or UID 0 (after resolving ARG/ENV defaults), so the shipped container runs as root. Any compromise of the process is then a compromise of root inside the container, with a short path to the host through kernel or runtime bugs. Builder stages running as root are normal and not reported.',
    remediation:
      'Do the root-only steps first, then switch to an unprivileged numeric user, e.g. `USER 10001:10001`, before `CMD`/`ENTRYPOINT`.',
    references: [
      { source: 'cis-docker', id: '4.1', version: '1.6.0' },
      { source: 'hadolint', id: 'DL3002' },
      { source: 'checkov', id: 'CKV_DOCKER_8' },
      { source: 'kics', id: '67fd0c4a-68cf-46d7-8c41-bc9fba7e40ae', note: "Last User Is 'root'" },
      { source: 'trivy', id: 'DS002' },
    ],
    examples: {
      invalid: [{ code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER root\nCMD ["curl", "--version"]\n' }],
      valid: [{ code: 'FROM debian:12 AS build\nUSER root\nRUN make\n\nFROM debian:12\nUSER 10001:10001\nCMD ["app"]\n' }],
    },
  },
  check(context) {
    const stage = context.model.finalStage;
    if (!stage || stage.windows) return;
    const user = effectiveUser(stage);
    if (user.source !== 'set' || !isRootUser(user.setting.user)) return;
    const setting = user.setting;
    const inherited = user.stage !== stage;
    const laterSteps = stage.instructions.some((instruction) => BUILD_STEPS.has(instruction.getKeyword()) && instruction.isAfter(setting.instruction));
    // Replacing the value is enough when nothing runs after it; otherwise keep it and add a USER after the last step.
    const edit: SpanEdit = !inherited && !laterSteps ? { ...setting.span, newText: '10001:10001' } : addUserEdit(stage, context.lines);
    context.report({
      span: setting.span,
      message: `The final stage runs as root ("USER ${setting.raw}"${inherited ? `, inherited from stage "${user.stage.alias ?? user.stage.index}"` : ''}), so a compromised process has root rights in the container.`,
      fixes: [{ title: 'Run as non-root user 10001:10001', safe: false, edits: [edit] }],
    });
  },
});
