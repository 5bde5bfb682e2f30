import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flagKey, parseDockerdFlags, recogniseCommand, valueSpan } from '../../../rules/models/daemon-flags/dockerd-flags';
import { charsOf, splitAtWhitespace } from '../../../rules/models/daemon-flags/words';

function wordsOf(text: string) {
  return splitAtWhitespace(charsOf(text, 0, text.length));
}

function flags(text: string) {
  return parseDockerdFlags(wordsOf(text)).flags.map((flag) => ({ key: flag.key, value: flag.value, form: flag.form, written: text.slice(flag.span.start, flag.span.end) }));
}

describe('dockerd flags', () => {
  it('reads --flag=value, --flag value, bare booleans and repeated flags', () => {
    assert.deepEqual(flags('--log-level=debug --log-driver json-file --live-restore --icc=false --icc=true'), [
      { key: 'log-level', value: 'debug', form: 'equals', written: '--log-level=debug' },
      { key: 'log-driver', value: 'json-file', form: 'separate', written: '--log-driver json-file' },
      { key: 'live-restore', value: 'true', form: 'bare', written: '--live-restore' },
      { key: 'icc', value: 'false', form: 'equals', written: '--icc=false' },
      { key: 'icc', value: 'true', form: 'equals', written: '--icc=true' },
    ]);
  });

  it('a boolean flag never consumes the next word (`--icc false` leaves `false` as an argument)', () => {
    assert.deepEqual(flags('--icc false --debug'), [
      { key: 'icc', value: 'true', form: 'bare', written: '--icc' },
      { key: 'debug', value: 'true', form: 'bare', written: '--debug' },
    ]);
  });

  it('maps shorthands and the singular list flags to their daemon.json keys (-H twice, --host, -D, -l)', () => {
    assert.deepEqual(flags('-H fd:// -H tcp://0.0.0.0:2375 --host=unix:///run/d.sock -Htcp://:2376 -D -l warn').map((flag) => `${flag.key}=${flag.value} (${flag.form})`), [
      'hosts=fd:// (separate)',
      'hosts=tcp://0.0.0.0:2375 (separate)',
      'hosts=unix:///run/d.sock (equals)',
      'hosts=tcp://:2376 (attached)',
      'debug=true (bare)',
      'log-level=warn (separate)',
    ]);
    assert.deepEqual(flagKey('insecure-registry'), { key: 'insecure-registries', type: 'array' });
    assert.deepEqual(flagKey('log-opt'), { key: 'log-opts', type: 'object' });
    assert.deepEqual(flagKey('authorization-plugin'), { key: 'authorization-plugins', type: 'array' });
    assert.deepEqual(flagKey('default-ulimit'), { key: 'default-ulimits', type: 'object' });
    assert.deepEqual(flagKey('userns-remap'), { key: 'userns-remap', type: 'string' });
    assert.deepEqual(flagKey('http-proxy'), { key: 'proxies.http-proxy', type: 'string' });
    assert.equal(flagKey('config-file'), undefined, 'a command-line-only flag sets no key');
  });

  it('reports flags dockerd does not have and stops at --', () => {
    const parsed = parseDockerdFlags(wordsOf('--no-such-flag --icc=false -- --debug'));
    assert.deepEqual(parsed.unknown.map((word) => word.value), ['--no-such-flag']);
    assert.deepEqual(parsed.flags.map((flag) => flag.key), ['icc']);
  });

  it('a value flag at the end with no value is not read', () => {
    assert.deepEqual(flags('--log-level'), []);
  });

  it('valueSpan is the value characters of each form', () => {
    const text = '--log-level=debug -l info --icc';
    const spans = parseDockerdFlags(wordsOf(text)).flags.map((flag) => text.slice(valueSpan(flag).start, valueSpan(flag).end));
    assert.deepEqual(spans, ['debug', 'info', '--icc']);
  });

  it('recognises dockerd, docker daemon, dockerd-current and the kubelet, after systemd prefixes', () => {
    const program = (text: string) => {
      const recognised = recogniseCommand(wordsOf(text));
      return recognised && `${recognised.program}@${recognised.argumentsFrom}`;
    };
    assert.equal(program('/usr/bin/dockerd -H fd://'), 'dockerd@1');
    assert.equal(program('-/usr/bin/dockerd-current --selinux-enabled'), 'dockerd@1');
    assert.equal(program('/usr/bin/docker daemon -H fd://'), 'dockerd@2');
    assert.equal(program('@/usr/bin/dockerd dockerd --icc=false'), 'dockerd@2');
    assert.equal(program('/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS'), 'kubelet@1');
    assert.equal(program('/usr/bin/docker run alpine'), undefined);
    assert.equal(program('/usr/bin/containerd'), undefined);
  });
});
