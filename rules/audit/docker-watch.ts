import { defineRule } from '../engine/rule';
import { watchedPaths } from '../models/audit';

/**
 * CIS Docker Benchmark 1.6.0, 1.1.3–1.1.18: what to audit on a Docker host. Units and sockets live in
 * /lib or /usr/lib depending on the distribution, so their file name is what counts.
 */
const WATCHED: Array<{ cis: string; path: string; matches: (path: string) => boolean }> = [
  exact('1.1.3', '/usr/bin/dockerd'),
  exact('1.1.4', '/run/containerd'),
  exact('1.1.5', '/var/lib/docker'),
  exact('1.1.6', '/etc/docker'),
  named('1.1.7', '/usr/lib/systemd/system/docker.service'),
  named('1.1.8', '/run/containerd/containerd.sock'),
  named('1.1.9', '/usr/lib/systemd/system/docker.socket'),
  exact('1.1.10', '/etc/default/docker'),
  exact('1.1.11', '/etc/docker/daemon.json'),
  exact('1.1.12', '/etc/containerd/config.toml'),
  exact('1.1.13', '/etc/sysconfig/docker'),
  exact('1.1.14', '/usr/bin/containerd'),
  exact('1.1.15', '/usr/bin/containerd-shim'),
  exact('1.1.16', '/usr/bin/containerd-shim-runc-v1'),
  exact('1.1.17', '/usr/bin/containerd-shim-runc-v2'),
  { cis: '1.1.18', path: '/usr/sbin/runc', matches: (path) => path === '/usr/sbin/runc' || path === '/usr/bin/runc' },
];

function exact(cis: string, path: string) {
  return { cis, path, matches: (candidate: string) => candidate.replace(/\/+$/, '') === path };
}

function named(cis: string, path: string) {
  const name = path.slice(path.lastIndexOf('/'));
  return { cis, path, matches: (candidate: string) => candidate.endsWith(name) };
}

export default defineRule({
  meta: {
    id: 'audit/docker-watch',
    kind: 'audit',
    title: 'Audit the Docker daemon\'s files and binaries',
    stride: 'repudiation',
    severity: 'warning',
    fix: 'fix',
    description:
      'When the workspace provisions a Docker host (a `daemon.json`, or a unit or environment file that starts dockerd) and holds audit rules, every file and binary of CIS Docker Benchmark 1.1.3–1.1.18 (`/usr/bin/dockerd`, `/var/lib/docker`, `/etc/docker`, `/etc/docker/daemon.json`, `docker.service`, `docker.socket`, `/etc/default/docker`, containerd, runc, …) should have a `-w` watch or a syscall rule on its path: without one, a change to the daemon, its configuration or its data leaves no trace. Each missing path is one finding on the rules file (on the `-e 2` line when the file locks the configuration, else on its last rule). Watches in other rules files of the same run count. A workspace without audit rules gets nothing, since they may be managed elsewhere.',
    remediation: 'Add the watch, e.g. `-w /etc/docker/daemon.json -p rwxa -k docker`, before any `-e 2` line, and load it with `augenrules --load`.',
    references: [
      { source: 'cis-docker', id: '1.1.3', version: '1.6.0', note: '1.1.3–1.1.18: auditing of Docker files and directories' },
      { source: 'cis-docker', id: '1.5', version: '1.2.0', note: '1.5–1.13 in the older numbering' },
    ],
    examples: {
      invalid: [{ path: 'etc/audit/rules.d/docker.rules', code: '-w /usr/bin/dockerd -p rwxa -k docker\n', workspace: { dockerHost: true } }],
      valid: [{ path: 'etc/audit/rules.d/docker.rules', code: '-w /usr/bin/dockerd -p rwxa -k docker\n' }],
    },
  },
  check(context) {
    const { model, workspace } = context;
    if (!workspace.dockerHost) return;
    if (workspace.auditRulesFile !== undefined && workspace.auditRulesFile !== context.path) return; // one file of the run speaks for all
    const watched = [...watchedPaths(model), ...(workspace.auditWatchedPaths ?? [])];
    const lock = model.rules.find((rule) => rule.locks);
    const last = model.rules[model.rules.length - 1];
    // New lines go before a `-e 2` lock (rules after it are rejected), else at the end of the file.
    const at = lock ? context.lines.lineStart(context.lines.positionAt(lock.span.start).line) : context.text.length;
    const before = !lock && at > 0 && !/[\r\n]$/.test(context.text) ? model.eol : '';
    const span = lock?.span ?? last?.span ?? { start: 0, end: 0 };
    for (const entry of WATCHED) {
      if (watched.some((path) => entry.matches(path))) continue;
      const line = `-w ${entry.path} -p rwxa -k docker`;
      context.report({
        span,
        message: `No audit rule watches ${entry.path} (CIS Docker ${entry.cis}), so changes to it leave no trace.`,
        fixes: [{ title: `Add \`${line}\``, safe: true, edits: [{ start: at, end: at, newText: `${before}${line}${model.eol}` }] }],
      });
    }
  },
});
