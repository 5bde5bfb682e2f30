import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { functionLibrary, isSyntheticValue } from '../../../rules/models/helm/functions';
import { GoObject, type GoValue } from '../../../rules/models/helm/value';

const library = functionLibrary({ now: new Date(Date.UTC(2024, 5, 13, 20, 39, 39)) });
const call = { budget: { steps: 1e6, outputChars: 1e6, deadline: Date.now() + 60_000 } };
const run = (name: string, ...args: GoValue[]) => library.get(name)!.fn(args, call);

describe('function library table', () => {
  it('is Sprig without env/expandenv plus Helm conversions; origin-keeping functions are marked', () => {
    for (const name of ['toYaml', 'fromYaml', 'toToml', 'default', 'quote', 'regexReplaceAll', 'semverCompare', 'sha256sum', 'dig', 'mustMergeOverwrite', 'durationSeconds']) {
      assert.ok(library.has(name), name);
    }
    assert.equal(library.has('env'), false);
    assert.equal(library.has('expandenv'), false);
    for (const name of ['quote', 'squote', 'toString', 'default', 'coalesce', 'ternary', 'toYaml', 'toJson', 'nindent', 'indent', 'trim', 'lower', 'upper', 'b64enc', 'int', 'float64', 'pick', 'omit', 'merge', 'dig', 'get', 'first', 'last', 'tpl'].filter((n) => library.has(n))) {
      assert.equal(library.get(name)!.keepsOrigin, true, name);
    }
    assert.notEqual(library.get('sha256sum')!.keepsOrigin, true);
  });
  it('rejects wrong argument types as Go does, and stops runaway loops on the step budget', () => {
    assert.throws(() => run('upper', 5n), { name: 'ArgumentTypeError', message: 'wrong type for value; expected string; got int' });
    assert.throws(() => run('indent', 4, 'x'), { name: 'ArgumentTypeError', message: 'wrong type for value; expected int; got float64' });
    assert.throws(() => run('upper', null), { message: 'invalid value; expected string' });
    const small = { budget: { steps: 1000, outputChars: 1e6, deadline: Date.now() + 60_000 } };
    assert.throws(() => library.get('until')!.fn([1_000_000_000n], small), { name: 'RenderBudgetError' });
    assert.throws(() => library.get('repeat')!.fn([1_000_000_000n, 'ab'], small), { name: 'RenderBudgetError' });
  });
});

describe('synthetic stand-ins for random and generated values', () => {
  it('are recognisable, of the right shape, and never confused with a written secret', () => {
    const key = String(run('genPrivateKey', 'rsa'));
    assert.match(key, /^-----BEGIN RSA PRIVATE KEY-----\n[\s\S]+\n-----END RSA PRIVATE KEY-----\n$/);
    const ca = run('genCA', 'ca', 365n) as GoObject;
    const cert = String(ca.fields.get('Cert'));
    assert.match(cert, /BEGIN CERTIFICATE/);
    const password = String(run('randAlphaNum', 16n));
    assert.match(password, /^[A-Za-z0-9]{16}$/);
    assert.match(String(run('randNumeric', 6n)), /^[0-9]{6}$/);
    assert.match(String(run('uuidv4')), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const value of [key, cert, String(ca.fields.get('Key')), password, String(run('randNumeric', 6n)), String(run('uuidv4')), String(run('bcrypt', 'pw')), String(run('htpasswd', 'user', 'pw')), String(run('randBytes', 12n))]) {
      assert.equal(isSyntheticValue(value), true, value);
    }
    assert.equal(isSyntheticValue(String(run('b64enc', key))), false, 'encoded again it is just text (a known limit)');
    for (const secret of ['hunter2', 'S3cr3tP4ssw0rd', '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----\n']) {
      assert.equal(isSyntheticValue(secret), false, secret);
    }
  });
  it('derivePassword, hashes and AES are computed, not faked', () => {
    assert.equal(run('sha256sum', 'abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(run('adler32sum', 'abc'), '38600999');
    const encrypted = String(run('encryptAES', 'key', 'plain text'));
    assert.notEqual(encrypted, 'plain text');
    assert.equal(run('decryptAES', 'key', encrypted), 'plain text');
  });
});

describe('semverCompare (Masterminds v3 constraints)', () => {
  const cases: [string, string, boolean][] = [
    ['>=1.21-0', 'v1.25.3-gke.1', true],
    ['>=1.21', 'v1.25.3-gke.1', false],
    ['>=1.21-0', 'v1.20.0', false],
    ['>= 1.19.0-0, < 1.22.0-0', '1.21.4', true],
    ['^1.2', '1.9.0', true],
    ['^1.2', '2.0.0', false],
    ['^0.2.3', '0.2.9', true],
    ['^0.2.3', '0.3.0', false],
    ['~1.2', '1.2.9', true],
    ['~1.2', '1.3.0', false],
    ['1.2.x', '1.2.7', true],
    ['1.2.x', '1.3.0', false],
    ['1.2 - 1.4.5', '1.4.5', true],
    ['1.2 - 1.4.5', '1.4.6', false],
    ['<1.0 || >=2.1', '2.3.0', true],
    ['<1.0 || >=2.1', '1.5.0', false],
    ['!=1.2.3', '1.2.4', true],
    ['>1.2', '1.2.9', false],
    ['>1.2', '1.3.0', true],
    ['*', '3.0.0', true],
  ];
  for (const [constraint, version, expected] of cases) {
    it(`${constraint} ∋ ${version} is ${expected}`, () => assert.equal(run('semverCompare', constraint, version), expected));
  }
  it('rejects unreadable constraints and versions', () => {
    assert.throws(() => run('semverCompare', 'badConstraint', '1.2.3'));
    assert.throws(() => run('semverCompare', '1.2.0', 'badVersion'));
  });
});

describe('dates and durations with an injected now', () => {
  it('formats Go layouts and zones', () => {
    const now = run('now');
    assert.equal(run('date', '2006-01-02 15:04:05 MST', now), '2024-06-13 20:39:39 UTC');
    assert.equal(run('date', 'Mon Jan _2 3:04PM', now), 'Thu Jun 13 8:39PM');
    assert.equal(run('dateInZone', '02 Jan 06 15:04 -0700', 1560458379n, 'UTC'), '13 Jun 19 20:39 +0000');
    assert.equal(run('dateInZone', '15:04 -07:00', 1560458379n, 'America/New_York'), '16:39 -04:00');
    assert.equal(run('htmlDate', 0n), '1970-01-01');
    assert.equal(run('unixEpoch', now), String(Date.UTC(2024, 5, 13, 20, 39, 39) / 1000));
    assert.equal(run('date', '02/01/2006', run('toDate', '2006-01-02', '2017-12-31')), '31/12/2017');
    assert.equal(run('date', '2006-01-02T15:04', run('dateModify', '-1.5h', now)), '2024-06-13T19:09');
    assert.equal(run('ago', run('dateModify', '-90s', now)), '1m30s');
  });
  it('prints durations as Go does', () => {
    assert.equal(run('duration', '93784'), '26h3m4s');
    assert.equal(run('durationRound', '2400h5s'), '3mo');
    assert.equal(run('mustToDuration', '1.5'), '1.5s');
    assert.equal(run('mustToDuration', '250ms'), '250ms');
    assert.equal(run('durationRoundTo', '93s', '1m'), '2m0s');
  });
});

describe('Go struct printing: a Stringer prints its String()', () => {
  it('semver objects print as their version', () => {
    assert.equal(library.get('toString')!.fn([run('semver', 'v1.2.3-rc.1')], call), '1.2.3-rc.1');
  });
});

describe('hostile values never hang or crash the linter', () => {
  it('a map that contains itself: toJson/toYaml give "" as Go does, copies and prints stop with a TemplateError', () => {
    const cyclic = new Map<string, GoValue>();
    cyclic.set('self', cyclic);
    assert.equal(run('toJson', cyclic), '');
    assert.equal(run('toYaml', cyclic), '');
    assert.throws(() => run('deepCopy', cyclic), { name: 'TemplateError' });
    assert.throws(() => run('toString', cyclic), { name: 'TemplateError' });
    assert.equal(run('deepEqual', cyclic, new Map([['self', cyclic]])), true);
  });
  it('uniq of a long list is linear for scalars', () => {
    const list: GoValue[] = Array.from({ length: 200_000 }, (_, i) => BigInt(i % 1000));
    const started = Date.now();
    assert.equal((run('uniq', list) as GoValue[]).length, 1000);
    assert.ok(Date.now() - started < 2000);
    assert.deepEqual(run('uniq', [1n, 1, '1', 1n, [1n], [1n]]), [1n, 1, '1', [1n]]);
  });
  it('random strings and derivePassword are paid from the budget', () => {
    const small = { budget: { steps: 10_000, outputChars: 1000, deadline: Date.now() + 60_000 } };
    assert.throws(() => library.get('randAlphaNum')!.fn([1_000_000_000n], small), { name: 'RenderBudgetError' });
    assert.throws(() => library.get('randBytes')!.fn([1_000_000_000n], small), { name: 'RenderBudgetError' });
    assert.throws(() => library.get('derivePassword')!.fn([1n, 'long', 'pw', 'user', 'site'], small), { name: 'RenderBudgetError' });
  });
});
