import { defineRule } from '../engine/rule';

export default defineRule({
  meta: {
    id: 'dockerfile/base-image-unpinned',
    kind: 'dockerfile',
    title: 'Pin the base image version',
    stride: 'tampering',
    severity: 'warning',
    fix: 'none',
    description:
      'A `FROM` without a tag, or with `latest`, pulls whatever the registry serves at build time: builds are not reproducible, a reviewed image can be replaced silently, and a compromised or broken upstream push flows straight into your image. Stage aliases, `scratch` and digest-pinned references are not reported. With the option `requireDigest: true`, a version tag without a `@sha256:` digest is reported too (tags can be moved).',
    remediation: 'Pin a version tag (`node:20.18-alpine3.20`), or better a digest (`node:20@sha256:…`) and let a bot such as Renovate or Dependabot propose updates.',
    references: [
      { source: 'cis-docker', id: '4.2', version: '1.6.0' },
      { source: 'cis-docker', id: '4.4', version: '1.6.0' },
      { source: 'cis-docker', id: '5.28', version: '1.6.0', note: '1.2.0: 5.27' },
      { source: 'hadolint', id: 'DL3006' },
      { source: 'hadolint', id: 'DL3007' },
      { source: 'checkov', id: 'CKV_DOCKER_7' },
      { source: 'kics', id: '9efb0b2d-89c9-41a3-91ca-dcc0aec911fd', note: 'Image Version Not Explicit' },
      { source: 'kics', id: "Image Version Using 'latest'" },
      { source: 'trivy', id: 'DS001' },
    ],
    examples: {
      invalid: [{ code: 'FROM ubuntu\nRUN echo hi\n' }, { code: 'FROM python:latest AS app\n' }],
      valid: [{ code: 'FROM golang:1.23 AS build\nFROM build AS test\nFROM scratch\nFROM nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a\n' }],
    },
  },
  check(context) {
    for (const stage of context.model.stages) {
      const image = stage.image;
      if (!image || image.scratch || stage.parent || image.digest || image.resolved === undefined) continue;
      const pinnedTag = image.tag !== undefined && image.tag !== 'latest';
      if (pinnedTag && context.options.requireDigest !== true) continue;
      const message = pinnedTag
        ? `The base image "${image.resolved}" is pinned by tag only, and a tag can be moved to a different image; pin a digest too.`
        : image.tag === undefined
          ? `The base image "${image.resolved}" has no tag, so it means "latest" and every build may pull a different image.`
          : `The base image "${image.resolved}" uses the "latest" tag, so every build may pull a different image.`;
      context.report({ span: image.span, message });
    }
  },
});
