import { defineRule } from '../engine/rule';
import { maskSecret } from '../models/dockerfile';
import { commandName } from '../models/shell';

// hadolint DL3064's name fragments, plus the names that tools commonly read secrets from.
const FRAGMENTS = ['api_key', 'apikey', 'client_key', 'password', 'passwd', 'private', 'secret', 'token', 'username'];
const KNOWN = new Set(['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN', 'GITLAB_TOKEN', 'NPM_TOKEN', 'NPM_AUTH_TOKEN', 'POSTGRES_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'MYSQL_PASSWORD', 'VAULT_TOKEN', 'DOCKER_PASSWORD', 'PYPI_TOKEN', 'SLACK_TOKEN', 'SENTRY_AUTH_TOKEN']);
// Names that point at a secret rather than hold one (`POSTGRES_PASSWORD_FILE=/run/secrets/db`).
const POINTER = /_(FILE|PATH|DIR|URL|URI|ENDPOINT|HOST|LOCATION|NAME_FIELD)$/i;
const REFERENCE = /^\$\{?[A-Za-z_][A-Za-z0-9_]*(:?-[^}]*)?\}?$/;

export function isSecretName(name: string): boolean {
  if (KNOWN.has(name.toUpperCase())) return true;
  if (POINTER.test(name)) return false;
  const lower = name.toLowerCase();
  return FRAGMENTS.some((fragment) => lower.includes(fragment));
}

export default defineRule({
  meta: {
    id: 'dockerfile/secret-in-build',
    kind: 'dockerfile',
    title: 'Keep secrets out of ARG and ENV',
    stride: 'information-disclosure',
    severity: 'error',
    fix: 'none',
    description:
      'ENV values are stored in the image configuration and ARG values in the build history (`docker history`) of every layer that uses them: anyone who can pull the image can read them. A literal secret in the Dockerfile is also in your Git history. Reported: ARG/ENV names that look like secrets (DL3064’s list: `*password*`, `*secret*`, `*token*`, `*api_key*`, `*private*`, …; literal value ⇒ error, name only ⇒ warning) and `chpasswd`/`passwd --stdin` fed a literal password.',
    remediation: 'Mount secrets only for the step that needs them: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci` with `docker build --secret id=npm_token,src=…`; inject runtime secrets through the orchestrator (Docker/Kubernetes secrets), not the image.',
    references: [
      { source: 'cis-docker', id: '4.10', version: '1.6.0' },
      { source: 'hadolint', id: 'DL3064' },
      { source: 'buildkit', id: 'SecretsUsedInArgOrEnv' },
      { source: 'checkov', id: 'CKV2_DOCKER_17' },
      { source: 'trivy', id: 'DS031' },
    ],
    examples: {
      invalid: [{ code: 'FROM node:20-alpine\nENV NPM_TOKEN=npm_4f9a8b7c6d5e\nRUN npm ci\n' }, { code: 'FROM node:20-alpine\nARG GITHUB_TOKEN\nRUN git clone https://$GITHUB_TOKEN@github.com/acme/lib.git\n' }],
      valid: [{ code: 'FROM node:20-alpine\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n' }],
    },
  },
  check(context) {
    for (const variable of context.model.variables) {
      if (!isSecretName(variable.name)) continue;
      const value = variable.value ?? '';
      // A user name alone is an identifier, not a secret: at most a warning.
      const literal = value !== '' && !REFERENCE.test(value) && !/user_?name/i.test(variable.name);
      if (literal) {
        context.report({
          span: variable.span,
          severity: 'error',
          message: `${variable.keyword} ${variable.name} holds a literal secret ("${maskSecret(value)}"), which is readable by anyone who can pull the image or read the Dockerfile.`,
        });
      } else {
        const where = variable.keyword === 'ENV' ? 'stored in the image configuration' : 'recorded in the build history of every layer that uses it';
        context.report({
          span: variable.nameSpan,
          severity: 'warning',
          message: `${variable.keyword} ${variable.name} passes a secret that is ${where}.`,
        });
      }
    }
    for (const run of context.model.runs) {
      run.commands.forEach((command, index) => {
        const name = commandName(command.words[0]);
        const stdinPasswd = name === 'passwd' && command.words.some((word) => word.value === '--stdin');
        if ((name !== 'chpasswd' && !stdinPasswd) || command.before !== '|') return;
        const source = run.commands[index - 1];
        const sourceName = commandName(source?.words[0]);
        if (sourceName !== 'echo' && sourceName !== 'printf') return;
        const literal = source.words.slice(1).find((word) => !word.value.startsWith('-') && !word.value.includes('$'));
        if (!literal) return;
        const secret = literal.value.includes(':') ? literal.value.slice(literal.value.indexOf(':') + 1) : literal.value;
        context.report({
          span: literal.span,
          severity: 'error',
          message: `${name} is fed a literal password ("${maskSecret(secret)}"), which stays in the image history and the Dockerfile.`,
        });
      });
    }
  },
});
