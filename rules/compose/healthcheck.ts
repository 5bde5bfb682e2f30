import { isSeq } from '../models/yaml-nodes';
import { defineRule } from '../engine/rule';
import { booleanOf, origin, textOf } from '../models/compose';
import { builtImage, inDockerfile } from './built-image';

export default defineRule({
  meta: {
    id: 'compose/healthcheck',
    kind: 'compose',
    title: 'Do not disable health checks',
    stride: 'denial-of-service',
    severity: 'info',
    fix: 'none',
    description:
      'A health check lets Docker, `depends_on: condition: service_healthy` and orchestrators notice a hung service. `healthcheck.disable: true` or `test: NONE` switch off the image\'s own check. A missing `healthcheck:` is reported only when the service builds its image and the workspace has its Dockerfile: when the shipped stage (or `target`) has no HEALTHCHECK, or `HEALTHCHECK NONE`, nothing checks the service (the Dockerfile line is related information). An image pulled by name, or a Dockerfile outside the workspace, may define one: unknown, not reported.',
    remediation: 'Remove `disable: true` / `NONE` and give the service a `healthcheck.test` that exercises it (e.g. `["CMD", "wget", "-qO-", "http://localhost:8080/health"]`).',
    references: [
      { source: 'cis-docker', id: '5.27', version: '1.6.0' },
      { source: 'cis-docker', id: '5.26', version: '1.2.0' },
      { source: 'kics', id: '698ed579-b239-4f8f-a388-baa4bcb13ef8', note: 'Healthcheck Not Set' },
    ],
    examples: {
      invalid: [
        { code: 'services:\n  app:\n    image: busybox:1.36\n    healthcheck:\n      disable: true\n' },
        { code: 'services:\n  api:\n    build: ./api\n', files: { 'api/Dockerfile': 'FROM alpine:3.20\nUSER 10001\n' } },
      ],
      valid: [
        { code: 'services:\n  app:\n    image: busybox:1.36\n    healthcheck:\n      test: ["CMD", "true"]\n' },
        { code: 'services:\n  api:\n    build: ./api\n', files: { 'api/Dockerfile': 'FROM alpine:3.20\nHEALTHCHECK CMD wget -qO- http://localhost:8080/health || exit 1\n' } },
      ],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      const disable = service.get('healthcheck', 'disable');
      if (booleanOf(disable) === true) {
        context.report({ span: disable!.span, message: `Service "${service.name}" disables its health check${origin(disable)}, so a hung service is never noticed.` });
        continue;
      }
      if (!service.get('healthcheck')) {
        const image = builtImage(context, service);
        const check = image?.stage.healthcheck;
        if (image && (!check || check.none)) {
          context.report({
            span: service.get('build')!.span,
            message: `Service "${service.name}" has no health check: it sets no \`healthcheck:\` and its image (${image.shown}) ${check ? 'sets HEALTHCHECK NONE' : 'defines no HEALTHCHECK'}, so a hung service is never noticed.`,
            related: [inDockerfile(image, check ? check.range : image.stage.fromRange, check ? 'The image switches its health check off.' : 'The shipped stage, with no HEALTHCHECK.')],
          });
        }
        continue;
      }
      const test = service.get('healthcheck', 'test');
      if (!test) continue;
      const first = isSeq(test.node) ? textOf(test.node.items[0]) : textOf(test.node);
      if (first?.trim().toUpperCase() === 'NONE') {
        context.report({ span: test.span, message: `Service "${service.name}" sets its health check to NONE${origin(test)}, so a hung service is never noticed.` });
      }
    }
  },
});
