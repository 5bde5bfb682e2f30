import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../server/cli/main';

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  column: number;
  endColumn: number;
  severity: string;
  stride: string;
  message: string;
}

function lintWorkspace(files: Record<string, string>): JsonFinding[] {
  const root = mkdtempSync(join(tmpdir(), 'stridelint-flags-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  let stdout = '';
  main(['--format', 'json'], { stdout: (text) => (stdout += text), stderr: () => undefined, cwd: root });
  return JSON.parse(stdout).findings as JsonFinding[];
}

const OVERRIDE = '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375 --icc=true\n';

describe('dockerd flags across a workspace (CLI)', () => {
  it('done when: the override.conf gives the unauthenticated-TCP error and the icc finding on the flags, STRIDE-tagged as for daemon.json', () => {
    const unit = lintWorkspace({ 'etc/systemd/system/docker.service.d/override.conf': OVERRIDE });
    const tcp = unit.find((finding) => finding.ruleId === 'daemon/tcp-without-tls')!;
    const icc = unit.find((finding) => finding.ruleId === 'daemon/icc-enabled')!;
    assert.deepEqual([tcp.line, tcp.column, tcp.endColumn, tcp.severity, tcp.stride], [3, 37, 58, 'error', 'spoofing'], 'on `-H tcp://0.0.0.0:2375`');
    assert.deepEqual([icc.line, icc.column, icc.endColumn, icc.stride], [3, 59, 69, 'information-disclosure'], 'on `--icc=true`');
    const json = lintWorkspace({ 'etc/docker/daemon.json': '{\n  "hosts": ["fd://", "tcp://0.0.0.0:2375"],\n  "icc": true\n}\n' });
    for (const finding of [tcp, icc]) {
      const same = json.find((candidate) => candidate.ruleId === finding.ruleId);
      assert.ok(same, `daemon.json gives ${finding.ruleId} too`);
      assert.equal(same.stride, finding.stride);
    }
  });

  it('done when: daemon.json with "icc": false next to a unit passing --icc=false gives the conflict error on both', () => {
    const findings = lintWorkspace({
      'etc/docker/daemon.json': '{\n  "icc": false\n}\n',
      'etc/systemd/system/docker.service.d/override.conf': '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd:// --icc=false\n',
    });
    const conflicts = findings.filter((finding) => finding.ruleId === 'daemon/flag-conflict').map((finding) => `${finding.path}:${finding.line}:${finding.column} ${finding.severity}`);
    assert.deepEqual(conflicts, ['etc/docker/daemon.json:2:3 error', 'etc/systemd/system/docker.service.d/override.conf:3:37 error']);
  });

  it('"hosts" in daemon.json with a unit that passes -H is the same conflict', () => {
    const findings = lintWorkspace({
      'daemon.json': '{\n  "hosts": ["unix:///var/run/docker.sock"]\n}\n',
      'docker.service': '[Service]\nExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock\n',
    });
    assert.equal(findings.filter((finding) => finding.ruleId === 'daemon/flag-conflict').length, 2);
  });

  it('a dind service is not compared with the host daemon.json', () => {
    const findings = lintWorkspace({
      'daemon.json': '{\n  "icc": false\n}\n',
      'compose.yaml': 'services:\n  docker:\n    image: docker:dind\n    command: ["dockerd", "--icc=false"]\n',
    });
    assert.equal(findings.filter((finding) => finding.ruleId === 'daemon/flag-conflict').length, 0);
  });

  it('a setting given as a flag clears the "not set in daemon.json" finding', () => {
    const findings = lintWorkspace({
      'daemon.json': '{\n  "log-level": "info"\n}\n',
      'docker.service.d/override.conf': '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --icc=false --no-new-privileges --live-restore\n',
    });
    const onJson = (ruleId: string) => findings.some((finding) => finding.path === 'daemon.json' && finding.ruleId === ruleId);
    assert.equal(onJson('daemon/icc-enabled'), false);
    assert.equal(onJson('daemon/no-new-privileges'), false);
    assert.equal(onJson('daemon/live-restore'), false);
    assert.equal(onJson('daemon/userns-remap'), true, 'still absent everywhere');
  });

  it('compose rules read the flags: --no-new-privileges in the unit lowers compose/no-new-privileges to info', () => {
    const compose = 'services:\n  app:\n    image: nginx:1.27\n';
    const severity = (files: Record<string, string>) => lintWorkspace(files).find((finding) => finding.ruleId === 'compose/no-new-privileges')?.severity;
    assert.equal(severity({ 'compose.yaml': compose }), 'warning');
    assert.equal(severity({ 'compose.yaml': compose, 'etc/default/docker': 'DOCKER_OPTS="--no-new-privileges"\n' }), 'info');
    assert.equal(severity({ 'compose.yaml': compose, 'etc/default/docker': 'DOCKER_OPTS="--no-new-privileges"\n', 'daemon.json': '{ "no-new-privileges": false }\n' }), 'warning', 'daemon.json and flags disagree');
  });

  it('done when: an audit rules file without -w /etc/docker/daemon.json, in a workspace with a daemon.json, gives the finding', () => {
    const rules = '-w /usr/bin/dockerd -p rwxa -k docker\n';
    const missing = (files: Record<string, string>) => lintWorkspace(files).filter((finding) => finding.ruleId === 'audit/docker-watch').map((finding) => `${finding.path} ${/watches (\S+)/.exec(finding.message)?.[1]}`);
    const found = missing({ 'etc/docker/daemon.json': '{ "icc": false }\n', 'etc/audit/rules.d/docker.rules': rules });
    assert.ok(found.includes('etc/audit/rules.d/docker.rules /etc/docker/daemon.json'));
    assert.equal(found.length, 15, 'every path but /usr/bin/dockerd');
    assert.deepEqual(missing({ 'etc/audit/rules.d/docker.rules': rules }), [], 'no Docker host: nothing');
    assert.deepEqual(missing({ 'etc/docker/daemon.json': '{}\n' }), [], 'no audit rules: nothing');
    const split = missing({
      'docker.service.d/override.conf': '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd://\n',
      'etc/audit/rules.d/docker.rules': rules,
      'etc/audit/rules.d/more.rules': '-w /etc/docker/daemon.json -p rwxa -k docker\n',
    });
    assert.equal(split.length, 14, 'watches in another rules file count, a dockerd unit makes a Docker host');
    assert.ok(split.every((entry) => entry.startsWith('etc/audit/rules.d/docker.rules ')), 'reported once, on the file named for docker');
  });
});
