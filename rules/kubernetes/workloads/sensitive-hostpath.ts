import type { YAMLMap } from 'yaml';
import { isMap } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { describeContainer, podField, regularContainers, stringOf } from '../../models/kubernetes';
import { asBoolean, asMap, asSeqItems, findPair, getNode, nodeSpan } from '../../models/yaml';
import { setIn } from '../../models/yaml-edit';

const SENSITIVE = ['/etc', '/proc', '/sys', '/dev', '/boot', '/lib', '/usr', '/bin', '/sbin', '/root', '/home', '/var/log', '/var/lib/kubelet', '/var/lib/docker', '/var/lib/containerd', '/etc/kubernetes'];
const SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/containerd/containerd.sock', '/var/run/crio/crio.sock']);

function normalise(path: string): string {
  const cleaned = path.replace(/\/+/g, '/').replace(/\/$/, '');
  return cleaned === '' ? '/' : cleaned;
}

/** The sensitive directory a host path is, or lies under; `/` only as itself. */
export function sensitiveRoot(path: string): string | undefined {
  const normal = normalise(path);
  if (normal === '/' || SOCKETS.has(normal)) return normal;
  return SENSITIVE.find((root) => normal === root || normal.startsWith(`${root}/`));
}

export default defineRule({
  meta: {
    id: 'kubernetes/sensitive-hostpath',
    kind: 'kubernetes',
    title: 'Do not mount sensitive node paths or runtime sockets',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'suggest',
    description:
      "A `hostPath` volume of a system directory (`/etc`, `/proc`, `/var/lib/kubelet` …) or of the container runtime's socket hands the pod the node: the Docker or containerd socket starts privileged containers, writable `/etc` plants users and cron jobs, and even a read-only `/var/log` lets a pod read any node file through the kubelet's log endpoint. A socket or a writable mount is an error; a read-only mount of a system directory a warning.",
    remediation: 'Remove the volume; if the workload must read node files, mount the narrowest path with `readOnly: true` on every `volumeMounts` entry.',
    references: [
      { source: 'checkov', id: 'CKV_K8S_27', note: 'docker socket' },
      { source: 'kics', id: 'a6f34658-fdfb-4154-9536-56d516f65828', note: 'Docker Daemon Socket is Exposed to Containers' },
      { source: 'kics', id: 'Workload Mounting With Sensitive OS Directory', note: 'Workload Mounting With Sensitive OS Directory' },
      { source: 'kics', id: 'Volume Mount With OS Directory Write Permissions', note: 'Volume Mount With OS Directory Write Permissions' },
      { source: 'trivy', id: 'KSV006' },
      { source: 'trivy', id: 'KSV121' },
      { source: 'kube-linter', id: 'sensitive-host-mounts' },
      { source: 'kube-linter', id: 'docker-sock' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ci\nspec:\n  containers:\n    - name: ci\n      image: docker:27\n      volumeMounts:\n        - name: docker\n          mountPath: /var/run/docker.sock\n  volumes:\n    - name: docker\n      hostPath:\n        path: /var/run/docker.sock\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ci\nspec:\n  containers:\n    - name: ci\n      image: builder:1.0\n      volumeMounts:\n        - name: cache\n          mountPath: /cache\n  volumes:\n    - name: cache\n      hostPath:\n        path: /srv/ci-cache\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      if (pod.isControlPlane) continue;
      for (const volume of asSeqItems(podField(pod, 'volumes')?.node)) {
        if (!isMap(volume)) continue;
        const pathNode = getNode(asMap(getNode(volume, 'hostPath')), 'path');
        const path = stringOf(pathNode);
        const root = path === undefined ? undefined : sensitiveRoot(path);
        if (!path || !root) continue;
        const name = stringOf(getNode(volume, 'name'));
        const writable: Array<{ label: string; mount: YAMLMap }> = [];
        for (const container of regularContainers(pod)) {
          for (const mount of asSeqItems(getNode(container.node, 'volumeMounts'))) {
            if (isMap(mount) && stringOf(getNode(mount, 'name')) === name && asBoolean(getNode(mount, 'readOnly')) !== true) writable.push({ label: describeContainer(container), mount });
          }
        }
        const socket = SOCKETS.has(normalise(path));
        context.report({
          span: nodeSpan(pathNode),
          severity: socket ? 'error' : 'warning',
          message: socket
            ? `Volume "${name ?? '?'}" mounts the container runtime socket ${path}, which lets the pod start privileged containers and take over the node.`
            : `Volume "${name ?? '?'}" mounts the node's ${path}${root === normalise(path) ? '' : ` (under ${root})`}, exposing node system files to the pod.`,
        });
        if (socket) continue;
        for (const { label, mount } of writable) {
          const edit = setIn(context.text, mount, ['readOnly'], 'true');
          context.report({
            span: nodeSpan(getNode(mount, 'mountPath') ?? findPair(mount, 'name')?.value as never),
            message: `The ${label} mounts the node's ${path} writable, so it can change node system files.`,
            fixes: edit ? [{ title: 'Mount it with `readOnly: true`', safe: false, edits: [edit] }] : [],
          });
        }
      }
    }
  },
});
