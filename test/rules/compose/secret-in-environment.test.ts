import rule from '../../../rules/compose/secret-in-environment';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  db:\n    image: x:1\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pw\n      DB_PASSWORD: ${DB_PASSWORD}\n      API_TOKEN: $API_TOKEN\n      PASSWORD_LENGTH: 12\n      LOG_LEVEL: debug\n      TLS_PRIVATEKEY: /var/tls/server.key\n      DB_USERNAME: app\n      API_KEY: ${API_KEY:?set it}\n    env_file: secrets.env\n' },
  ],
  invalid: [
    {
      name: 'map and list form, values masked; the fix writes a ${NAME} reference',
      code: 'services:\n  db:\n    image: x:1\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter2 # change me\n  api:\n    image: x:1\n    environment:\n      - DATABASE_URL=postgres://app:s3cr3t@db/app\n      - MODE=prod\n',
      errors: [
        { line: 5, column: 26, endColumn: 40, message: 'Service "db" environment POSTGRES_PASSWORD holds a literal password ("hun… (14 chars)"), readable by anyone with the file or `docker inspect`.' },
        { line: 9, column: 9, message: 'Service "api" environment DATABASE_URL holds a password inside a URL ("postgres://app:••••@…"), readable by anyone with the file or `docker inspect`.' },
      ],
      output: 'services:\n  db:\n    image: x:1\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD} # change me\n  api:\n    image: x:1\n    environment:\n      - DATABASE_URL=${DATABASE_URL}\n      - MODE=prod\n',
    },
    {
      name: 'build args in flow style, and a value in an x- block used by a service (reported once, where written)',
      code: 'x-env: &env\n  environment: { SECRET_KEY: "abcdef123456" }\nservices:\n  app:\n    build: { context: ., args: [NPM_TOKEN=4f9a8b7c6d5e1a2b] }\n  web:\n    <<: *env\n    image: x:1\n',
      errors: [{ line: 2, column: 30, message: /SECRET_KEY holds a literal secret/ }, { line: 5, column: 33, message: /build\.args NPM_TOKEN/ }],
      output: 'x-env: &env\n  environment: { SECRET_KEY: "${SECRET_KEY}" }\nservices:\n  app:\n    build: { context: ., args: ["NPM_TOKEN=${NPM_TOKEN}"] }\n  web:\n    <<: *env\n    image: x:1\n',
    },
    {
      name: 'a provider token under an innocent name and in a command line (no fix for command words)',
      code: 'services:\n  bot:\n    image: x:1\n    command: ["bot", "--token", "Tr0ub4dor9horse7x"]\n',
      errors: [{ line: 4, column: 33, message: /command \(--token\) holds a literal secret/ }],
    },
  ],
});
