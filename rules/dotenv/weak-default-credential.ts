import { defineRule } from '../engine/rule';
import { dotenvSecrets } from '../models/secrets/in-dotenv';

export default defineRule({
  meta: {
    id: 'dotenv/weak-default-credential',
    kind: 'dotenv',
    title: 'Do not ship well-known default passwords in .env files',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'none',
    description:
      'A password such as `changeme`, `admin`, `root` or `postgres` under a secret name (or in a URL) in a `.env` file is not a leaked secret but a guessable one: every deployment that keeps the file accepts it. Reported separately from `dotenv/secret-in-env-file` so that it can be turned off for local development files.',
    remediation: 'Leave the value empty in the committed file (`DB_PASSWORD=`) and require it at start-up (`${DB_PASSWORD:?set a password}` in compose), or generate it.',
    references: [{ source: 'kics', id: 'a88baa34-e2ad-44ea-ad6f-8cac87bc7c71', note: 'Passwords And Secrets (default passwords)' }],
    examples: {
      invalid: [{ code: 'POSTGRES_PASSWORD=postgres\n' }],
      valid: [{ code: 'POSTGRES_PASSWORD=\n' }],
    },
  },
  check(context) {
    for (const sighting of dotenvSecrets(context.model)) {
      if (sighting.verdict.verdict !== 'weak') continue;
      context.report({ span: sighting.span, message: `${sighting.subject} sets ${sighting.verdict.label} ("${sighting.verdict.masked}"), which anyone can guess.` });
    }
  },
});
