import { defineRule } from '../engine/rule';
import { addUserEdit, effectiveUser, instructionSpan } from '../models/dockerfile';

export default defineRule({
  meta: {
    id: 'dockerfile/missing-user',
    kind: 'dockerfile',
    title: 'Set a non-root USER in the final stage',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'suggest',
    description:
      'Without a USER instruction the container runs as the base image’s user, which is root for almost every image (and always for `FROM scratch`). A process running as root inside the container turns any code-execution bug into root on the container’s file system and one kernel bug away from root on the host.',
    remediation:
      'Create an unprivileged user and switch to it before `CMD`/`ENTRYPOINT`: `RUN groupadd -r -g 10001 app && useradd -r -u 10001 -g app app` (Alpine: `addgroup -S -g 10001 app && adduser -S -u 10001 -G app app`), then `USER 10001:10001`. A numeric UID needs no passwd entry and lets Kubernetes verify `runAsNonRoot`.',
    references: [
      { source: 'cis-docker', id: '4.1', version: '1.6.0' },
      { source: 'checkov', id: 'CKV_DOCKER_3' },
      { source: 'kics', id: 'fd54f200-402c-4333-a5a4-36ef6709af2f', note: 'Missing User Instruction' },
      { source: 'trivy', id: 'DS002' },
    ],
    examples: {
      invalid: [{ code: 'FROM node:20-alpine\nCOPY . /app\nCMD ["node", "/app/server.js"]\n' }],
      valid: [{ code: 'FROM golang:1.23 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n' }],
    },
  },
  check(context) {
    const stage = context.model.finalStage;
    if (!stage || stage.windows) return;
    const user = effectiveUser(stage);
    if (user.source === 'set') return;
    const image = stage.image?.raw ?? 'the base image';
    const message =
      user.source === 'scratch'
        ? 'The final stage is built FROM scratch without a USER, so the container runs as root (uid 0).'
        : `The final stage sets no USER in this Dockerfile, so the container runs as whatever "${image}" sets, which is root for most images.`;
    context.report({
      span: instructionSpan(context.lines, stage.from),
      message,
      fixes: () => [{ title: 'Add `USER 10001:10001` after the last build step', safe: false, edits: [addUserEdit(stage, context.lines)] }],
    });
  },
});
