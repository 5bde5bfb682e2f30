import rule from '../../../rules/compose/secret-in-environment';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  db:\n    image: x:1\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pw\n      DB_PASSWORD: ${DB_PASSWORD}\n      API_TOKEN: $API_TOKEN\n      PASSWORD_LENGTH: 12\n      LOG_LEVEL: debug\n      TLS_PRIVATEKEY: /var/tls/server.key\n    env_file: secrets.env\n' },
  ],
  invalid: [
    {
      name: 'map and list form, values masked',
      code: 'services:\n  db:\n    image: x:1\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter2 # change me\n  api:\n    image: x:1\n    environment:\n      - GITHUB_TOKEN=ghp_abcdefghijklmnop\n      - MODE=prod\n',
      errors: [
        { line: 5, column: 7, message: 'Service "db" sets POSTGRES_PASSWORD to a literal value ("hunt…") in environment, so the secret is readable by anyone with the file or docker inspect.' },
        { line: 9, column: 9, message: /GITHUB_TOKEN to a literal value \("ghp_…"\)/ },
      ],
    },
    {
      name: 'build args, flow style, and an inherited environment',
      code: 'x-env: &env\n  environment: { SECRET_KEY: abcdef123456 }\nservices:\n  app:\n    build: { context: ., args: [NPM_TOKEN=npm_1234567890] }\n  web:\n    <<: *env\n    image: x:1\n',
      errors: [{ line: 5, column: 33, message: /NPM_TOKEN .* in build\.args/ }, { line: 6, column: 3, message: /inherited from anchor "env"/ }],
    },
  ],
});
