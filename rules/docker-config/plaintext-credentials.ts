import { defineRule } from '../engine/rule';
import { decodeAuth } from '../models/docker-config';
import { jsonSecrets } from '../models/secrets/in-json';

export default defineRule({
  meta: {
    id: 'docker-config/plaintext-credentials',
    kind: 'docker-config',
    title: 'Keep registry logins out of config.json',
    stride: 'information-disclosure',
    severity: 'error',
    fix: 'none',
    description:
      '`docker login` without a credential helper stores `user:password` base64-encoded (not encrypted) in `auths.<registry>.auth` of `~/.docker/config.json`; `identitytoken` and `registrytoken` are bearer tokens. Such a file copied into an image, a CI cache or a repository hands the registry account to whoever reads it. Also reported: provider tokens and passwords in URLs anywhere in the file (`proxies`). Not reported: `credsStore`/`credHelpers` and empty entries. Values are always shown masked.',
    remediation: 'Use a credential helper (`"credsStore": "desktop"`, `osxkeychain`, `pass`, `secretservice`, `ecr-login` …) and `docker login` again; in CI, log in per job from the CI secret store and never persist or copy config.json. Revoke the exposed password or token.',
    references: [{ source: 'docs', id: 'docker-login-credential-stores', note: 'Docker docs: docker login, credential stores', url: 'https://docs.docker.com/reference/cli/docker/login/#credential-stores' }],
    examples: {
      invalid: [{ code: '{\n  "auths": {\n    "registry.example.com": { "auth": "Y2ktYm90Olg5cS1sb25nLXJhbmRvbS03dw==" }\n  }\n}\n' }],
      valid: [{ code: '{\n  "auths": { "registry.example.com": {} },\n  "credsStore": "desktop"\n}\n' }],
    },
  },
  check(context) {
    const decode = (key: string, value: string) => {
      const login = key === 'auth' ? decodeAuth(value) : undefined;
      return login ? { name: 'password', value: login.password } : undefined;
    };
    for (const sighting of jsonSecrets(context.model.root, (path) => `"${path.join('.')}"`, decode)) {
      if (sighting.verdict.verdict !== 'secret') continue;
      context.report({ span: sighting.span, message: `${sighting.subject} holds ${sighting.verdict.label} ("${sighting.verdict.masked}"), readable by anyone who can read this file.`, data: { secretType: sighting.verdict.type } });
    }
  },
});
