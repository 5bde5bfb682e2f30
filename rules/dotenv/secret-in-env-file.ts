import { defineRule } from '../engine/rule';
import { dotenvSecrets } from '../models/secrets/in-dotenv';

export default defineRule({
  meta: {
    id: 'dotenv/secret-in-env-file',
    kind: 'dotenv',
    title: 'Do not commit secrets in .env files',
    stride: 'information-disclosure',
    severity: 'error',
    fix: 'none',
    description:
      'compose reads `.env` and the files named by `env_file:` into the project or the container environment. Such a file in the repository puts its secrets into every clone, fork and CI log, and the container sees them in `docker inspect` and `/proc/<pid>/environ`. Reported: provider credentials whatever the name and literal values of secret names; not references (`${VAR}`), `*_FILE` names, paths, placeholders or well-known defaults (see `dotenv/weak-default-credential`). Values are always shown masked.',
    remediation: 'Keep only a template (`.env.example` with placeholders) in the repository and add `.env` to `.gitignore`; better, mount the secret with compose `secrets:` and point the image at it with `<VAR>_FILE`. Revoke any credential that was committed.',
    references: [
      { source: 'cis-docker', id: '4.10', version: '1.6.0' },
      { source: 'docs', id: 'compose-env-file', note: 'Docker docs: set environment variables with an env file', url: 'https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file' },
    ],
    examples: {
      invalid: [{ code: 'POSTGRES_USER=app\nPOSTGRES_PASSWORD=Vq8-long-random-2x\n' }],
      valid: [{ code: 'POSTGRES_USER=app\nPOSTGRES_PASSWORD_FILE=/run/secrets/db_password\nAPI_TOKEN=<your token here>\n' }],
    },
  },
  check(context) {
    for (const sighting of dotenvSecrets(context.model)) {
      if (sighting.verdict.verdict !== 'secret') continue;
      context.report({ span: sighting.span, message: `${sighting.subject} holds ${sighting.verdict.label} ("${sighting.verdict.masked}"), readable by anyone with the file or \`docker inspect\`.`, data: { secretType: sighting.verdict.type } });
    }
  },
});
