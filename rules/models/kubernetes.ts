import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { isMap, isScalar } from './yaml-nodes';
import type { Span } from '../engine/types';
import type { ModelProblem, ParseInput, ParseOutcome } from './problems';
import { asBoolean, asMap, asSeqItems, findPair, getNode, nodeSpan, parseYamlStream, scalarValue, type YamlStream } from './yaml';

/**
 * The Kubernetes model: every object of a multi-document stream (List items flattened), each judged on its
 * own with its own offsets, plus the pod specs and containers of every pod-bearing kind (rule-catalog §4.0).
 */
export interface Manifest {
  /** Zero-based index of the YAML document in the stream. */
  documentIndex: number;
  document: Document.Parsed;
  /** The object's mapping: the document root, or a `List` item. */
  node: YAMLMap;
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  metadata?: YAMLMap;
}

export type ContainerGroup = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface Container {
  group: ContainerGroup;
  index: number;
  node: YAMLMap;
  name?: string;
  /** Span of the `name:` value (where "missing field" findings sit), else of the container mapping. */
  nameSpan: Span;
  securityContext?: YAMLMap;
}

export interface PodSpec {
  manifest: Manifest;
  spec: YAMLMap;
  /** The pod template's metadata (annotations that matter live here). */
  podMetadata?: YAMLMap;
  securityContext?: YAMLMap;
  containers: Container[];
  /** Static pod of a control-plane component (kube-apiserver, etcd, …): exempt from host-namespace checks. */
  isControlPlane: boolean;
  /** `spec.os.name: windows`: PSA exemptions apply. */
  isWindows: boolean;
}

export interface KubernetesModel {
  documents: Document.Parsed[];
  manifests: Manifest[];
  podSpecs: PodSpec[];
  /** Kubelet command lines outside any manifest (a systemd unit, /etc/default/kubelet), for the kubelet rules. */
  commandLines?: import('./control-plane').FlagSource[];
}

/** Where each pod-bearing kind keeps its pod spec and pod metadata (paths below the object root). */
const POD_PATHS: Record<string, { spec: string[]; metadata: string[] }> = {
  Pod: { spec: ['spec'], metadata: ['metadata'] },
  PodTemplate: { spec: ['template', 'spec'], metadata: ['template', 'metadata'] },
  Deployment: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  ReplicaSet: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  StatefulSet: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  DaemonSet: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  ReplicationController: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  Job: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  CronJob: { spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], metadata: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'] },
  // The catalog's optional CRDs with a pod template: OpenShift DeploymentConfig and Argo Rollouts.
  DeploymentConfig: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  Rollout: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
};

export const POD_BEARING_KINDS: readonly string[] = Object.keys(POD_PATHS);

const CONTROL_PLANE_COMPONENTS = new Set(['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler']);

/** Follows a key path through nested mappings (no alias expansion). */
export function getPath(map: YAMLMap | undefined, path: readonly string[]): Node | undefined {
  let node: Node | undefined = map;
  for (const key of path) {
    const current = asMap(node);
    if (!current) return undefined;
    node = getNode(current, key);
  }
  return node;
}

function stringAt(map: YAMLMap | undefined, key: string): string | undefined {
  const node = map ? getNode(map, key) : undefined;
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

function collectManifests(document: Document.Parsed, documentIndex: number, node: unknown, out: Manifest[], depth = 0): void {
  const map = asMap(node);
  if (!map || depth > 4) return;
  const kind = stringAt(map, 'kind');
  const apiVersion = stringAt(map, 'apiVersion');
  if (kind === 'List' || (kind?.endsWith('List') && getNode(map, 'items'))) {
    for (const item of asSeqItems(getNode(map, 'items'))) collectManifests(document, documentIndex, item, out, depth + 1);
    return;
  }
  if (!kind && !apiVersion) return;
  const metadata = asMap(getNode(map, 'metadata'));
  out.push({ documentIndex, document, node: map, apiVersion, kind, name: stringAt(metadata, 'name'), namespace: stringAt(metadata, 'namespace'), metadata });
}

function containersOf(spec: YAMLMap): Container[] {
  const result: Container[] = [];
  for (const group of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    asSeqItems(getNode(spec, group)).forEach((item, index) => {
      if (!isMap(item)) return;
      const nameNode = getNode(item, 'name');
      result.push({ group, index, node: item, name: stringAt(item, 'name'), nameSpan: nodeSpan(nameNode, nodeSpan(item)), securityContext: asMap(getNode(item, 'securityContext')) });
    });
  }
  return result;
}

function isControlPlanePod(manifest: Manifest, podMetadata: YAMLMap | undefined, containers: Container[]): boolean {
  if (manifest.kind !== 'Pod') return false;
  const labels = asMap(getNode(podMetadata ?? manifest.metadata, 'labels'));
  const component = stringAt(labels, 'component');
  if (component && CONTROL_PLANE_COMPONENTS.has(component)) return true;
  return containers.some((container) => {
    const command = asSeqItems(getNode(container.node, 'command'));
    const first = isScalar(command[0]) ? String(command[0].value) : '';
    return CONTROL_PLANE_COMPONENTS.has(first.slice(first.lastIndexOf('/') + 1));
  });
}

export function podSpecOf(manifest: Manifest): PodSpec | undefined {
  const paths = manifest.kind ? POD_PATHS[manifest.kind] : undefined;
  if (!paths) return undefined;
  const spec = asMap(getPath(manifest.node, paths.spec));
  if (!spec) return undefined;
  const podMetadata = asMap(getPath(manifest.node, paths.metadata));
  const containers = containersOf(spec);
  return {
    manifest,
    spec,
    podMetadata,
    securityContext: asMap(getNode(spec, 'securityContext')),
    containers,
    isControlPlane: isControlPlanePod(manifest, podMetadata, containers),
    isWindows: stringAt(asMap(getNode(spec, 'os')), 'name')?.toLowerCase() === 'windows',
  };
}

/** Go-template markers (Helm): such files are linted where they parse and skipped where they do not. */
const TEMPLATE_SYNTAX = /\{\{-?[\s\S]*?-?\}\}/;

/** A top-level `kind:` line naming a kind no rule reads. */
const UNCHECKED_KIND = /^kind:[ \t]*["']?CustomResourceDefinition["']?[ \t]*(?:#.*)?$/m;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/**
 * CustomResourceDefinitions are the largest YAML documents there are (0.5–1 MB of schema) and no rule reads
 * them. Their text is replaced, before parsing, by one comment line of the same length (the document marker
 * kept): offsets elsewhere stay true (ranges come from the original text), and the parser skips a comment in
 * microseconds instead of composing the whole schema.
 */
export function blankUncheckedDocuments(text: string): string {
  if (!UNCHECKED_KIND.test(text)) return text;
  const bounds = [0];
  for (const match of text.matchAll(DOCUMENT_MARKER)) if (match.index) bounds.push(match.index);
  bounds.push(text.length);
  let result = '';
  for (let i = 0; i + 1 < bounds.length; i++) {
    const chunk = text.slice(bounds[i], bounds[i + 1]);
    result += UNCHECKED_KIND.test(chunk) ? asComment(chunk) : chunk;
  }
  return result;
}

function asComment(chunk: string): string {
  const marker = /^(?:---|\.\.\.)/.test(chunk) ? chunk.slice(0, 3) : '';
  const lineBreak = /\r\n$/.test(chunk) ? '\r\n' : /[\r\n]$/.test(chunk) ? chunk.slice(-1) : '';
  const room = chunk.length - marker.length - lineBreak.length;
  if (room < 2) return chunk;
  return `${marker}${marker ? ' ' : ''}#${'x'.repeat(room - (marker ? 2 : 1))}${lineBreak}`;
}

export function parseKubernetes(input: ParseInput): ParseOutcome<KubernetesModel> {
  return kubernetesModelOf(parseKubernetesStream(input.text), input.text);
}

/** The YAML stream the Kubernetes model reads (CRDs blanked, YAML 1.1): a holder of the same text may keep it and build the model on it. */
export function parseKubernetesStream(text: string): YamlStream {
  return parseYamlStream(blankUncheckedDocuments(text), { version: '1.1' });
}

/** The Kubernetes model of `text` from its stream (`parseKubernetesStream(text)`, parsed here or kept by the caller). */
export function kubernetesModelOf(stream: YamlStream, text: string): ParseOutcome<KubernetesModel> {
  const documents = stream.documents.filter((document) => document.errors.length === 0);
  let problems: ModelProblem[] = stream.problems;
  if (problems.length > 0 && TEMPLATE_SYNTAX.test(text)) {
    // A template is not YAML until rendered: one finding for the file, not one per broken document.
    const skipped = stream.documents.length - documents.length;
    problems = [{ ruleId: 'stridelint/not-analysed', span: problems[0].span, message: `Template syntax ({{ … }}): ${skipped} of ${stream.documents.length} YAML document${stream.documents.length === 1 ? '' : 's'} could not be parsed and ${skipped === 1 ? 'was' : 'were'} not analysed; lint the rendered output (helm template) to check ${skipped === 1 ? 'it' : 'them'}.` }];
  }
  const manifests: Manifest[] = [];
  stream.documents.forEach((document, index) => {
    if (document.errors.length === 0) collectManifests(document, index, document.contents, manifests);
  });
  const podSpecs = manifests.map(podSpecOf).filter((spec): spec is PodSpec => spec !== undefined);
  return { model: { documents, manifests, podSpecs }, problems };
}

// ─── Workload helpers (rule-catalog §4.0): effective security-context values and where they were set ───

/** A field as written: the pair, its value node, the mapping holding it and whether the pod or the container set it. */
export interface FieldRef {
  pair: Pair;
  node: Node | undefined;
  value: unknown;
  map: YAMLMap;
  level: 'pod' | 'container';
}

/** Fields a container inherits from the pod-level securityContext when it does not set them (`CSC.x ?? PSC.x`). */
export const INHERITED_SECURITY_FIELDS: readonly string[] = ['runAsUser', 'runAsGroup', 'runAsNonRoot', 'seccompProfile', 'seLinuxOptions', 'appArmorProfile', 'windowsOptions'];

function fieldRef(map: YAMLMap | undefined, key: string, level: FieldRef['level']): FieldRef | undefined {
  const pair = findPair(map, key);
  if (!map || !pair) return undefined;
  const node = (pair.value as Node | null) ?? undefined;
  return { pair, node, value: scalarValue(node), map, level };
}

/** `<container>.securityContext.<key>` as written. */
export function containerSecurityField(container: Container, key: string): FieldRef | undefined {
  return fieldRef(container.securityContext, key, 'container');
}

/** `PODSPEC.securityContext.<key>` as written. */
export function podSecurityField(pod: PodSpec, key: string): FieldRef | undefined {
  return fieldRef(pod.securityContext, key, 'pod');
}

/** The effective value of an inheritable field for one container: the container's own, else the pod's. */
export function effectiveSecurityField(pod: PodSpec, container: Container, key: string): FieldRef | undefined {
  return containerSecurityField(container, key) ?? (INHERITED_SECURITY_FIELDS.includes(key) ? podSecurityField(pod, key) : undefined);
}

/** A pod-spec field (`hostNetwork`, `volumes`, `automountServiceAccountToken` …) as written. */
export function podField(pod: PodSpec, key: string): FieldRef | undefined {
  return fieldRef(pod.spec, key, 'pod');
}

/** `hostUsers: false`: the pod runs in a user namespace, so PSA relaxes runAsNonRoot, runAsUser and procMount. */
export function usesUserNamespace(pod: PodSpec): boolean {
  return asBoolean(getNode(pod.spec, 'hostUsers')) === false;
}

/** Containers that may carry `resources`, `ports` and probes (ephemeral containers may not). */
export function regularContainers(pod: PodSpec): Container[] {
  return pod.containers.filter((container) => container.group !== 'ephemeralContainers');
}

/** Where findings about a whole object sit: its `metadata.name` value, else its `kind` value, else its first line. */
export function manifestNameSpan(manifest: Manifest): Span {
  const name = getNode(manifest.metadata, 'name');
  const fallback = nodeSpan(getNode(manifest.node, 'kind'), { start: nodeSpan(manifest.node).start, end: nodeSpan(manifest.node).start });
  return nodeSpan(name, fallback);
}

/** A capability as compared by the runtime: `CAP_` stripped, upper-cased. */
export function capabilityName(value: unknown): string {
  return String(value).trim().toUpperCase().replace(/^CAP_/, '');
}

/** How a container is named in messages: `container "web"`, `init container "setup"`. */
export function describeContainer(container: Container): string {
  const label = container.group === 'initContainers' ? 'init container' : container.group === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  return container.name ? `${label} "${container.name}"` : `${label} #${container.index + 1}`;
}

/** A string value of a scalar node, or undefined. */
export function stringOf(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

/** A mapping of strings (labels, annotations, `matchLabels`); entries that are not scalars are left out. */
export function stringMap(node: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of asMap(node)?.items ?? []) {
    const key = stringOf(pair.key);
    const value = stringOf(pair.value);
    if (key !== undefined && value !== undefined) result[key] = value;
  }
  return result;
}

/** How a pod is named in messages: `Deployment web`, `Pod api`. */
export function describePod(pod: PodSpec): string {
  return `${pod.manifest.kind ?? 'Object'} ${pod.manifest.name ?? ''}`.trim();
}

/** `securityContext.<key>` at pod level, then on each container that sets it, with who set it (for messages). */
export function securityFields(pod: PodSpec, key: string): Array<{ field: FieldRef; who: string }> {
  const result: Array<{ field: FieldRef; who: string }> = [];
  const atPod = podSecurityField(pod, key);
  if (atPod) result.push({ field: atPod, who: describePod(pod) });
  for (const container of pod.containers) {
    const own = containerSecurityField(container, key);
    if (own) result.push({ field: own, who: `The ${describeContainer(container)}` });
  }
  return result;
}

/** A value written as a Go-template expression (`{{ .Values.image }}`, quoted or not): unknown until rendered. */
export function isTemplateValue(text: string, node: Node | null | undefined): boolean {
  const span = nodeSpan(node ?? undefined);
  return span.end > span.start && text.slice(span.start, span.end).includes('{{');
}

/** The entries of `securityContext.capabilities.add` or `.drop` of a container: node, literal and runtime name. */
export function capabilityEntries(container: Container, list: 'add' | 'drop'): Array<{ node: Node; written: string; name: string }> {
  const capabilities = asMap(getNode(container.securityContext, 'capabilities'));
  return asSeqItems(getNode(capabilities, list)).flatMap((node) => {
    const written = stringOf(node);
    return written === undefined ? [] : [{ node, written, name: capabilityName(written) }];
  });
}
