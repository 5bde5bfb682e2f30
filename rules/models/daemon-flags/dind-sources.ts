import type { Node } from 'yaml';
import { isScalar } from '../yaml-nodes';
import type { DaemonModel } from '../daemon';
import type { ComposeModel } from '../compose';
import type { KubernetesModel } from '../kubernetes';
import { getNode, nodeSpan } from '../yaml';
import { dindDaemon } from './dind';

/** The dockerd of each compose service that runs one (a dind image's arguments or a `dockerd` command). */
export function composeDaemons(model: ComposeModel, text: string): DaemonModel[] {
  return model.services.flatMap((service) => {
    const image = service.get('image');
    const entrypoint = service.get('entrypoint');
    const command = service.get('command');
    if (!command && !entrypoint) return [];
    const daemon = dindDaemon({
      text,
      image: isScalar(image?.node) ? String(image.node.value) : undefined,
      parts: [entrypoint?.node, command?.node],
      anchor: image?.span ?? service.keySpan,
    });
    return daemon ? [daemon] : [];
  });
}

/** The dockerd of each Kubernetes container that runs one (sidecar dind in CI runners, build pods). */
export function kubernetesDaemons(model: KubernetesModel, text: string): DaemonModel[] {
  return model.podSpecs.flatMap((pod) =>
    pod.containers.flatMap((container) => {
      const image = getNode(container.node, 'image') as Node | undefined;
      const command = getNode(container.node, 'command') as Node | undefined;
      const args = getNode(container.node, 'args') as Node | undefined;
      if (!command && !args) return [];
      const daemon = dindDaemon({ text, image: isScalar(image) ? String(image.value) : undefined, parts: [command, args], anchor: image ? nodeSpan(image) : container.nameSpan });
      return daemon ? [daemon] : [];
    }),
  );
}
