import { defineRule } from '../engine/rule';
import { composeSecrets } from '../models/secrets/in-compose';

export default defineRule({
  meta: {
    id: 'compose/weak-default-credential',
    kind: 'compose',
    title: 'Do not run services with well-known default passwords',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'none',
    description:
      'A password such as `changeme`, `admin`, `root` or `postgres` under a secret name (or in a URL such as `postgres://postgres:postgres@db`) is not a leaked secret but a guessable one: anyone who reaches the service can log in. Reported separately from `compose/secret-in-environment` so that it can be turned off for local development files.',
    remediation: 'Pass a generated password from the environment (`${DB_PASSWORD:?set a password}`) or a compose `secrets:` entry.',
    references: [{ source: 'kics', id: 'a88baa34-e2ad-44ea-ad6f-8cac87bc7c71', note: 'Passwords And Secrets (default passwords)' }],
    examples: {
      invalid: [{ code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n' }],
      valid: [{ code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set a password}\n' }],
    },
  },
  check(context) {
    for (const sighting of composeSecrets(context.model)) {
      if (sighting.verdict.verdict !== 'weak') continue;
      context.report({ span: sighting.span, message: `${sighting.subject} sets ${sighting.verdict.label} ("${sighting.verdict.masked}"), which anyone can guess.` });
    }
  },
});
