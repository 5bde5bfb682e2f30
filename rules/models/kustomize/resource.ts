import type { SourceLocation } from '../helm/source-map';
import type { NodeOrigin } from './origin';
import { getField, getString, mapAt, scalar, setField, type KMap } from './tree';

/** One resource of a build: its tree and what the build must remember about it. */
export interface Resource {
  node: KMap;
  /** The file (resource file, or kustomization for generated ones) it came from. */
  file: string;
  /** Every name it had, oldest first (name references to any of them are fixed up to the final name). */
  names: string[];
  /** Kind and name before a patch with `allowKindChange` changed them (later patches may name it so). */
  previousIds?: { kind: string; name: string }[];
  /** Its namespace when it was read or generated (a changed namespace changes its id). */
  originalNamespace?: string;
  /** Name prefixes and suffixes applied so far, innermost first (references resolve between equals). */
  prefixes: string[];
  suffixes: string[];
  /** Set for generated ConfigMaps/Secrets that get kustomize's content hash appended to their name. */
  hashSuffix?: boolean;
  /**
   * The kustomization entries that brought it into the build, innermost first: the `resources:` line that
   * names its file (or the generator entry), then each `- ../base` line of the overlays above.
   */
  includedBy: SourceLocation[];
  /** For generated resources: the generator (kustomize's `configuredIn`/`configuredBy` origin). */
  generatedBy?: PluginOrigin;
  /** The transformers that ran over it, in order (kustomize's `transformerAnnotations` build metadata). */
  transformedBy?: PluginOrigin[];
}

/** A generator or transformer: the file that configured it and its builtin kind (and name, for plugin configs). */
export interface PluginOrigin {
  configuredIn: string;
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
}

export function recordTransformer(resources: readonly Resource[], by: PluginOrigin): void {
  for (const resource of resources) (resource.transformedBy ??= []).push(by);
}

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

export function gvkOf(node: KMap): Gvk {
  const apiVersion = getString(node, 'apiVersion') ?? '';
  const slash = apiVersion.indexOf('/');
  return {
    group: slash >= 0 ? apiVersion.slice(0, slash) : '',
    version: slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion,
    kind: getString(node, 'kind') ?? '',
  };
}

export function nameOf(node: KMap): string {
  return getString(getField(node, 'metadata'), 'name') ?? '';
}

export function namespaceOf(node: KMap): string {
  return getString(getField(node, 'metadata'), 'namespace') ?? '';
}

export function setName(node: KMap, name: string, origin?: NodeOrigin): void {
  const metadata = mapAt(node, ['metadata'], true, origin)!;
  const current = getField(metadata, 'name');
  setField(metadata, 'name', scalar(name, origin ?? current?.origin));
}

/** kustomize's id text: `Deployment.v1.apps/name.ns` with `[noGrp]` and `[noNs]` for empty parts. */
export function idText(resource: Resource): string {
  const gvk = gvkOf(resource.node);
  const namespace = namespaceOf(resource.node);
  return `${gvk.kind}.${gvk.version}.${gvk.group || '[noGrp]'}/${nameOf(resource.node)}.${namespace === '' || namespace === 'default' ? '[noNs]' : namespace}`;
}

/** Ids compare with `default` and no namespace as equal (kustomize's IsNsEquals). */
export function sameId(a: Resource, b: Resource): boolean {
  return idText(a) === idText(b);
}

const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'StorageClass',
  'PriorityClass', 'APIService', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'RuntimeClass', 'PodSecurityPolicy',
  'CertificateSigningRequest', 'ComponentStatus', 'IngressClass', 'FlowSchema', 'PriorityLevelConfiguration',
  'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview', 'TokenReview', 'ClusterTrustBundle',
]);

/** Cluster-scoped built-in kinds (no namespace); unknown kinds count as namespaced, as in kustomize. */
export function isClusterScoped(gvk: Gvk): boolean {
  if (gvk.kind === 'Namespace' || gvk.kind === 'Node' || gvk.kind === 'PersistentVolume') return gvk.group === '';
  return CLUSTER_SCOPED.has(gvk.kind);
}
