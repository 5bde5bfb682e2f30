import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyEdits } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { checkLintProperties, RUNS } from './property.test';

/**
 * The new kinds under arbitrary text: a unit or drop-in, an environment file, an audit rules file and a
 * dind service, each with a prefix that keeps the file its kind so the parser (not kind detection) is what
 * the text reaches. Every fix offered must apply and leave a file that still lints without a rule failing.
 */
const SEED = 20261202;
const fragments = fc.constantFrom(
  'ExecStart=', 'Environment=', '[Service]\n', '[Unit]\n', '/usr/bin/dockerd ', 'dockerd ', '-H ', '--host=', 'tcp://0.0.0.0:2375', 'fd://', '--icc', '=true', '=false', ' false',
  '--log-level', ' debug', '--log-opt ', 'max-size=10m', '--default-ulimit ', 'nofile=1:2', '--insecure-registry ', '-D', '-l', '--tls', '--',
  '$OPTS', '${OPTS}', '$$', '%%', '"', "'", '\\', '\\\n', '\\x41', 'OPTS=', 'DOCKER_OPTS=', 'export ', '+=', '#', ';', '-w ', '/etc/docker', '-a always,exit -F path=',
  '-e 2', '-F dir=', ' ', '\t', '\n', '\r\n', '\r', 'é', '😀',
);
const syntaxLike = fc.array(fragments, { maxLength: 60 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 300, unit: 'binary' }), syntaxLike);

const FORMS: Array<{ name: string; path: string; wrap: (text: string) => string }> = [
  { name: 'drop-in', path: 'docker.service.d/override.conf', wrap: (text) => `[Service]\nExecStart=\nExecStart=/usr/bin/dockerd ${text}\n` },
  { name: 'unit with Environment=', path: 'docker.service', wrap: (text) => `[Service]\nEnvironment=${text}\nExecStart=/usr/bin/dockerd $OPTS \${OPTS} ${text}\n` },
  { name: 'environment file', path: 'etc/default/docker', wrap: (text) => `DOCKER_OPTS=${text}\nDOCKER_OPTS="$DOCKER_OPTS ${text}"\n` },
  { name: 'audit rules', path: 'etc/audit/rules.d/docker.rules', wrap: (text) => `-w /usr/bin/dockerd -k docker\n${text}\n` },
  { name: 'compose dind', path: 'compose.yaml', wrap: (text) => `services:\n  d:\n    image: docker:dind\n    command: ${JSON.stringify(['dockerd', ...text.split(' ')])}\n` },
];

function fixesApply(text: string, path: string): void {
  const workspace = { dockerHost: true, daemonJsonKeys: { icc: 'daemon.json', hosts: 'daemon.json' } };
  for (const finding of lintFile(text, path, { workspace }).findings) {
    for (const fix of finding.fixes) {
      const fixed = applyEdits(text.replace(/^\uFEFF/, ''), fix.edits);
      const after = lintFile(fixed, path, { workspace }).findings;
      assert.deepEqual(after.filter((candidate) => candidate.ruleId === 'stridelint/internal-error').map((candidate) => candidate.message), [], `after "${fix.title}"`);
    }
  }
}

describe('property: dockerd flags, units, environment and audit files', () => {
  for (const form of FORMS) {
    it(`${form.name}: arbitrary and syntax-like text never breaks the linter, and every fix applies`, () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const wrapped = form.wrap(text);
          checkLintProperties(wrapped, form.path);
          fixesApply(wrapped, form.path);
        }),
        { seed: SEED, numRuns: RUNS.text },
      );
    });
  }
});

describe('hostile input: units and environment files', () => {
  it('self-doubling variables (A="$A$A" on 64 lines) are bounded', () => {
    const text = `DOCKER_OPTS="--icc"\n${'DOCKER_OPTS="$DOCKER_OPTS $DOCKER_OPTS"\n'.repeat(64)}`;
    const started = Date.now();
    checkLintProperties(text, 'etc/default/docker');
    assert.ok(Date.now() - started < 5000, 'linted in under 5 s');
  });

  it('20,000 continuation lines and a 1 MB ExecStart are read without overflow', () => {
    checkLintProperties(`[Service]\nExecStart=/usr/bin/dockerd \\\n${'  --icc=true \\\n'.repeat(20_000)}  -H fd://\n`, 'docker.service');
    checkLintProperties(`[Service]\nExecStart=/usr/bin/dockerd --label=${'a'.repeat(1_000_000)}\n`, 'docker.service');
  });

  it('an unterminated quote and a trailing backslash at the end of the file', () => {
    checkLintProperties('[Service]\nExecStart=/usr/bin/dockerd "--icc=true \\', 'docker.service');
    checkLintProperties('DOCKER_OPTS="--icc=true \\', 'etc/default/docker');
  });
});
