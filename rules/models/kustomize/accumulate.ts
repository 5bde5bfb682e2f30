import type { SourceLocation, SourceSet } from '../helm/source-map';
import { loadPluginConfigs, runGeneratorPlugins, runTransformerPlugins } from './builtin-plugins';
import { runGenerators } from './generators';
import { applyImages, readImageRule } from './images';
import { field, fieldList, fieldString, fieldStrings, isRemote, loadKustomization, resourceEntries, type Kustomization } from './kustomization';
import { applyMapEntries, COMMON_ANNOTATION_SPECS, COMMON_LABEL_SPECS, METADATA_ONLY_SPECS, TEMPLATE_LABEL_SPECS, VOLUME_CLAIM_TEMPLATE_LABELS } from './label-transformers';
import { applyNameAffixes, applyNamespace } from './name-transformers';
import { fieldOrigin } from './origin';
import { readOpenApi, type OpenApiDocument } from './openapi-schema';
import { parseDocuments } from './parse';
import { bindVars, mergeVars, type VarDefinition } from './vars';
import { loadTransformerConfig, type ExtraReferral, type TransformerConfig } from './transformer-config';
import { applyPatches, applyPatchesJson6902, applyPatchesStrategicMerge } from './patches';
import { BuildError } from './problem';
import { applyReplacements } from './replacements';
import { applyReplicas } from './replicas';
import { loadFile } from './restrictions';
import { idText, namespaceOf, nameOf, recordTransformer, sameId, type Resource } from './resource';
import { isDirectory, isFile, isWithin, joinPath, readText } from './source-files';
import { getField, getString, isMap, type KMap, type KNode } from './tree';

export interface AccumulateContext {
  sources: SourceSet;
  /** Undefined: kustomize's `LoadRestrictionsNone`. */
  restrictToRoot: boolean;
  /** Kustomization files read so far (the files this build depends on are these and the ones they name). */
  files: Set<string>;
  /** Name references added by `configurations` anywhere in the build (kustomize merges them into one config). */
  nameReferences: ExtraReferral[];
  /** A custom OpenAPI schema (`openapi: {path}`), once a kustomization of the build sets one. */
  openApi?: OpenApiDocument;
}

/** Fields this builder does not implement: a kustomization using one is reported, not built wrongly. */
const UNSUPPORTED = ['validators', 'helmCharts', 'helmChartInflationGenerator', 'crds'];

/**
 * Builds one kustomization's resources (kustomize's accumulateTarget): resources and bases (files and
 * directories, recursively), generators, components, then the transformers in kustomize's order. A
 * component works on the resources of the kustomization that includes it (`inherited`).
 */
export function accumulate(context: AccumulateContext, dir: string, stack: readonly string[], inherited?: Resource[], inheritedVars: VarDefinition[] = []): Accumulated {
  if (stack.includes(dir)) throw new BuildError('cycle', `cycle detected: '${dir}' includes itself through ${[...stack, dir].join(' → ')}`);
  if (stack.length > 50) throw new BuildError('budget', `kustomizations nested deeper than 50 levels at '${dir}'`);
  const k = loadKustomization(context.sources, dir);
  context.files.add(k.file);
  for (const name of UNSUPPORTED) {
    const value = field(k.node, name);
    if (value !== undefined && !(value.kind === 'scalar' && value.value === null) && !(value.kind !== 'scalar' && (value.kind === 'seq' ? value.items.length === 0 : value.entries.length === 0))) {
      throw new BuildError('unsupported', `kustomization field '${name}' is not supported by stridelint's builder yet (in ${k.file})`, value.origin);
    }
  }
  const restrictRoot = context.restrictToRoot ? dir : undefined;
  readCustomSchema(context, k, restrictRoot);
  let resources = inherited ?? [];
  let vars = inheritedVars;
  try {
    for (const entry of resourceEntries(k)) ({ resources, vars } = accumulateEntry(context, k, entry, [...stack, dir], { resources, vars }, restrictRoot));
  } catch (error) {
    throw error instanceof BuildError ? error.wrap('accumulating resources') : error;
  }
  resources = runGenerators(context.sources, k, resources, restrictRoot);
  const buildDirectory = (path: string) => accumulate(context, path, [...stack, dir]).resources.map((r) => r.node);
  resources = runGeneratorPlugins(context.sources, k, loadPluginConfigs(context.sources, k, 'generators', restrictRoot, buildDirectory), resources, restrictRoot);
  for (const entry of fieldStrings(k.node, 'components')) {
    const path = joinPath(dir, entry.value);
    if (isRemote(entry.value)) throw new BuildError('remote-resource', `remote component '${entry.value}' is not fetched`, entry.node.origin);
    if (isFile(context.sources, path)) throw new BuildError('bad-kustomization', `accumulating components: loader.New "must build at directory: '${path}': file is not directory"`, entry.node.origin);
    const component = loadKustomization(context.sources, path);
    if (!component.isComponent) {
      throw new BuildError('bad-kustomization', `accumulating components: accumulateDirectory: "expected kind 'Component' for path '${path}' but got 'Kustomization'"`, entry.node.origin);
    }
    ({ resources, vars } = accumulate(context, path, [...stack, dir], resources, vars));
  }
  k.openApi = context.openApi;
  const config = loadTransformerConfig(context.sources, k, restrictRoot);
  context.nameReferences.push(...config.nameReference);
  resources = transform(context, k, resources, restrictRoot, config);
  resources = runTransformerPlugins(context.sources, k, loadPluginConfigs(context.sources, k, 'transformers', restrictRoot, buildDirectory), resources, restrictRoot);
  vars = mergeVars(vars, bindVars(fieldList(k.node, 'vars'), resources));
  return { kustomization: k, resources, vars };
}

/** `openapi: {path}` loads a schema for CRDs' merge keys; `openapi: {version}` names kustomize's builtin one (ours). */
function readCustomSchema(context: AccumulateContext, k: Kustomization, restrictRoot: string | undefined): void {
  const openapi = field(k.node, 'openapi');
  if (!isMap(openapi)) return;
  const path = getString(openapi, 'path');
  if (path !== undefined && getString(openapi, 'version') !== undefined) throw new BuildError('bad-kustomization', 'builtin version and custom schema provided, cannot use both', openapi.origin);
  const version = getString(openapi, 'version');
  if (version !== undefined && version !== 'v1.21.2') throw new BuildError('bad-kustomization', `the specified OpenAPI version ${version} is not built in (kustomize has v1.21.2)`, openapi.origin);
  if (path === undefined) return;
  const loaded = loadFile(context.sources, k.dir, path, restrictRoot, openapi.origin);
  const document = readOpenApi(loaded.text);
  if (!document) throw new BuildError('bad-kustomization', `'${loaded.path}' is not an OpenAPI document with definitions`, openapi.origin);
  context.openApi = document;
}

interface Accumulated {
  kustomization: Kustomization;
  resources: Resource[];
  vars: VarDefinition[];
}

function accumulateEntry(context: AccumulateContext, k: Kustomization, entry: { value: string; node: KNode }, stack: string[], into: { resources: Resource[]; vars: VarDefinition[] }, restrictRoot: string | undefined): { resources: Resource[]; vars: VarDefinition[] } {
  const resources = into.resources;
  if (isRemote(entry.value)) throw new BuildError('remote-resource', `remote resource '${entry.value}' is not fetched (stridelint never downloads)`, entry.node.origin);
  const path = joinPath(k.dir, entry.value);
  if (isFile(context.sources, path)) {
    if (restrictRoot !== undefined && !isWithin(path, restrictRoot)) throw new BuildError('load-restriction', `security; file '${path}' is not in or below '${restrictRoot}'`, entry.node.origin);
    let loaded: Resource[];
    try {
      loaded = resourcesFromDocuments(parseDocuments(readText(context.sources, path) ?? '', path), path, entry.node.origin);
    } catch (error) {
      throw error instanceof BuildError ? error.wrap(`accumulating resources from '${entry.value}'`) : error;
    }
    return { resources: appendAll(resources, loaded), vars: into.vars };
  }
  if (isDirectory(context.sources, path)) {
    let sub: Accumulated;
    const nested = loadKustomization(context.sources, path);
    if (nested.isComponent) throw new BuildError('bad-kustomization', `expected kind != 'Component' for path '${path}'`, entry.node.origin);
    try {
      sub = accumulate(context, path, stack);
    } catch (error) {
      throw error instanceof BuildError ? error.wrap(`recursed accumulation of path '${path}'`, entry.node.origin) : error;
    }
    if (sub.kustomization.isComponent) throw new BuildError('bad-kustomization', `expected kind != 'Component' for path '${path}'`, entry.node.origin);
    for (const resource of sub.resources) if (entry.node.origin) resource.includedBy.push(entry.node.origin);
    return { resources: appendAll(resources, sub.resources), vars: mergeVars(into.vars, sub.vars) };
  }
  throw new BuildError('missing-file', `accumulation err='accumulating resources from '${entry.value}': '${path}' doesn't exist': must build at directory: not a valid directory: '${path}' doesn't exist`, entry.node.origin);
}

function resourcesFromDocuments(documents: KNode[], file: string, entry: SourceLocation | undefined): Resource[] {
  const out: Resource[] = [];
  const add = (node: KNode) => {
    if (!isMap(node)) throw new BuildError('malformed-yaml', `MalformedYAMLError: a resource must be a map in File: ${file}`, node.origin);
    const kind = getString(node, 'kind') ?? '';
    const items = getField(node, 'items');
    if (kind.endsWith('List') && items?.kind === 'seq') {
      items.items.forEach(add);
      return;
    }
    stringifyMetadataMaps(node);
    out.push({ node, file, names: [nameOf(node)], originalNamespace: namespaceOf(node), prefixes: [], suffixes: [], includedBy: entry ? [entry] : [] });
  };
  documents.forEach(add);
  return out;
}

/** Labels and annotations are string maps: kustomize reads `port: 8080` there as `"8080"`. */
function stringifyMetadataMaps(node: KMap): void {
  for (const key of ['labels', 'annotations']) {
    const map = getField(getField(node, 'metadata'), key);
    if (!isMap(map)) continue;
    for (const entry of map.entries) {
      if (entry.value.kind === 'scalar' && entry.value.value !== null && typeof entry.value.value !== 'string') entry.value = { ...entry.value, value: String(entry.value.value) };
    }
  }
}

function appendAll(resources: Resource[], more: Resource[]): Resource[] {
  const out = [...resources];
  for (const resource of more) {
    if (out.some((existing) => sameId(existing, resource))) throw new BuildError('conflict', `may not add resource with an already registered id: ${idText(resource)}`, resource.node.origin);
    out.push(resource);
  }
  return out;
}

/** The builtin transformers, in kustomize's order (kusttarget_configplugin.go). */
function transform(context: AccumulateContext, k: Kustomization, input: Resource[], restrictRoot: string | undefined, config: TransformerConfig): Resource[] {
  const record = (kind: string, configured: boolean) => configured && recordTransformer(resources, { configuredIn: k.file, apiVersion: 'builtin', kind });
  const has = (name: string) => fieldList(k.node, name).length > 0;
  let resources = applyPatchesStrategicMerge(context.sources, k, input, restrictRoot);
  record('PatchStrategicMergeTransformer', has('patchesStrategicMerge'));
  resources = applyPatches(context.sources, k, resources, restrictRoot);
  record('PatchTransformer', has('patches'));
  const namespace = fieldString(k.node, 'namespace');
  if (namespace) applyNamespace(resources, namespace, fieldOrigin(field(k.node, 'namespace')?.origin));
  record('NamespaceTransformer', !!namespace);
  const prefixNode = field(k.node, 'namePrefix');
  const suffixNode = field(k.node, 'nameSuffix');
  applyNameAffixes(resources, fieldString(k.node, 'namePrefix') ?? '', '', fieldOrigin(prefixNode?.origin));
  record('PrefixTransformer', !!fieldString(k.node, 'namePrefix'));
  applyNameAffixes(resources, '', fieldString(k.node, 'nameSuffix') ?? '', fieldOrigin(suffixNode?.origin));
  record('SuffixTransformer', !!fieldString(k.node, 'nameSuffix'));
  const commonLabels = field(k.node, 'commonLabels');
  if (isMap(commonLabels)) applyMapEntries(resources, commonLabels, [...COMMON_LABEL_SPECS, ...config.commonLabels]);
  for (const entry of fieldList(k.node, 'labels')) {
    const pairs = getField(entry, 'pairs');
    if (!isMap(pairs)) continue;
    const flag = (name: string) => getField(entry, name)?.kind === 'scalar' && (getField(entry, name) as { value: unknown }).value === true;
    const specs = flag('includeSelectors') ? COMMON_LABEL_SPECS : flag('includeTemplates') ? TEMPLATE_LABEL_SPECS : METADATA_ONLY_SPECS;
    const extra = fieldList(entry as KMap, 'fields').filter(isMap).map((spec) => ({
      path: getString(spec, 'path') ?? '', kind: getString(spec, 'kind'), group: getString(spec, 'group'), version: getString(spec, 'version'),
      create: getField(spec, 'create')?.kind === 'scalar' && (getField(spec, 'create') as { value: unknown }).value === true,
    }));
    applyMapEntries(resources, pairs, [...specs, ...config.labels, ...(flag('includeVolumeClaimTemplates') && !flag('includeSelectors') ? VOLUME_CLAIM_TEMPLATE_LABELS : []), ...extra]);
  }
  const commonAnnotations = field(k.node, 'commonAnnotations');
  if (isMap(commonAnnotations)) applyMapEntries(resources, commonAnnotations, [...COMMON_ANNOTATION_SPECS, ...config.commonAnnotations]);
  resources = applyPatchesJson6902(context.sources, k, resources, restrictRoot);
  for (const entry of fieldList(k.node, 'replicas')) {
    const count = getField(entry, 'count');
    const name = getString(entry, 'name');
    if (name !== undefined && count?.kind === 'scalar' && typeof count.value === 'number') applyReplicas(resources, name, count.value, fieldOrigin(count.origin));
  }
  for (const entry of [...fieldList(k.node, 'images'), ...fieldList(k.node, 'imageTags')]) {
    if (isMap(entry)) applyImages(resources, readImageRule(entry as KMap), config.images);
  }
  const replacements = fieldList(k.node, 'replacements').flatMap((entry) => {
    const path = getString(entry, 'path');
    if (path === undefined) return [entry];
    const loaded = loadFile(context.sources, k.dir, path, restrictRoot, entry.origin);
    return parseDocuments(loaded.text, loaded.path).flatMap((document) => (document.kind === 'seq' ? document.items : [document]));
  });
  applyReplacements(resources, replacements);
  return resources;
}
