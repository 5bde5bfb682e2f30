import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../../rules/audit/docker-watch';
import { lintFile } from '../../../rules/registry-lint';
import { testRule } from '../../helpers/rule-tester';

/** Every CIS Docker 1.1.3–1.1.18 path watched, units by their distribution paths. */
const COMPLETE = [
  '-w /usr/bin/dockerd -p rwxa -k docker',
  '-a exit,always -F path=/run/containerd -F perm=war -k docker',
  '-w /var/lib/docker -p rwxa -k docker',
  '-w /etc/docker -p rwxa -k docker',
  '-w /lib/systemd/system/docker.service -p rwxa -k docker',
  '-w /run/containerd/containerd.sock -p rwxa -k docker',
  '-w /lib/systemd/system/docker.socket -p rwxa -k docker',
  '-w /etc/default/docker -p rwxa -k docker',
  '-w /etc/docker/daemon.json -p rwxa -k docker',
  '-w /etc/containerd/config.toml -p rwxa -k docker',
  '-w /etc/sysconfig/docker -p rwxa -k docker',
  '-w /usr/bin/containerd -p rwxa -k docker',
  '-w /usr/bin/containerd-shim -p rwxa -k docker',
  '-w /usr/bin/containerd-shim-runc-v1 -p rwxa -k docker',
  '-w /usr/bin/containerd-shim-runc-v2 -p rwxa -k docker',
  '-w /usr/bin/runc -p rwxa -k docker',
];
const HOST = { dockerHost: true };
const without = (path: string) => COMPLETE.filter((line) => !line.includes(` ${path} `) && !line.includes(`=${path} `)).join('\n') + '\n';

testRule(rule, {
  valid: [
    { name: 'every CIS path watched (a syscall rule on /run/containerd counts)', code: COMPLETE.join('\n') + '\n', workspace: HOST },
    { name: 'no Docker host in the workspace: nothing', code: '-w /etc/passwd -p wa -k identity\n' },
    { name: 'the watch is in another rules file of the run', code: without('/etc/docker/daemon.json'), workspace: { ...HOST, auditWatchedPaths: ['/etc/docker/daemon.json'] } },
    { name: 'another rules file of the run reports for all', code: '-w /etc/passwd -p wa -k identity\n', workspace: { ...HOST, auditRulesFile: 'etc/audit/rules.d/docker.rules' }, path: 'etc/audit/rules.d/identity.rules' },
  ],
  invalid: [
    {
      name: 'done when: without -w /etc/docker/daemon.json in a workspace with a daemon.json, the fix adds the watch line',
      code: without('/etc/docker/daemon.json'),
      workspace: HOST,
      errors: [{ line: 15, column: 1, message: 'No audit rule watches /etc/docker/daemon.json (CIS Docker 1.1.11), so changes to it leave no trace.' }],
      output: without('/etc/docker/daemon.json') + '-w /etc/docker/daemon.json -p rwxa -k docker\n',
    },
    {
      name: 'a locked configuration (-e 2): the line goes before the lock',
      code: without('/usr/bin/dockerd').replace(/\n$/, '\n-e 2\n'),
      workspace: HOST,
      errors: [{ line: 16, column: 1, endColumn: 5 }],
      output: '-w /usr/bin/dockerd -p rwxa -k docker\n'.replace(/^/, without('/usr/bin/dockerd')) + '-e 2\n',
    },
    {
      name: 'no final newline: the line starts on a new one',
      code: without('/usr/bin/runc').replace(/\n$/, ''),
      workspace: HOST,
      errors: [{ line: 15, column: 1 }],
      output: without('/usr/bin/runc') + '-w /usr/sbin/runc -p rwxa -k docker\n',
    },
  ],
});

it('audit/docker-watch: an empty rules file on a Docker host misses all sixteen paths', () => {
  const findings = lintFile('-D\n-b 8192\n', 'etc/audit/audit.rules', { workspace: HOST }).findings.filter((finding) => finding.ruleId === rule.meta.id);
  assert.equal(findings.length, 16);
});
