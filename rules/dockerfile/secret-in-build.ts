import { defineRule } from '../engine/rule';
import { dockerfileSecrets } from '../models/secrets/in-dockerfile';

export default defineRule({
  meta: {
    id: 'dockerfile/secret-in-build',
    kind: 'dockerfile',
    title: 'Keep secrets out of ARG, ENV, LABEL and RUN',
    stride: 'information-disclosure',
    severity: 'error',
    fix: 'none',
    description:
      'ENV values and LABELs are stored in the image configuration and ARG values and RUN command lines in the build history (`docker history`) of every layer that uses them: anyone who can pull the image can read them, and a literal in the Dockerfile is also in your Git history. Reported as errors: provider credentials whatever the name (AWS access key ids, GitHub, GitLab, Slack, Stripe, npm, PyPI, Docker Hub tokens, private keys, JWTs, passwords in URLs …) and literal values of secret names (`*_PASSWORD`, `*_TOKEN`, `*_SECRET`, `API_KEY`, `AWS_SECRET_ACCESS_KEY` …) in ENV, ARG defaults (also before the first FROM), LABEL and RUN words (`curl -u user:pass`, `-H "Authorization: Bearer …"`, `docker login -p`, `--password=…`, `echo … | chpasswd`). As a warning: a secret name whose value is passed in (`ARG NPM_TOKEN`, `ENV T=${T}`), since the value still ends up in the history or the image. References, `*_FILE` names, placeholders and well-known defaults (see `dockerfile/weak-default-credential`) are not reported. Values are always shown masked.',
    remediation: 'Mount secrets only for the step that needs them: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci` with `docker build --secret id=npm_token,src=…`; inject runtime secrets through the orchestrator (Docker/Kubernetes secrets), not the image. Revoke any credential that was committed.',
    references: [
      { source: 'cis-docker', id: '4.10', version: '1.6.0' },
      { source: 'hadolint', id: 'DL3064' },
      { source: 'buildkit', id: 'SecretsUsedInArgOrEnv' },
      { source: 'checkov', id: 'CKV2_DOCKER_17' },
      { source: 'trivy', id: 'DS031' },
    ],
    examples: {
      invalid: [{ code: 'FROM node:20-alpine\nENV NPM_TOKEN=4f9a8b7c6d5e1a2b\nRUN npm ci\n' }, { code: 'FROM node:20-alpine\nARG GITHUB_TOKEN\nRUN git clone https://$GITHUB_TOKEN@github.com/acme/lib.git\n' }],
      valid: [{ code: 'FROM node:20-alpine\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n' }],
    },
  },
  check(context) {
    const { sightings, channels } = dockerfileSecrets(context.model, context.lines);
    for (const sighting of sightings) {
      if (sighting.verdict.verdict !== 'secret') continue;
      context.report({
        span: sighting.span,
        severity: 'error',
        message: `${sighting.subject} holds ${sighting.verdict.label} ("${sighting.verdict.masked}"), readable by anyone who can pull the image or read the Dockerfile.`,
        data: { secretType: sighting.verdict.type },
      });
    }
    for (const channel of channels) {
      const where = channel.keyword === 'ENV' ? 'stored in the image configuration' : 'recorded in the build history of every layer that uses it';
      context.report({ span: channel.span, severity: 'warning', message: `${channel.keyword} ${channel.name} passes a secret that is ${where}.` });
    }
  },
});
