import type { SourceSet, TracedText } from '../helm/source-map';
import { accumulate, type AccumulateContext } from './accumulate';
import { field } from './kustomization';
import { configMapHash, secretHash } from './name-hash';
import { fixNameReferences } from './name-references';
import { legacyOrder } from './order';
import { resolveVars } from './vars';
import { printDocuments } from './print';
import { recordingSources } from './recording-sources';
import { BuildError, type BuildProblem } from './problem';
import { gvkOf, nameOf, setName, type PluginOrigin, type Resource } from './resource';
import { relativePath } from './source-files';
import { getField, getString, isMap, mapAt, scalar, setField, toPlain, type KNode } from './tree';

export interface KustomizeBuildOptions {
  /** `kustomize build --reorder`: `legacy` (the CLI's default) or `none` (input order). `sortOptions` in the kustomization wins. */
  reorder?: 'legacy' | 'none';
  /** kustomize's `--load-restrictor`: `rootOnly` (default) or `none`. */
  loadRestrictions?: 'rootOnly' | 'none';
  /** Adds `app.kubernetes.io/managed-by: kustomize-<version>` (kustomize's `--enable-managedby-label`); the version is injected. */
  managedByVersion?: string;
}

export interface KustomizeBuildResult {
  /** The kustomization directory built. */
  dir: string;
  /** The output resources, in output order; every node knows the source node that wrote it. */
  resources: Resource[];
  /** The build output as `kustomize build` prints it, with its source map. */
  output: TracedText;
  /** Empty when the build succeeded; otherwise the one reason it did not (kustomize stops at the first error). */
  problems: BuildProblem[];
  /** The kustomization files and the other files the build read (for re-building when one changes). */
  kustomizations: string[];
  inputs: string[];
}

/**
 * `kustomize build <dir>` over a source set. Never throws: a failure (even a bug of ours) is one problem.
 * `printed: false`: the output is left empty (a caller that only wants what the build read, e.g. the rounds of
 * reading its sources, does not pay for printing the resources); `printedBuild` prints it later.
 */
export function buildKustomization(sources: SourceSet, dir: string, options: KustomizeBuildOptions = {}, { printed = true }: { printed?: boolean } = {}): KustomizeBuildResult {
  const recording = recordingSources(sources);
  const context: AccumulateContext = { sources: recording.sources, restrictToRoot: options.loadRestrictions !== 'none', files: new Set(), nameReferences: [] };
  const result = (resources: Resource[], problems: BuildProblem[]): KustomizeBuildResult => ({
    dir,
    resources,
    output: problems.length > 0 || !printed ? { text: '', spans: [] } : printResources(resources),
    problems,
    kustomizations: [...context.files],
    inputs: [...recording.read].filter((file) => !context.files.has(file)),
  });
  try {
    const { kustomization, resources: accumulated, vars } = accumulate(context, dir, []);
    let resources = accumulated;
    for (const resource of resources) if (resource.hashSuffix) appendHash(resource);
    fixNameReferences(resources, context.nameReferences);
    resolveVars(resources, vars);
    resources = resources.filter((r) => getString(getField(getField(r.node, 'metadata'), 'annotations'), 'config.kubernetes.io/local-config') !== 'true');
    const buildMetadata = field(kustomization.node, 'buildMetadata');
    if (buildMetadata?.kind === 'seq' && buildMetadata.items.some((item) => item.kind === 'scalar' && item.value === 'originAnnotations')) {
      for (const r of resources) addOriginAnnotation(r, dir);
    }
    if (buildMetadata?.kind === 'seq' && buildMetadata.items.some((item) => item.kind === 'scalar' && item.value === 'transformerAnnotations')) {
      for (const r of resources) addTransformerAnnotation(r, dir);
    }
    const managedBy = buildMetadata?.kind === 'seq' && buildMetadata.items.some((item) => item.kind === 'scalar' && item.value === 'managedByLabel');
    if (options.managedByVersion !== undefined || managedBy) for (const r of resources) addManagedBy(r, options.managedByVersion ?? 'unknown');
    for (const r of resources) rejectDuplicateKeys(r.node);
    return result(order(resources, kustomization.node, options), []);
  } catch (error) {
    return result([], [problemOf(error)]);
  }
}

/**
 * A build made with `printed: false`, printed: what `buildKustomization` would have given with `printed: true`
 * (a printer that fails is the build's one problem, as there). A printed build is printed again to the same text.
 */
export function printedBuild(build: KustomizeBuildResult): KustomizeBuildResult {
  if (build.problems.length > 0) return build;
  try {
    return { ...build, output: printResources(build.resources) };
  } catch (error) {
    return { ...build, resources: [], output: { text: '', spans: [] }, problems: [problemOf(error)] };
  }
}

const printResources = (resources: readonly Resource[]): TracedText => printDocuments(resources.map((r) => r.node), resources.map((r) => [...r.includedBy].reverse()));

function problemOf(error: unknown): BuildProblem {
  if (error instanceof BuildError) return { reason: error.reason, message: error.message, location: error.location };
  if (error instanceof RangeError) return { reason: 'budget', message: `the build is too deep to analyse (${error.message})` };
  return { reason: 'internal-error', message: `the kustomize builder failed: ${error instanceof Error ? error.message : String(error)}` };
}

function appendHash(resource: Resource): void {
  const kind = gvkOf(resource.node).kind;
  const plain = (key: string) => {
    const node = getField(resource.node, key);
    return node === undefined ? undefined : toPlain(node);
  };
  const hash = kind === 'Secret' ? secretHash(plain('data'), plain('stringData'), plain('type')) : configMapHash(plain('data'), plain('binaryData'));
  const name = `${nameOf(resource.node)}-${hash}`;
  setName(resource.node, name, getField(getField(resource.node, 'metadata'), 'name')?.origin);
  resource.names.push(name);
}

/** `buildMetadata: [originAnnotations]`: where each resource came from, relative to the built directory. */
function addOriginAnnotation(resource: Resource, root: string): void {
  const by = resource.generatedBy;
  const text = by ? pluginOriginText(by, root, '') : `path: ${relativePath(root, resource.file)}\n`;
  const annotations = mapAt(resource.node, ['metadata', 'annotations'], true);
  if (annotations) setField(annotations, 'config.kubernetes.io/origin', scalar(text));
}

function pluginOriginText(by: PluginOrigin, root: string, indent: string): string {
  const optional = (key: 'name' | 'namespace') => (by[key] ? `${indent}  ${key}: ${by[key]}\n` : '');
  return `configuredIn: ${relativePath(root, by.configuredIn)}\n${indent}configuredBy:\n${indent}  apiVersion: ${by.apiVersion}\n${indent}  kind: ${by.kind}\n${optional('name')}${optional('namespace')}`;
}

/** `buildMetadata: [transformerAnnotations]`: the transformers that ran over each resource. */
function addTransformerAnnotation(resource: Resource, root: string): void {
  if (!resource.transformedBy?.length) return;
  const text = resource.transformedBy.map((by) => `- ${pluginOriginText(by, root, '  ')}`).join('');
  const annotations = mapAt(resource.node, ['metadata', 'annotations'], true);
  if (annotations) setField(annotations, 'alpha.config.kubernetes.io/transformations', scalar(text));
}

/** A key twice in one map survives loading but not kustomize's output: `mapping key "env" already defined`. */
function rejectDuplicateKeys(node: KNode): void {
  if (node.kind === 'seq') node.items.forEach(rejectDuplicateKeys);
  if (node.kind !== 'map') return;
  const seen = new Set<string>();
  for (const entry of node.entries) {
    if (seen.has(entry.key)) throw new BuildError('malformed-yaml', `mapping key "${entry.key}" already defined`, entry.keyOrigin);
    seen.add(entry.key);
    rejectDuplicateKeys(entry.value);
  }
}

function addManagedBy(resource: Resource, version: string): void {
  const labels = mapAt(resource.node, ['metadata', 'labels'], true);
  if (labels) setField(labels, 'app.kubernetes.io/managed-by', scalar(`kustomize-${version}`));
}

function order(resources: Resource[], kustomization: KNode, options: KustomizeBuildOptions): Resource[] {
  const sortOptions = isMap(kustomization) ? field(kustomization, 'sortOptions') : undefined;
  if (sortOptions !== undefined) {
    const chosen = getString(sortOptions, 'order');
    if (chosen !== 'legacy' && chosen !== 'fifo') throw new BuildError('bad-kustomization', "the field 'sortOptions.order' must be one of [fifo, legacy]", sortOptions.origin);
    if (chosen === 'fifo' && getField(sortOptions, 'legacySortOptions') !== undefined) {
      throw new BuildError('bad-kustomization', "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'", sortOptions.origin);
    }
    if (chosen === 'fifo') return resources;
    const legacy = getField(sortOptions, 'legacySortOptions');
    const list = (key: string) => {
      const node = getField(legacy, key);
      return node?.kind === 'seq' ? node.items.map((item) => (item.kind === 'scalar' ? String(item.value) : '')) : undefined;
    };
    return legacyOrder(resources, list('orderFirst'), list('orderLast'));
  }
  return options.reorder === 'none' ? resources : legacyOrder(resources);
}
