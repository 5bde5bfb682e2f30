import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../rules/registry-lint';
import { interpolate, parseCompose, textOf, origin } from '../../rules/models/compose';
import { parseBytes } from '../../rules/models/compose-schema';

function model(text: string) {
  const outcome = parseCompose({ text, path: 'compose.yaml' });
  assert.ok(outcome.model, 'parses');
  return outcome.model;
}

describe('compose model', () => {
  it('interpolates the way compose does, and never guesses', () => {
    assert.equal(interpolate('plain'), 'plain');
    assert.equal(interpolate('${MEM:-512m}'), '512m');
    assert.equal(interpolate('${MEM-1g}'), '1g');
    assert.equal(interpolate('cost: $$5'), 'cost: $5');
    assert.equal(interpolate('${A:-${B:-nested}}'), 'nested');
    assert.equal(interpolate('${MEM}'), undefined);
    assert.equal(interpolate('$MEM'), undefined);
    assert.equal(interpolate('${MEM:?set MEM}'), undefined);
    assert.equal(interpolate('${unterminated'), undefined);
  });

  it('reads memory sizes as compose does', () => {
    assert.equal(parseBytes('1g'), 1024 ** 3);
    assert.equal(parseBytes('1024M'), 1024 ** 3);
    assert.equal(parseBytes('512mb'), 512 * 1024 ** 2);
    assert.equal(parseBytes('100'), 100);
    assert.equal(parseBytes('lots'), undefined);
  });

  it('follows merge keys (single and list), extends and aliases, naming where a value comes from', () => {
    const text = 'x-a: &a\n  user: root\nx-b: &b\n  user: nobody\n  pid: host\nservices:\n  base:\n    ipc: host\n  one:\n    <<: [*a, *b]\n    extends: base\n  two: &two\n    image: x:1\n  three: *two\n';
    const [base, one, two, three] = model(text).services;
    assert.equal(textOf(one.get('user')?.node), 'root', 'the first merge source wins');
    assert.equal(origin(one.get('user')), ' (inherited from anchor "a")');
    assert.equal(textOf(one.get('pid')?.node), 'host');
    assert.equal(textOf(one.get('ipc')?.node), 'host');
    assert.equal(origin(one.get('ipc')), ' (inherited from service "base" (extends))');
    assert.deepEqual(one.get('ipc')?.span, one.keySpan, 'inherited values point at the service');
    assert.equal(origin(base.get('ipc')), '');
    assert.equal(textOf(three.get('image')?.node), 'x:1');
    assert.equal(origin(three.get('image')), ' (inherited from anchor "two")');
    assert.equal(origin(two.get('image')), '');
  });

  it('treats !reset as unset and accepts !override', () => {
    const [service] = model('x-a: &a\n  privileged: true\n  cap_add: [ALL]\nservices:\n  app:\n    <<: *a\n    privileged: !reset null\n    cap_add: !override [CHOWN]\n').services;
    assert.equal(service.get('privileged'), undefined);
    assert.equal(textOf((service.get('cap_add')?.node as { items: unknown[] }).items[0]), 'CHOWN');
  });

  it('survives extends cycles and a dangling extends', () => {
    const findings = lint('services:\n  a:\n    extends: b\n  b:\n    extends: a\n  c:\n    extends: nowhere\n', 'compose.yaml');
    assert.deepEqual(findings.filter((finding) => finding.ruleId.startsWith('stridelint/')), []);
  });

  it('bounds the work on a YAML alias bomb', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 12; level++) levels.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10).fill(`*${String.fromCharCode(96 + level)}`).join(',')}]`);
    const text = `x-bomb:\n${levels.map((line) => `  ${line}`).join('\n')}\nservices:\n  app:\n    image: x:1\n    cap_add: *l\n`;
    const started = Date.now();
    const findings = lint(text, 'compose.yaml');
    assert.ok(Date.now() - started < 2000, 'linting an alias bomb stays fast');
    assert.deepEqual(findings.filter((finding) => finding.ruleId === 'stridelint/internal-error'), []);
  });

  it('never throws on odd shapes: Helm braces, a service that is a string, null services', () => {
    const odd = ['services:\n  app: "just a string"\n  b:\n  c: [1, 2]\n', 'services:\n  app:\n    image: "{{ .Values.image }}"\n    ports: "{{ .Values.ports }}"\n    volumes: 3\n', 'services: []\n', 'services:\n  ? [complex, key]\n  : image: x\n'];
    for (const text of odd) {
      const findings = lint(text, 'compose.yaml');
      assert.deepEqual(findings.filter((finding) => finding.ruleId === 'stridelint/internal-error').map((finding) => finding.message), [], text);
    }
  });
});
