import { defineRule } from '../engine/rule';
import { origin } from '../models/compose';
import { isUnder, normaliseHostPath, volumesOf } from '../models/compose-parts';

/** The CIS list plus paths that hold host credentials or runtime state. `/` itself is checked exactly. */
const SENSITIVE = ['/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr', '/root', '/var/lib/docker', '/var/lib/kubelet', '/var/run', '/run'];
/** Read-only mounts commonly needed and harmless. */
const ALLOWED_READ_ONLY = ['/etc/localtime', '/etc/timezone', '/etc/ssl/certs'];
/** Harmless in any mode: the null device is a common way to blank out a file. */
const ALWAYS_ALLOWED = new Set(['/dev/null']);
/** Container runtime sockets are compose/docker-socket's concern. */
const SOCKETS = /\.sock$|^\\\\\.\\pipe\\/;

export default defineRule({
  meta: {
    id: 'compose/sensitive-host-mount',
    kind: 'compose',
    title: 'Do not mount sensitive host directories',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'none',
    description:
      'Binding the host\'s `/`, `/etc`, `/proc`, `/sys`, `/dev`, `/boot`, `/usr`, `/lib`, `/root`, `/run` or Docker\'s and the kubelet\'s state directories into a container lets it read host secrets and, when writable, change the host: add users, replace binaries, load modules. Named volumes whose `driver_opts` bind a host `device` count too.',
    remediation: 'Mount only the narrow path the service needs, read-only (`:ro` / `read_only: true`); `/etc/localtime`, `/etc/timezone` and `/etc/ssl/certs` read-only are allowed.',
    references: [
      { source: 'cis-docker', id: '5.6', version: '1.6.0' },
      { source: 'cis-docker', id: '5.5', version: '1.2.0' },
      { source: 'kics', id: '1c1325ff-831d-43a1-973e-839ae57dfcc0', note: 'Volume Has Sensitive Host Directory' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    volumes:\n      - /etc:/host-etc\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - ./data:/data\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      const value = service.get('volumes');
      for (const volume of volumesOf(context.model.document, context.model.volumes, value)) {
        if (volume.type !== 'bind' || !volume.source || SOCKETS.test(volume.source)) continue;
        const source = normaliseHostPath(volume.source);
        if (ALWAYS_ALLOWED.has(source)) continue;
        const root = source === '/' ? '/' : SENSITIVE.find((path) => isUnder(source, path));
        if (!root) continue;
        if (volume.readOnly && ALLOWED_READ_ONLY.some((path) => isUnder(source, path))) continue;
        const via = volume.disguisedAs ? ` through the named volume "${volume.disguisedAs}"` : '';
        const mode = volume.readOnly ? 'read-only' : 'read-write';
        context.report({
          span: volume.span,
          ...(volume.readOnly ? { severity: 'warning' as const } : {}),
          message: `Service "${service.name}" mounts the host path ${source}${via} ${mode}${origin(value)}, exposing ${root === '/' ? 'the whole host file system' : `host ${root}`} to the container.`,
        });
      }
    }
  },
});
