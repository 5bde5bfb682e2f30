import { defineRule } from '../engine/rule';
import { dockerfileSecrets } from '../models/secrets/in-dockerfile';

export default defineRule({
  meta: {
    id: 'dockerfile/weak-default-credential',
    kind: 'dockerfile',
    title: 'Do not bake well-known default passwords into images',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'none',
    description:
      'A password such as `changeme`, `admin`, `root` or `postgres` under a secret name (or in a URL) is not a leaked secret but a guessable one: every container started from the image accepts it until someone changes it. Reported separately from `dockerfile/secret-in-build` so that it can be turned off for development images.',
    remediation: 'Leave the password unset in the image and require it at run time (`docker run -e DB_PASSWORD_FILE=/run/secrets/db …`), or generate it on first start.',
    references: [{ source: 'kics', id: 'a88baa34-e2ad-44ea-ad6f-8cac87bc7c71', note: 'Passwords And Secrets (default passwords)' }],
    examples: {
      invalid: [{ code: 'FROM postgres:16\nENV POSTGRES_PASSWORD=postgres\n' }],
      valid: [{ code: 'FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password\n' }],
    },
  },
  check(context) {
    for (const sighting of dockerfileSecrets(context.model, context.lines).sightings) {
      if (sighting.verdict.verdict !== 'weak') continue;
      context.report({ span: sighting.span, message: `${sighting.subject} sets ${sighting.verdict.label} ("${sighting.verdict.masked}"), which anyone can guess.` });
    }
  },
});
