import { defineRule } from '../engine/rule';
import { effectiveHealthcheck, instructionSpan } from '../models/dockerfile';

export default defineRule({
  meta: {
    id: 'dockerfile/missing-healthcheck',
    kind: 'dockerfile',
    title: 'Give the final image a HEALTHCHECK',
    stride: 'denial-of-service',
    severity: 'info',
    fix: 'none',
    description:
      'Without a HEALTHCHECK, Docker (and Swarm, and compose `depends_on: condition: service_healthy`) only knows whether the process exists, not whether it still serves: a hung or exhausted service keeps receiving traffic and is never restarted. `HEALTHCHECK NONE` switches off the base image’s check explicitly. The base image may define one; this rule reports that this Dockerfile does not.',
    remediation: 'Add a cheap probe to the final stage: `HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://127.0.0.1:8080/healthz || exit 1`. (Kubernetes ignores HEALTHCHECK: define liveness and readiness probes there.)',
    references: [
      { source: 'cis-docker', id: '4.6', version: '1.6.0' },
      { source: 'hadolint', id: 'DL3057' },
      { source: 'checkov', id: 'CKV_DOCKER_2' },
      { source: 'kics', id: 'b03a748a-542d-44f4-bb86-9199ab4fd2d5', note: 'Healthcheck Instruction Missing' },
      { source: 'trivy', id: 'DS026' },
    ],
    examples: {
      invalid: [{ code: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n' }, { code: 'FROM nginx:1.27\nHEALTHCHECK NONE\n' }],
      valid: [{ code: 'FROM nginx:1.27 AS base\nHEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://127.0.0.1/ || exit 1\n\nFROM base\nCOPY site/ /usr/share/nginx/html/\n' }],
    },
  },
  check(context) {
    const stage = context.model.finalStage;
    if (!stage) return;
    const healthcheck = effectiveHealthcheck(stage);
    if (!healthcheck) {
      context.report({
        span: instructionSpan(context.lines, stage.from),
        message: 'The final stage defines no HEALTHCHECK in this Dockerfile, so a hung service is neither detected nor restarted.',
      });
      return;
    }
    const first = healthcheck.getArguments()[0];
    if (first && first.getValue().toUpperCase() === 'NONE') {
      context.report({
        span: instructionSpan(context.lines, healthcheck),
        message: 'HEALTHCHECK NONE switches health checking off, so a hung service is neither detected nor restarted.',
      });
    }
  },
});
