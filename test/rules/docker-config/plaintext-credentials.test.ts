import rule from '../../../rules/docker-config/plaintext-credentials';
import { testRule } from '../../helpers/rule-tester';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

testRule(rule, {
  valid: [
    { code: '{\n  "auths": { "ghcr.io": {}, "quay.io": { "auth": "" } },\n  "credsStore": "desktop",\n  "credHelpers": { "gcr.io": "gcloud" }\n}\n' },
    { name: 'an auth that does not decode to user:password', code: '{ "auths": { "r.example.com": { "auth": "bm90LWEtbG9naW4=" } } }\n' },
  ],
  invalid: [
    {
      code: `{\n  "auths": {\n    "r.example.com": { "auth": "${b64('ci:Tr0ub4dor-horse')}" },\n    "https://index.docker.io/v1/": { "identitytoken": "Tr0ub4dor-horse-identity" }\n  },\n  "proxies": { "default": { "httpProxy": "http://ci:Tr0ub4dor-horse@proxy:3128" } }\n}\n`,
      errors: [
        { line: 3, column: 32, message: '"auths.r.example.com.auth" holds a literal password ("Tr0… (15 chars)"), readable by anyone who can read this file.' },
        { line: 4, column: 55, message: /identitytoken" holds a literal secret/ },
        { line: 6, column: 42, message: /httpProxy" holds a password inside a URL \("http:\/\/ci:••••@…"\)/ },
      ],
    },
  ],
});
