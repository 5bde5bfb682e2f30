import { isMap, isScalar, type Document, type Node, type YAMLMap } from 'yaml';
import type { Span } from '../engine/types';
import type { ModelProblem, ParseInput, ParseOutcome } from './problems';
import { asMap, asSeqItems, getNode, nodeSpan, parseYamlStream } from './yaml';

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

export function parseKubernetes(input: ParseInput): ParseOutcome<KubernetesModel> {
  const stream = parseYamlStream(input.text, { version: '1.1' });
  const documents = stream.documents.filter((document) => document.errors.length === 0);
  let problems: ModelProblem[] = stream.problems;
  if (problems.length > 0 && TEMPLATE_SYNTAX.test(input.text)) {
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
