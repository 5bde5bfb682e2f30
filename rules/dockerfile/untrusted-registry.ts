import { defineRule } from '../engine/rule';

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'hub.docker.com', 'registry.hub.docker.com']);

function normalise(entry: string): string {
  const trimmed = entry.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
  const [host, ...rest] = trimmed.split('/');
  return [DOCKER_HUB.has(host) ? 'docker.io' : host, ...rest].join('/');
}

export default defineRule({
  meta: {
    id: 'dockerfile/untrusted-registry',
    kind: 'dockerfile',
    title: 'Pull base images only from allowed registries',
    stride: 'tampering',
    severity: 'info',
    fix: 'none',
    enabledByDefault: false,
    description:
      'A base image from a registry your organisation does not control or vet can be replaced, typo-squatted or served by an attacker. This rule is off until configured: set `options.allowedRegistries` to the registries (or `registry/namespace` prefixes) you trust; unqualified names such as `node:20` come from Docker Hub (`docker.io`). When enabled without a list, only Docker Hub is allowed.',
    remediation: 'Mirror the image into an allowed registry and use that reference, or add the registry to `allowedRegistries` after vetting it.',
    references: [
      { source: 'cis-docker', id: '4.2', version: '1.6.0' },
      { source: 'hadolint', id: 'DL3026' },
    ],
    examples: {
      invalid: [{ code: 'FROM quay.io/someone/tool:1.2\n' }],
      valid: [{ code: 'FROM node:20-alpine\nFROM docker.io/library/python:3.12\n' }],
    },
  },
  check(context) {
    const configured = context.options.allowedRegistries;
    const allowed = (Array.isArray(configured) ? configured.filter((entry): entry is string => typeof entry === 'string') : ['docker.io']).map(normalise);
    for (const stage of context.model.stages) {
      const image = stage.image;
      if (!image || image.scratch || stage.parent || image.resolved === undefined || image.name === undefined) continue;
      const registry = normalise(image.registry ?? 'docker.io');
      const reference = `${registry}/${image.name.toLowerCase()}`;
      if (allowed.some((entry) => reference === entry || reference.startsWith(`${entry}/`))) continue;
      context.report({
        span: image.span,
        message: `The base image "${image.resolved}" comes from "${registry}", which is not in allowedRegistries, so its content is not vetted by your organisation.`,
      });
    }
  },
});
