import type { NodeOrigin } from './origin';
import { gvkOf, nameOf, type Resource } from './resource';
import { mapAt, scalar, setField } from './tree';

const SCALED = new Set(['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet']);

/** `replicas`: sets spec.replicas of the named Deployments, ReplicationControllers, ReplicaSets and StatefulSets. */
export function applyReplicas(resources: readonly Resource[], name: string, count: number, origin: NodeOrigin | undefined): void {
  for (const resource of resources) {
    if (!SCALED.has(gvkOf(resource.node).kind)) continue;
    if (nameOf(resource.node) !== name && !resource.names.includes(name)) continue;
    setField(mapAt(resource.node, ['spec'], true, origin)!, 'replicas', scalar(count, origin), origin);
  }
}
