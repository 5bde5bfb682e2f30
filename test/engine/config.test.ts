import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigurationError, effectiveRuleSetting, isIgnored, parseConfig } from '../../rules/engine';
import { lint } from '../../rules/registry-lint';
import { ALL_RULE_METAS } from '../../rules';

const KNOWN = new Set(ALL_RULE_METAS.map((meta) => meta.id));
const parse = (text: string) => parseConfig(text, '/repo/.stridelint.yaml', '/repo', KNOWN);

function configErrors(text: string): string[] {
  try {
    parse(text);
  } catch (error) {
    assert.ok(error instanceof ConfigurationError, String(error));
    return error.message.split('\n');
  }
  assert.fail('expected a configuration error');
}

describe('.stridelint.yaml', () => {
  it('sets a rule’s severity, or turns it off', () => {
    const config = parse('rules:\n  dockerfile/add-instead-of-copy: error\n');
    assert.deepEqual(lint('FROM a:1\nADD x /x\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n', '/repo/Dockerfile', { config }).map((finding) => finding.severity), ['error']);
    const off = parse('rules:\n  dockerfile/add-instead-of-copy: off\n');
    assert.deepEqual(lint('FROM a:1\nADD x /x\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n', '/repo/Dockerfile', { config: off }), []);
  });

  it('turns a STRIDE category off, unless a rule in it is configured explicitly', () => {
    const config = parse('categories:\n  tampering: false\n');
    assert.deepEqual(lint('FROM a:1\nADD x /x\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n', '/repo/Dockerfile', { config }), []);
    const explicit = parse('categories:\n  tampering: false\nrules:\n  dockerfile/add-instead-of-copy: info\n');
    assert.equal(lint('FROM a:1\nADD x /x\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n', '/repo/Dockerfile', { config: explicit }).length, 1);
  });

  it('says where each setting came from: rules, a category, an override of either', () => {
    const meta = ALL_RULE_METAS.find((candidate) => candidate.id === 'dockerfile/add-instead-of-copy')!;
    const originOf = (text: string, path = '/repo/app/Dockerfile') => effectiveRuleSetting(parse(text), path, meta).origin;
    assert.equal(originOf('rules:\n  dockerfile/add-instead-of-copy: error\n'), 'rules');
    assert.equal(originOf(`categories:\n  ${meta.stride}: false\n`), `categories.${meta.stride}`);
    const overrides = `overrides:\n  - files: ["x/**"]\n  - files: ["app/**"]\n    rules:\n      dockerfile/add-instead-of-copy: info\n    categories:\n      ${meta.stride}: false\n`;
    assert.equal(originOf(overrides), 'overrides[1]');
    assert.equal(originOf(overrides.replace('      dockerfile/add-instead-of-copy: info\n', '      dockerfile/add-instead-of-copy: {}\n')), `overrides[1].categories.${meta.stride}`);
    assert.equal(originOf(overrides, '/repo/other/Dockerfile'), 'default');
  });

  it('holds a configuration’s settings for every file it lints, and for none another configuration lints', () => {
    const text = 'FROM a:1\nADD x /x\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n';
    const severities = (config: ReturnType<typeof parse>, path: string) => lint(text, path, { config }).map((finding) => finding.severity);
    const error = parse('rules:\n  dockerfile/add-instead-of-copy: error\n');
    const plain = parse('');
    for (const path of ['/repo/a/Dockerfile', '/repo/b/Dockerfile']) {
      assert.deepEqual(severities(error, path), ['error']);
      assert.deepEqual(severities(plain, path), ['warning']);
    }
    // With overrides the answer depends on the path: each file gets its own.
    const legacy = parse('overrides:\n  - files: ["legacy/**"]\n    rules:\n      dockerfile/add-instead-of-copy: off\n');
    assert.deepEqual(severities(legacy, '/repo/app/Dockerfile'), ['warning']);
    assert.deepEqual(severities(legacy, '/repo/legacy/Dockerfile'), []);
    assert.deepEqual(severities(legacy, '/repo/app/Dockerfile'), ['warning']);
  });

  it('applies overrides to matching paths only', () => {
    const config = parse('overrides:\n  - files: ["legacy/**"]\n    rules:\n      dockerfile/add-instead-of-copy: off\n');
    const meta = ALL_RULE_METAS.find((candidate) => candidate.id === 'dockerfile/add-instead-of-copy')!;
    assert.equal(effectiveRuleSetting(config, '/repo/legacy/app/Dockerfile', meta).severity, 'off');
    assert.equal(effectiveRuleSetting(config, '/repo/app/Dockerfile', meta).severity, 'warning');
  });

  it('ignores paths by glob, relative to the config file’s folder', () => {
    const config = parse('ignore:\n  - "vendor/**"\n  - "*.generated.yaml"\n');
    assert.equal(isIgnored(config, '/repo/vendor/x/Dockerfile'), true);
    assert.equal(isIgnored(config, '/repo/k8s/app.generated.yaml'), true);
    assert.equal(isIgnored(config, '/repo/k8s/app.yaml'), false);
    assert.equal(isIgnored(config, '/elsewhere/vendor/Dockerfile'), false);
  });

  it('names the file, the line, the key and what is allowed when a severity is wrong', () => {
    assert.deepEqual(configErrors('rules:\n  dockerfile/add-instead-of-copy: fatal\n'), [
      '/repo/.stridelint.yaml:2:3: "rules.dockerfile/add-instead-of-copy" must be one of "off", "info", "warning", "error"',
    ]);
  });

  it('rejects an unknown top-level key', () => {
    assert.deepEqual(configErrors('rule:\n  x: off\n'), ['/repo/.stridelint.yaml:1:1: unknown key "rule"']);
  });

  it('rejects an unknown rule id with a did-you-mean', () => {
    const [message] = configErrors('rules:\n  dockerfile/add-instead-of-cpy: off\n');
    assert.match(message, /^\/repo\/\.stridelint\.yaml:2:3: unknown rule "dockerfile\/add-instead-of-cpy" \(did you mean "dockerfile\/add-instead-of-copy"\?\)/);
  });

  it('rejects an unknown STRIDE category and broken YAML', () => {
    assert.match(configErrors('categories:\n  spoofng: false\n')[0], /:2:3: unknown key "spoofng" under "categories"/);
    assert.match(configErrors('rules: [\n')[0], /^\/repo\/\.stridelint\.yaml:\d+:\d+: not valid YAML/);
  });
});
