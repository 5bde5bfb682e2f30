import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run, workspace } from '../helpers/cli';

describe('stridelint rules --effective', () => {
  it('shows each rule’s severity in force and where it came from', () => {
    const root = workspace({
      '.stridelint.yaml': 'extends: [stridelint:cis-docker, stridelint:pss-restricted]\nrules:\n  kubernetes/image-tag: warning\noverrides:\n  - files: ["legacy/**"]\n    rules:\n      kubernetes/no-privileged: off\n',
      'legacy/pod.yaml': 'kind: Pod\n',
    });
    const table = run(['rules', '--effective'], root);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^\| `kubernetes\/no-privileged` \| error \| stridelint:pss-restricted \|$/m);
    assert.match(table.stdout, /^\| `kubernetes\/image-tag` \| warning \| rules \|$/m);
    assert.match(table.stdout, /^\| `dockerfile\/no-root-user` \| off \| stridelint:pss-restricted \|$/m, 'the later preset turns the CIS rule off again');
    const json = JSON.parse(run(['rules', '--effective', 'legacy/pod.yaml', '--format', 'json'], root).stdout) as { rules: Array<{ id: string; severity: string; origin: string }> };
    assert.deepEqual(json.rules.find((rule) => rule.id === 'kubernetes/no-privileged'), { id: 'kubernetes/no-privileged', severity: 'off', origin: 'overrides[0]' });
  });

  it('without a configuration every rule says "default"; --effective belongs to the rules command', () => {
    const root = workspace({ Dockerfile: 'FROM alpine:3.20\n' });
    const json = JSON.parse(run(['rules', '--effective', '--format', 'json'], root).stdout) as { rules: Array<{ origin: string }> };
    assert.ok(json.rules.every((rule) => rule.origin.startsWith('default')));
    assert.equal(run(['--effective'], root).code, 2);
  });
});
