import { defineRule } from '../engine/rule';
import { booleanOf, origin } from '../models/compose';
import { normaliseHostPath, volumesOf } from '../models/compose-parts';

const SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock', '~/.docker/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/containerd/containerd.sock', '/var/run/crio/crio.sock', '/run/crio/crio.sock', '/run/podman/podman.sock', '/var/run/podman/podman.sock']);
const NPIPE = /^\\\\\.\\pipe\\docker_engine$|^\/\/\.\/pipe\/docker_engine$/i;

export default defineRule({
  meta: {
    id: 'compose/docker-socket',
    kind: 'compose',
    title: 'Do not mount the container runtime socket',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'none',
    description:
      'Whoever can talk to the Docker (or containerd, CRI-O, Podman) socket can start a privileged container with the host\'s root file system mounted: mounting the socket, even read-only (`:ro` only protects the socket file, not the API), hands the service root on the host. `use_api_socket: true` does the same and also passes the user\'s registry credentials.',
    remediation: 'Remove the mount; if the service must use the API, put a socket proxy with an allow-list of endpoints in between.',
    references: [
      { source: 'cis-docker', id: '5.32', version: '1.6.0' },
      { source: 'cis-docker', id: '5.31', version: '1.2.0' },
      { source: 'kics', id: 'd6355c88-1e8d-49e9-b2f2-f8a1ca12c75b', note: 'Docker Socket Mounted In Container' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  agent:\n    image: portainer/agent:2.21.0\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n' }],
      valid: [{ code: 'services:\n  agent:\n    image: portainer/agent:2.21.0\n    volumes:\n      - ./config:/config:ro\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      const value = service.get('volumes');
      for (const volume of volumesOf(context.model.document, context.model.volumes, value)) {
        if (!volume.source || (volume.type !== 'bind' && volume.type !== 'npipe')) continue;
        const source = volume.type === 'npipe' ? volume.source : normaliseHostPath(volume.source);
        if (!SOCKETS.has(source) && !NPIPE.test(source)) continue;
        const mode = volume.readOnly ? ' (read-only does not limit the API)' : '';
        context.report({ span: volume.span, message: `Service "${service.name}" mounts the container runtime socket ${source}${mode}${origin(value)}, which gives it root on the host.` });
      }
      const api = service.get('use_api_socket');
      if (booleanOf(api) === true) {
        context.report({ span: api!.span, message: `Service "${service.name}" sets use_api_socket${origin(api)}, which mounts the Docker socket and the user's registry credentials into it.` });
      }
    }
  },
});
