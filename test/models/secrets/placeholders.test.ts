import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyValue, judgeSecret, maskSecret } from '../../../rules/models/secrets';

describe('values under a secret name', () => {
  const cases: Array<[string, string]> = [
    ['', 'empty'], ['""', 'empty'], ['${DB_PASSWORD}', 'reference'], ['$DB_PASSWORD', 'reference'], ['$(DB_PASSWORD)', 'reference'], ['$$(DB_PASSWORD)', 'reference'],
    ['${DB_PASSWORD:?required}', 'reference'], ['${DB_PASSWORD:-}', 'reference'], ['{{ .Values.password }}', 'reference'], ['{{ required "x" .Values.db.pw | b64enc }}', 'reference'],
    ['${{ secrets.TOKEN }}', 'reference'], ['%DB_PASSWORD%', 'reference'], ['@DB_PASSWORD@', 'reference'], ['pre${SUFFIX}', 'reference'],
    ['/run/secrets/db', 'placeholder'], ['./secrets/db.txt', 'placeholder'], ['vault:secret/data/db#password', 'placeholder'], ['ref+vault://secret/db#/pw', 'placeholder'],
    ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf', 'placeholder'], ['ENC[AES256_GCM,data:Tr8=,iv:x,tag:y,type:str]', 'placeholder'],
    ['true', 'placeholder'], ['4096', 'placeholder'], ['<password>', 'placeholder'], ['xxxxxxxx', 'placeholder'], ['********', 'placeholder'], ['your_api_key_here', 'placeholder'],
    ['AKIAIOSFODNN7EXAMPLE', 'placeholder'], ['replace-me', 'placeholder'], ['dummy-token', 'placeholder'], ['projects/acme/secrets/db/versions/1', 'placeholder'],
    ['changeme', 'weak'], ['postgres', 'weak'], ['admin', 'weak'], ['P@ssw0rd', 'weak'], ['123456', 'weak'],
    ['hunter2-prod', 'literal'], ['s3cr3t', 'literal'], ['Xk3-long-random-9q', 'literal'],
  ];
  for (const [value, expected] of cases) it(`${JSON.stringify(value)} is ${expected}`, () => assert.equal(classifyValue(value).class, expected));

  it('${VAR:-default} is judged by its default', () => {
    assert.equal(classifyValue('${DB_PASSWORD:-hunter2-prod}').class, 'literal');
    assert.equal(judgeSecret('DB_PASSWORD', '${DB_PASSWORD:-changeme}')?.verdict, 'weak');
    assert.equal(judgeSecret('DB_PASSWORD', '${DB_PASSWORD:-}'), undefined);
  });

  it('a key or token name needs a value long enough to be one; a password does not', () => {
    assert.equal(judgeSecret('API_KEY', 'k9x2q7'), undefined);
    assert.equal(judgeSecret('DB_PASSWORD', 's3cr3t')?.verdict, 'secret');
  });
});

describe('masking', () => {
  it('shows a public prefix or at most 4 characters, never more than a quarter, and the length', () => {
    assert.equal(maskSecret('hunter2-prod'), 'hun… (12 chars)');
    assert.equal(maskSecret('abc'), '… (3 chars)');
    assert.equal(maskSecret('Xk3-long-random-9q-more-text'), 'Xk3-… (28 chars)');
    assert.equal(maskSecret('ghp_0123456789abcdefghijklmnopqrstuvwxyz', 'ghp_'), 'ghp_… (40 chars)');
  });
  it('hides only the password of a URL', () => {
    assert.equal(maskSecret('postgres://app:s3cr3t@db/app'), 'postgres://app:••••@db/app');
  });
});
