import type { SourceSet } from '../helm/source-map';
import type { FieldSpec } from './field-spec';
import { specSelects } from './field-spec';
import { runGeneratorConfig } from './generators';
import { applyImages, readImageRule } from './images';
import { fieldStrings, type Kustomization } from './kustomization';
import { applyMapEntries } from './label-transformers';
import { applyNameAffixes, applyNamespace } from './name-transformers';
import { fieldOrigin } from './origin';
import { parseDocuments } from './parse';
import { applyJson6902Entry, applyPatchEntry, applyPatchesStrategicMergeConfig } from './patches';
import { BuildError } from './problem';
import { applyReplacements } from './replacements';
import { applyReplicas } from './replicas';
import { gvkOf, recordTransformer, type Resource } from './resource';
import { loadFile } from './restrictions';
import { isDirectory, joinPath } from './source-files';
import { fromPlain, getField, getString, isMap, type KMap, type KNode } from './tree';

/** Builds a kustomization directory named in `generators:`/`transformers:` (its output is the configurations). */
export type DirectoryBuilder = (dir: string) => KNode[];

/**
 * The configurations of `generators:` or `transformers:` entries: inline YAML, a file, or a kustomization
 * directory whose output they are. Only kustomize's builtin plugins (`apiVersion: builtin`) run; an exec,
 * Go or KRM-function plugin is reported, never run.
 */
export function loadPluginConfigs(sources: SourceSet, k: Kustomization, field: 'generators' | 'transformers', restrictRoot: string | undefined, buildDirectory: DirectoryBuilder): KMap[] {
  const configs: KNode[] = [];
  for (const entry of fieldStrings(k.node, field)) {
    if (entry.value.includes('\n')) configs.push(...parseDocuments(entry.value, k.file).map((node) => relocate(node, entry.node.origin)));
    else if (isDirectory(sources, joinPath(k.dir, entry.value))) configs.push(...buildDirectory(joinPath(k.dir, entry.value)));
    else {
      const loaded = loadFile(sources, k.dir, entry.value, restrictRoot, entry.node.origin);
      configs.push(...parseDocuments(loaded.text, loaded.path));
    }
  }
  return configs.map((config) => {
    if (!isMap(config)) throw new BuildError('bad-kustomization', `a ${field} entry must be a map`, config.origin);
    return config;
  });
}

function relocate(node: KNode, origin: KNode['origin']): KNode {
  node.origin = origin;
  if (node.kind === 'map') for (const entry of node.entries) (entry.keyOrigin = origin), relocate(entry.value, origin);
  if (node.kind === 'seq') node.items.forEach((item) => relocate(item, origin));
  return node;
}

function pluginId(config: KMap): string {
  const gvk = gvkOf(config);
  return `${gvk.kind}.${gvk.version || 'builtin'}.[noGrp]/${getString(getField(config, 'metadata'), 'name') ?? ''}.[noNs]`;
}

function requireBuiltin(config: KMap): string {
  if (getString(config, 'apiVersion') !== 'builtin') {
    throw new BuildError('unsupported', `plugin ${pluginId(config)} is not a kustomize builtin: exec, Go and KRM-function plugins are never run`, config.origin);
  }
  return getString(config, 'kind') ?? '';
}

export function runGeneratorPlugins(sources: SourceSet, k: Kustomization, configs: KMap[], resources: Resource[], restrictRoot: string | undefined): Resource[] {
  let out = resources;
  for (const config of configs) {
    const kind = requireBuiltin(config);
    if (kind === 'ConfigMapGenerator' || kind === 'SecretGenerator') out = runGeneratorConfig(sources, k, kind === 'ConfigMapGenerator' ? 'ConfigMap' : 'Secret', config, out, restrictRoot);
    else if (kind === 'IAMPolicyGenerator') out = [...out, iamServiceAccount(k, config)];
    else throw new BuildError('unsupported', `builtin generator ${kind} is not supported`, config.origin);
  }
  return out;
}

/** IAMPolicyGenerator (`cloud: gke`): a ServiceAccount bound to a Google service account by annotation. */
function iamServiceAccount(k: Kustomization, config: KMap): Resource {
  if (getString(config, 'cloud') !== 'gke') throw new BuildError('unsupported', `IAMPolicyGenerator: cloud '${getString(config, 'cloud') ?? ''}' is not supported (only gke)`, config.origin);
  const service = getField(config, 'kubernetesService');
  const account = getField(config, 'serviceAccount');
  const origin = fieldOrigin(config.origin, 'generator');
  const name = getString(service, 'name') ?? '';
  const namespace = getString(service, 'namespace');
  const node = fromPlain({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      annotations: { 'iam.gke.io/gcp-service-account': `${getString(account, 'name') ?? ''}@${getString(account, 'projectId') ?? ''}.iam.gserviceaccount.com` },
      name,
      ...(namespace ? { namespace } : {}),
    },
  }, origin) as KMap;
  const metadata = getField(config, 'metadata');
  return { node, file: k.file, names: [name], prefixes: [], suffixes: [], includedBy: config.origin ? [config.origin] : [], generatedBy: { configuredIn: config.origin?.file ?? k.file, apiVersion: 'builtin', kind: 'IAMPolicyGenerator', name: getString(metadata, 'name') } };
}

function readFieldSpecs(config: KMap): FieldSpec[] | undefined {
  const specs = getField(config, 'fieldSpecs');
  if (specs?.kind !== 'seq') return undefined;
  return specs.items.filter(isMap).map((spec) => ({
    path: getString(spec, 'path') ?? '',
    kind: getString(spec, 'kind'),
    group: getString(spec, 'group'),
    version: getString(spec, 'version'),
    create: getString(spec, 'create') === 'true',
  }));
}

export function runTransformerPlugins(sources: SourceSet, k: Kustomization, configs: KMap[], input: Resource[], restrictRoot: string | undefined): Resource[] {
  let resources = input;
  for (const config of configs) {
    const kind = requireBuiltin(config);
    const specs = readFieldSpecs(config);
    const origin = fieldOrigin(config.origin);
    const metadata = getField(config, 'metadata');
    const by = { configuredIn: config.origin?.file ?? k.file, apiVersion: 'builtin', kind, name: getString(metadata, 'name'), namespace: getString(metadata, 'namespace') };
    const selected = (r: Resource, path: string) => !specs || specs.some((spec) => spec.path === path && specSelects(spec, gvkOf(r.node)));
    switch (kind) {
      case 'PatchTransformer':
        resources = applyPatchEntry(sources, k, resources, config, restrictRoot);
        break;
      case 'PatchJson6902Transformer':
        applyJson6902Entry(sources, k, resources, config, restrictRoot);
        break;
      case 'PatchStrategicMergeTransformer':
        resources = applyPatchesStrategicMergeConfig(sources, k, resources, config, restrictRoot);
        break;
      case 'PrefixSuffixTransformer':
      case 'PrefixTransformer':
      case 'SuffixTransformer':
        applyNameAffixes(resources.filter((r) => selected(r, 'metadata/name')), getString(config, 'prefix') ?? '', getString(config, 'suffix') ?? '', origin);
        break;
      case 'LabelTransformer':
      case 'AnnotationsTransformer': {
        const pairs = getField(config, kind === 'LabelTransformer' ? 'labels' : 'annotations');
        if (isMap(pairs)) applyMapEntries(resources, pairs, specs ?? [{ path: 'metadata/' + (kind === 'LabelTransformer' ? 'labels' : 'annotations'), create: true }]);
        break;
      }
      case 'NamespaceTransformer': {
        const namespace = getString(getField(config, 'metadata'), 'namespace');
        if (namespace) applyNamespace(resources, namespace, origin);
        break;
      }
      case 'ImageTagTransformer': {
        const imageTag = getField(config, 'imageTag');
        if (isMap(imageTag)) applyImages(resources, readImageRule(imageTag));
        break;
      }
      case 'ReplicaCountTransformer': {
        const replica = getField(config, 'replica');
        const count = getField(replica, 'count');
        const name = getString(replica, 'name');
        if (name !== undefined && count?.kind === 'scalar' && typeof count.value === 'number') applyReplicas(resources, name, count.value, origin);
        break;
      }
      case 'ReplacementTransformer': {
        const replacements = getField(config, 'replacements');
        applyReplacements(resources, replacements?.kind === 'seq' ? replacements.items : []);
        break;
      }
      default:
        throw new BuildError('unsupported', `unable to load builtin ${pluginId(config)}`, config.origin);
    }
    recordTransformer(resources, by);
  }
  return resources;
}
