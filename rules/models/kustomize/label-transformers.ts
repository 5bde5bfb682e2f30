import { pathSegments, specSelects, visitPath, type FieldSpec } from './field-spec';
import type { NodeOrigin } from './origin';
import { gvkOf, type Resource } from './resource';
import { isMap, scalar, setField, type KMap } from './tree';

const WORKLOADS = ['Deployment', 'ReplicaSet', 'DaemonSet'];

/** kustomize's metadataLabels field specs (templates of pod controllers included). */
const METADATA_LABELS: FieldSpec[] = [
  { path: 'metadata/labels', create: true },
  { path: 'spec/template/metadata/labels', create: true, version: 'v1', kind: 'ReplicationController' },
  ...WORKLOADS.map((kind) => ({ path: 'spec/template/metadata/labels', create: true, kind })),
  { path: 'spec/template/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/template/metadata/labels', create: true, group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/metadata/labels', create: true, group: 'batch', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/metadata/labels', create: true, group: 'batch', kind: 'CronJob' },
];

export const VOLUME_CLAIM_TEMPLATE_LABELS: FieldSpec[] = [{ path: 'spec/volumeClaimTemplates[]/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' }];

const AFFINITY_SELECTORS = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];

/** kustomize's commonLabels field specs: selectors too (created where a controller must have one). */
const SELECTORS: FieldSpec[] = [
  { path: 'spec/selector', create: true, version: 'v1', kind: 'Service' },
  { path: 'spec/selector', create: true, version: 'v1', kind: 'ReplicationController' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'Deployment' },
  ...AFFINITY_SELECTORS.map((path) => ({ path, create: false, group: 'apps', kind: 'Deployment' })),
  { path: 'spec/selector/matchLabels', create: true, kind: 'ReplicaSet' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'DaemonSet' },
  { path: 'spec/selector/matchLabels', create: true, group: 'apps', kind: 'StatefulSet' },
  ...AFFINITY_SELECTORS.map((path) => ({ path, create: false, group: 'apps', kind: 'StatefulSet' })),
  { path: 'spec/selector/matchLabels', create: false, group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/spec/selector/matchLabels', create: false, group: 'batch', kind: 'CronJob' },
  { path: 'spec/selector/matchLabels', create: false, group: 'policy', kind: 'PodDisruptionBudget' },
  { path: 'spec/podSelector/matchLabels', create: false, group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/ingress/from/podSelector/matchLabels', create: false, group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/egress/to/podSelector/matchLabels', create: false, group: 'networking.k8s.io', kind: 'NetworkPolicy' },
];

export const COMMON_LABEL_SPECS: FieldSpec[] = [...SELECTORS, ...METADATA_LABELS, ...VOLUME_CLAIM_TEMPLATE_LABELS];
/** `labels:` without includeSelectors: metadata only; includeTemplates adds the pod templates. */
export const METADATA_ONLY_SPECS: FieldSpec[] = [METADATA_LABELS[0]];
export const TEMPLATE_LABEL_SPECS: FieldSpec[] = METADATA_LABELS;

const WITH_TEMPLATE = ['ReplicationController', 'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'];
export const COMMON_ANNOTATION_SPECS: FieldSpec[] = [
  { path: 'metadata/annotations', create: true },
  ...WITH_TEMPLATE.map((kind) => ({ path: 'spec/template/metadata/annotations', create: true, kind, ...(kind === 'ReplicationController' ? { version: 'v1' } : {}) })),
  { path: 'spec/template/metadata/annotations', create: true, group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/metadata/annotations', create: true, group: 'batch', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/metadata/annotations', create: true, group: 'batch', kind: 'CronJob' },
];

/** Adds the `pairs` (each value with the overlay node that set it) to the maps the field specs reach. */
export function applyMapEntries(resources: readonly Resource[], pairs: KMap, specs: readonly FieldSpec[]): void {
  for (const resource of resources) {
    const gvk = gvkOf(resource.node);
    for (const spec of specs) {
      if (!specSelects(spec, gvk)) continue;
      visitPath(resource.node, pathSegments(spec.path), spec.create ?? false, (parent, key) => {
        let target = parent.entries.find((e) => e.key === key)?.value;
        if (!isMap(target)) {
          if (target !== undefined && !(target.kind === 'scalar' && target.value === null)) return;
          target = { kind: 'map', entries: [], origin: pairs.origin };
          setField(parent, key, target, pairs.origin);
        }
        for (const entry of pairs.entries) {
          const origin: NodeOrigin | undefined = entry.value.origin ? { ...entry.value.origin, writer: 'field' } : undefined;
          const value = entry.value.kind === 'scalar' && entry.value.value !== null ? String(entry.value.value) : '';
          setField(target, entry.key, scalar(value, origin), entry.keyOrigin ? { ...entry.keyOrigin, writer: 'field' } as NodeOrigin : origin);
        }
      }, pairs.origin);
    }
  }
}
