import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectKind } from '../../rules/engine';

const DOCKERD_UNIT = '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd://\n';

describe('kind detection: units, drop-ins and environment files of dockerd and the kubelet', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['lib/systemd/system/docker.service', DOCKERD_UNIT, 'systemd'],
    ['etc/systemd/system/docker.service.d/override.conf', DOCKERD_UNIT, 'systemd'],
    ['roles/docker/templates/override.conf.j2', DOCKERD_UNIT, undefined],
    ['roles/docker/templates/docker.service.d/override.conf.j2', DOCKERD_UNIT, 'systemd'],
    ['templates/docker.service.tmpl', DOCKERD_UNIT, 'systemd'],
    ['10-kubeadm.conf', '[Service]\nExecStart=\nExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_EXTRA_ARGS\n', 'systemd'],
    ['nginx.service', '[Service]\nExecStart=/usr/sbin/nginx\n', undefined],
    ['docker.service.d/http-proxy.conf', '[Service]\nEnvironment="HTTP_PROXY=http://proxy:3128"\n', undefined],
    ['docker.service', '[Service]\nExecStart=/usr/bin/dockerd-current --selinux-enabled\n', 'systemd'],
    ['etc/default/docker', 'DOCKER_OPTS="--icc=false"\n', 'env-file'],
    ['etc/sysconfig/docker', "OPTIONS='--selinux-enabled'\n", 'env-file'],
    ['etc/sysconfig/kubelet', 'KUBELET_EXTRA_ARGS=--read-only-port=0\n', 'env-file'],
    ['var/lib/kubelet/kubeadm-flags.env', 'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///run/containerd/containerd.sock"\n', 'env-file'],
    ['templates/docker.default.j2', 'DOCKER_OPTS="{{ docker_opts }}"\n', 'env-file'],
    ['etc/default/docker', '# nothing set\n', undefined],
    ['etc/default/grub', 'GRUB_CMDLINE_LINUX=""\n', undefined],
  ];
  for (const [path, text, kind] of cases) {
    it(`${path} → ${kind ?? 'not linted'}`, () => assert.equal(detectKind(path, text), kind));
  }
});

describe('kind detection: audit rules', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['etc/audit/audit.rules', '-D\n-b 8192\n-w /etc/docker -p rwxa -k docker\n', 'audit'],
    ['etc/audit/rules.d/docker.rules', '## docker\n-w /usr/bin/dockerd -k docker\n', 'audit'],
    ['roles/auditd/templates/rules.d/docker.rules.j2', '-w /usr/bin/dockerd -k docker\n', 'audit'],
    ['etc/udev/rules.d/99-net.rules', 'SUBSYSTEM=="net", ACTION=="add", NAME="eth0"\n', undefined],
    ['lib/udev/rules.d/60-a.rules', '-w /x\n', undefined],
    ['etc/audit/rules.d/empty.rules', '# nothing yet\n', undefined],
  ];
  for (const [path, text, kind] of cases) {
    it(`${path} → ${kind ?? 'not linted'}`, () => assert.equal(detectKind(path, text), kind));
  }
});
