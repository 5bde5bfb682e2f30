import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameWords, secretNameClass } from '../../../rules/models/secrets';

describe('secret names: one list for every kind', () => {
  it('splits camelCase, snake, kebab and dotted names into words', () => {
    assert.deepEqual(nameWords('dbPassword_FILE'), ['db', 'password', 'file']);
    assert.deepEqual(nameWords('AWSSecretKey'), ['aws', 'secret', 'key']);
    assert.deepEqual(nameWords('splunk-token'), ['splunk', 'token']);
    assert.deepEqual(nameWords('spring.datasource.password'), ['spring', 'datasource', 'password']);
  });

  const secret: Array<[string, 'password' | 'key']> = [
    ['AWS_ACCESS_KEY_ID', 'key'], ['AWS_SECRET_ACCESS_KEY', 'key'], ['AWS_SESSION_TOKEN', 'key'], ['PGPASSWORD', 'password'], ['MYSQL_ROOT_PASSWORD', 'password'],
    ['MYSQL_PWD', 'password'], ['DB_PASS', 'password'], ['GITHUB_TOKEN', 'key'], ['NPM_TOKEN', 'key'], ['SECRET_KEY_BASE', 'key'], ['API_KEY', 'key'],
    ['apiKey', 'key'], ['clientSecret', 'key'], ['STRIPE_SECRET_KEY', 'key'], ['JWT_SIGNING_KEY', 'key'], ['ENCRYPTION_KEY', 'key'], ['splunk-token', 'key'],
    ['DJANGO_SECRET', 'key'], ['SMTP_PASSWD', 'password'], ['REDIS_PASSWORD', 'password'], ['OPENAI_API_KEY', 'key'], ['VAULT_TOKEN', 'key'],
    ['RABBITMQ_DEFAULT_PASS', 'password'], ['KEY_PASSPHRASE', 'password'], ['identitytoken', 'key'], ['SERVICE_ACCOUNT_KEY', 'key'], ['DB_CREDENTIALS', 'key'],
  ];
  for (const [name, strength] of secret) it(`${name} holds a secret (${strength})`, () => assert.equal(secretNameClass(name), strength));

  const notSecret = [
    'POSTGRES_USER', 'DB_USERNAME', 'REGISTRY_USERNAME', 'DB_PASSWORD_FILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'SESSION_SECRET_FILE', 'GPG_KEY', 'GPG_KEYS', 'PUBLIC_KEY',
    'SSH_PUBLIC_KEY', 'STRIPE_PUBLISHABLE_KEY', 'NEXT_PUBLIC_API_KEY', 'SSH_AUTH_SOCK', 'MAX_TOKENS', 'KMS_KEY_ID', 'FACEBOOK_APP_ID', 'GOPRIVATE', 'TRAVIS_OS_NAME',
    'AUTH_MODULE_VERSION', 'TOKEN_TTL', 'PASSWORD_MIN_LENGTH', 'SECRET_NAME', 'CSRF_TOKEN', 'XSRF_TOKEN', 'CACHE_KEY', 'PRIMARY_KEY', 'TOKEN_URL', 'OAUTH_TOKEN_ENDPOINT',
    'VAULT_ADDR', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD', 'PASSWORD_HASH', 'TOKEN_EXPIRY', 'KEY_FINGERPRINT', 'API_KEY_HEADER', 'SECRETS_DIR',
    'password-stdin', 'TOKENIZER_MODEL', 'CLIENT_ID', 'SSH_KEY_PATH', 'TLS_KEY_FILE', 'DB_HOST', 'SECRET_ENABLED', 'PASSWORD_RESET_URL',
  ];
  for (const name of notSecret) it(`${name} is not a secret name`, () => assert.equal(secretNameClass(name), undefined));
});
