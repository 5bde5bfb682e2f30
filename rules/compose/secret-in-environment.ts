import { defineRule } from '../engine/rule';
import { composeSecrets } from '../models/secrets/in-compose';

export default defineRule({
  meta: {
    id: 'compose/secret-in-environment',
    kind: 'compose',
    title: 'Do not write secrets into compose files',
    stride: 'information-disclosure',
    severity: 'error',
    fix: 'suggest',
    description:
      'A password, token or key written as a literal in `environment`, `build.args`, `command`/`entrypoint`/`healthcheck` or an `x-` extension block is committed with the file and visible to everyone who can run `docker inspect`, read `/proc/<pid>/environ` or see the build history. Reported: provider credentials whatever the name (AWS, GitHub, Slack, Stripe, npm tokens, private keys, JWTs, passwords in URLs such as `postgres://app:…@db/app`) and literal values of secret names. Not reported: `${VAR}` references (a `${VAR:-default}` is judged by its default), `*_FILE` names, paths, placeholders, and well-known defaults (see `compose/weak-default-credential`). `env_file` files are linted on their own as `.env` files. Values are always shown masked.',
    remediation: 'Move the value to a compose `secrets:` entry (mounted at `/run/secrets/<name>`; many images read `<VAR>_FILE`), or pass it from the environment with `${VAR}` and keep the value out of the repository. Revoke any credential that was committed.',
    references: [
      { source: 'cis-docker', id: '4.10', version: '1.6.0' },
      { source: 'cis-docker', id: '7.4', version: '1.6.0' },
      { source: 'kics', id: 'a88baa34-e2ad-44ea-ad6f-8cac87bc7c71', note: 'Passwords And Secrets' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter2\n' }],
      valid: [{ code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n      API_TOKEN: ${API_TOKEN}\n' }],
    },
  },
  check(context) {
    for (const sighting of composeSecrets(context.model)) {
      if (sighting.verdict.verdict !== 'secret') continue;
      const fixes = sighting.reference && sighting.name
        ? [{ title: `Replace the value of ${sighting.name} with \`\${${sighting.name}}\` (set it in the environment or a secrets store)`, safe: false, edits: [sighting.reference] }]
        : [];
      context.report({
        span: sighting.span,
        message: `${sighting.subject} holds ${sighting.verdict.label} ("${sighting.verdict.masked}"), readable by anyone with the file or \`docker inspect\`.`,
        data: { secretType: sighting.verdict.type },
        fixes,
      });
    }
  },
});
