import type { SourceSet } from '../../models/helm/source-map';
import type { KustomizeBuildOptions, KustomizeBuildResult } from '../../models/kustomize/build';
import type { BuildProblem } from '../../models/kustomize/problem';
import { gvkOf, type Resource } from '../../models/kustomize/resource';
import { INTERNAL_ERROR, NOT_ANALYSED } from '../builtin-rules';
import { emptyConfig, type StridelintConfig } from '../config';
import { compareFindings, lintFile } from '../lint';
import type { Rule, WorkspaceFacts } from '../rule';
import type { Node, Pair } from 'yaml';
import { isMap } from '../../models/yaml-nodes';
import type { Finding, Fix, Range, RelatedLocation, Span } from '../types';
import { nodeChainAt } from '../units/yaml-paths';
import { engineFinding, isOff, snippet } from '../units/unit-findings';
import { RenderedText, SourceTexts } from '../units/unit-texts';
import { generatorSecretFindings } from './generator-secrets';
import { leafBuilds, type KustomizationBuild, type KustomizationReads } from './leaf-builds';
import { mapBuildFix } from './map-build-fix';
import { PatchedPaths } from './patched-paths';

export interface KustomizeLintOptions {
  build?: KustomizeBuildOptions;
  /** Configuration in force for the kustomizations' files. */
  config?: StridelintConfig;
  /** The rules to run on each build (the engine knows no rule: the caller hands them). */
  rules: readonly Rule[];
  workspace?: WorkspaceFacts;
  /** Only these kustomization directories are candidates (default: every kustomization of the source set). */
  dirs?: readonly string[];
  /** Builds of exactly these sources made already, by directory (the source reader's last round): not built again. */
  built?: ReadonlyMap<string, KustomizeBuildResult>;
  /** What builds of exactly these sources read, by directory (the source reader's last round): a directory another reads is not built. */
  known?: ReadonlyMap<string, KustomizationReads>;
  /**
   * `eager` (default): each finding gets its fix mapped onto the sources. `none`: no finding gets a fix (a
   * workspace scan keeps none); a fix is mapped only as far as the message needs — whether one maps, and
   * if none does, why — so the messages are the same as with `eager`.
   */
  fixes?: 'eager' | 'none';
}

export interface KustomizeLintResult {
  /** Findings by source file (resources, patches, kustomization files); ranges are in that file. */
  findings: Map<string, Finding[]>;
  /** The leaf builds linted (for hover, `stridelint render`, re-building when a file changes). */
  builds: KustomizationBuild[];
  /**
   * Files whose findings come from the builds, so adapters do not lint them alone: every kustomization file
   * and input of a leaf that built. A file only failed builds read keeps today's single-file lint.
   */
  coveredFiles: Set<string>;
}

/** A finding found by one or more overlays' builds, kept once per source location. */
interface Found {
  file: string;
  finding: Finding;
  overlays: RelatedLocation[];
  /** The fixes each overlay offered; the fix is kept only when every overlay offered the same one. */
  fixKeys: Set<string>;
}

const REASONS: Record<BuildProblem['reason'], string> = {
  'missing-kustomization': 'a folder it names has no kustomization file',
  'multiple-kustomizations': 'a folder has several kustomization files',
  'missing-file': 'a file it names does not exist',
  'malformed-yaml': 'a file it reads is not valid YAML',
  'bad-kustomization': 'the kustomization is not valid',
  'remote-resource': 'it names a remote resource, which stridelint never fetches',
  cycle: 'its resources form a cycle',
  'load-restriction': "it reads a file outside its folder, which kustomize's default load restriction refuses (set `kustomize.loadRestrictions: none` in .stridelint.yaml if your pipeline builds with `--load-restrictor LoadRestrictionsNone`)",
  conflict: 'two resources conflict',
  'patch-error': 'a patch cannot be applied',
  unsupported: 'it uses a kustomize feature stridelint does not build',
  budget: 'a build limit was reached',
  'internal-error': 'the kustomize builder failed',
};

/**
 * Lints the kustomizations of a source set as units: builds each leaf (a kustomization no other one reads),
 * runs the Kubernetes model and rules unchanged on its output, and maps each finding back through the
 * source map onto the file and line that wrote the offending value (a base resource, a patch, or the overlay
 * field that set it), with related information naming the overlays whose output has the problem; the same
 * location found by several overlays is one finding naming them all. A build that fails is one
 * `stridelint/not-analysed` finding on the line that caused it. Pure: the files come in the source set.
 */
export function lintKustomizations(sources: SourceSet, options: KustomizeLintOptions): KustomizeLintResult {
  const config = options.config ?? emptyConfig();
  const texts = new SourceTexts(sources);
  const builds = leafBuilds(sources, options.build ?? {}, options.dirs, options.built, options.known);
  // Each output parsed once, for the patched paths and its lint; a build's parse is let go once it is linted.
  const renderedTexts = new Map<KustomizationBuild, RenderedText>();
  const renderedOf = (build: KustomizationBuild) => {
    let rendered = renderedTexts.get(build);
    if (!rendered) renderedTexts.set(build, (rendered = new RenderedText(build.result.output)));
    return rendered;
  };
  const patched = new PatchedPaths(builds, renderedOf);
  const found = new Map<string, Found>();
  const coveredFiles = new Set<string>();
  const add = (file: string, finding: Finding, overlay: RelatedLocation, fixKey: string) => {
    const key = foundKey(file, finding.ruleId, finding.range);
    const entry = found.get(key);
    if (!entry) {
      found.set(key, { file, finding, overlays: [overlay], fixKeys: new Set([fixKey]) });
      return;
    }
    if (!entry.overlays.some((other) => other.path === overlay.path)) entry.overlays.push(overlay);
    entry.fixKeys.add(fixKey);
  };
  for (const build of builds) {
    const overlay = overlayRelated(build, texts);
    const problem = build.result.problems[0];
    if (problem) {
      const file = problem.location?.file ?? build.file;
      if (!isOff(config, file, NOT_ANALYSED)) {
        const message = `Not analysed: kustomize build ${displayDir(build.dir)} fails: ${REASONS[problem.reason]} (${problem.message.replace(/\.$/, '')}).`;
        add(file, engineFinding(NOT_ANALYSED, config, file, message, texts.rangeOf(problem.location ?? { file, start: 0, end: 0 })), overlay, '');
      }
      continue;
    }
    for (const file of [...build.result.kustomizations, ...build.result.inputs]) coveredFiles.add(file);
    let mapped: Array<[string, Finding]>;
    try {
      mapped = lintBuild(build, renderedOf(build), texts, patched, options, config, found);
    } catch (error) {
      // A bug of the mapping must not stop the lint: the overlay says it was not analysed, and why.
      if (!isOff(config, build.file, INTERNAL_ERROR)) add(build.file, engineFinding(INTERNAL_ERROR, config, build.file, `The kustomize unit failed on this build (${error instanceof Error ? error.message : String(error)}); it was not analysed.`, texts.rangeOf({ file: build.file, start: 0, end: 0 })), overlay, '');
      continue;
    } finally {
      renderedTexts.delete(build);
    }
    for (const [file, finding] of mapped) add(file, finding, overlay, JSON.stringify(finding.fixes));
  }
  for (const [file, finding] of generatorSecretFindings(builds, texts, config, options.rules)) add(file, finding, overlayRelated(builds.find((b) => b.result.kustomizations.includes(file)) ?? builds[0], texts), '');
  const findings = new Map<string, Finding[]>();
  for (const entry of found.values()) {
    const finding: Finding = {
      ...entry.finding,
      // Overlays that disagree on the fix (one patches the path, another does not) get none: the hover says where to change it.
      fixes: entry.fixKeys.size === 1 ? entry.finding.fixes : [],
      related: [...(entry.finding.related ?? []), ...entry.overlays.filter((overlay) => overlay.path !== entry.file || entry.overlays.length > 1)],
    };
    if (finding.related?.length === 0) delete finding.related;
    findings.set(entry.file, [...(findings.get(entry.file) ?? []), finding]);
  }
  for (const list of findings.values()) list.sort(compareFindings);
  return { findings, builds, coveredFiles };
}

/** The key of a finding's source location: findings with one key are one finding, the first build's (`add`). */
function foundKey(file: string, ruleId: string, range: Range): string {
  return `${file}|${ruleId}|${range.start.line}:${range.start.character}`;
}

/** The findings of one build's output, each moved onto the file that wrote it. `found`: the earlier builds' findings, by `foundKey`. */
function lintBuild(build: KustomizationBuild, rendered: RenderedText, texts: SourceTexts, patched: PatchedPaths, options: KustomizeLintOptions, config: StridelintConfig, found: ReadonlyMap<string, unknown>): Array<[string, Finding]> {
  if (rendered.text.trim() === '') return [];
  // One parse of the output: the lint's model is built on the documents the mapping below reads. Without fixes, a
  // rule's fixes are built only for the findings whose message needs them (lazy: when first read).
  const linted = lintFile(rendered.text, build.file, { kind: 'kubernetes', config, rules: options.rules, workspace: options.workspace, parse: rendered.kubernetesParse(), fixes: options.fixes === 'none' ? 'lazy' : 'eager' });
  const generatedSecrets = new Set(build.result.resources.flatMap((resource, index) => (resource.generatedBy && gvkOf(resource.node).kind === 'Secret' ? [index] : [])));
  const out: Array<[string, Finding]> = [];
  for (const finding of linted.findings) {
    const span = rendered.lines.spanOf(finding.range);
    // A generated Secret's literals are judged where they are written (generator-secrets.ts), not as one Secret.
    if (generatedSecrets.has(rendered.documents.findIndex((document) => document.range[0] <= span.start && span.start <= document.range[2])) && /secret|credential/.test(finding.ruleId)) continue;
    const source = rendered.sourceOf(span);
    const location = anchorSource(rendered, texts, span, build.result.resources) ?? source?.location ?? { file: build.file, start: 0, end: 0 };
    const range = texts.rangeOf(location);
    // Without fixes, a location found before keeps that finding (`add`), whatever this one says: its fixes are neither built nor mapped.
    if (options.fixes === 'none' && found.has(foundKey(location.file, finding.ruleId, range))) finding.fixes = [];
    const { fixes, blockedBy } = options.fixes === 'none' ? { fixes: [], blockedBy: whyNoFix(finding.fixes, rendered, texts, build, patched) } : mappedFixes(finding.fixes, rendered, texts, build, patched);
    const message = blockedBy && fixes.length === 0 ? `${finding.message.replace(/\.$/, '')} (${blockedBy}).` : finding.message;
    out.push([location.file, { ...finding, message, range, fixes, data: { ...finding.data, kustomization: build.dir, renderedSnippet: snippet(rendered, finding) } }]);
  }
  return out;
}

/** A finding's fixes moved onto the sources, and the first reason one could not be (for the message when none could). */
function mappedFixes(found: readonly Fix[], rendered: RenderedText, texts: SourceTexts, build: KustomizationBuild, patched: PatchedPaths): { fixes: Fix[]; blockedBy?: string } {
  const fixes: Fix[] = [];
  let blockedBy: string | undefined;
  for (const fix of found) {
    const mapped = mapBuildFix(fix, rendered, texts, build, patched);
    if (mapped.fix) fixes.push(mapped.fix);
    else blockedBy ??= mapped.reason;
  }
  return { fixes, blockedBy };
}

/**
 * What `mappedFixes` says of a finding's message (the reason, when no fix maps), without building the mapped
 * edits where the answer cannot depend on them: only a fix that stops at a reason makes one, and whether an
 * edit can be built decides only between a fix and none, which matters only when another fix has a reason.
 */
function whyNoFix(found: readonly Fix[], rendered: RenderedText, texts: SourceTexts, build: KustomizationBuild, patched: PatchedPaths): string | undefined {
  const anyReason = found.some((fix) => mapBuildFix(fix, rendered, texts, build, patched, { withoutEdits: true }).reason !== undefined);
  if (!anyReason) return undefined;
  const { fixes, blockedBy } = mappedFixes(found, rendered, texts, build, patched);
  return fixes.length === 0 ? blockedBy : undefined;
}

/**
 * Findings about a missing key are anchored on the name of the mapping that lacks it: the resource's
 * `metadata.name`, a container's `name`. When that name was written elsewhere than the resource's own file
 * (a namePrefix, a patch's merge key `- name: app`), the finding belongs to the parent mapping in the file
 * that defined the resource — the base's container, not the patch that only merged into it. A mapping the
 * patch added whole keeps the patch.
 */
function anchorSource(rendered: RenderedText, texts: SourceTexts, span: Span, resources: readonly Resource[]): { file: string; start: number; end: number } | undefined {
  const document = rendered.documentAt(span.start);
  const resource = document ? resources[rendered.documents.indexOf(document)] : undefined;
  if (!resource || rendered.spanAt(span.start)?.source.file === resource.file) return undefined;
  const chain = nodeChainAt(document?.contents as Node | undefined, span.start);
  const [parent, name] = chain.slice(-2);
  if (chain.length < 3 || name.key !== 'name' || !(parent.key === 'metadata' || typeof parent.key === 'number') || !isMap(parent.node)) return undefined;
  for (const pair of parent.node.items as Pair<Node, Node>[]) {
    const at = pair.key?.range?.[0];
    const source = at === undefined ? undefined : rendered.sourceOf({ start: at, end: at + 1 });
    if (!source || source.location.file !== resource.file || source.output.kind !== 'text') continue;
    const sourceDocument = texts.yamlDocumentAt(resource.file, source.location.start);
    const sourceChain = nodeChainAt(sourceDocument?.contents as Node | undefined, source.location.start);
    const keyIndex = sourceChain.findIndex((step) => step.keyNode?.range?.[0] === source.location.start);
    const start = keyIndex > 0 ? sourceChain[keyIndex - 1].node.range?.[0] : undefined;
    if (start !== undefined) return { file: resource.file, start, end: start };
  }
  return undefined;
}

/** The related-information entry that names an overlay: its kustomization file's first line. */
function overlayRelated(build: KustomizationBuild, texts: SourceTexts): RelatedLocation {
  return { path: build.file, range: texts.rangeOf({ file: build.file, start: 0, end: 0 }), message: `Found in the build of ${displayDir(build.dir)}.` };
}

function displayDir(dir: string): string {
  const parts = dir.split('/').filter(Boolean);
  return parts.slice(-2).join('/') || dir;
}
