import type { Node } from 'yaml';
import { isMap } from '../../models/yaml-nodes';
import type { Fix, TextEdit } from '../types';
import { overlappingEdits, removeAtPath, setAtPath } from '../units/path-edits';
import { renderedChanges } from '../units/rendered-changes';
import type { RenderedText, SourceTexts } from '../units/unit-texts';
import { followPath, formatPath, nodeChainAt, type PathStep, type YamlPath } from '../units/yaml-paths';
import type { KustomizationBuild } from './leaf-builds';
import type { PatchedPaths } from './patched-paths';

/** A fix moved onto the kustomization's files, or why there is none (for the message). */
export type MappedBuildFix = { fix: Fix; reason?: undefined } | { fix?: undefined; reason?: string };

/** A node of a source file: the file, its document's root, and the path from that root. */
interface SourceNode {
  file: string;
  root: Node;
  path: YamlPath;
}

/**
 * Moves a fix computed on a build's output onto the file that wrote the value: the patch when a patch wrote
 * it; the base resource when the base did and no overlay writes that path; otherwise no fix. The fix's
 * change to the data (not its text, which is in the build's format) is replayed on the source file, so the
 * file's own indentation and comments are kept.
 */
export function mapBuildFix(fix: Fix, rendered: RenderedText, texts: SourceTexts, build: KustomizationBuild, patched: PatchedPaths, options: { withoutEdits?: boolean } = {}): MappedBuildFix {
  const none = {};
  if (fix.newFiles?.length) return none;
  const rendering = renderedChanges(fix.edits.map((edit) => ({ ...rendered.lines.spanOf(edit.range), newText: edit.newText })), rendered);
  if (!rendering) return none;
  const resourceIndex = rendered.documents.indexOf(rendering.before);
  const resourceFile = build.result.resources[resourceIndex]?.file;
  const edits: TextEdit[] = [];
  const files = new Set<string>();
  for (const change of rendering.changes) {
    const chain = followPath(rendering.before.contents as Node, change.path);
    if (chain.length <= 1 || (change.removed && chain.length !== change.path.length + 1)) return none;
    const target = sourceNodeOf(chain[chain.length - 1], rendered, texts);
    if (!target) return writtenByField(chain[chain.length - 1], rendered) ? { reason: 'no quick fix: an overlay field or generator writes this part of the resource; change it in the kustomization' } : none;
    if (target.file === resourceFile && patched.touches(target.file, change.path)) {
      return { reason: `no quick fix: an overlay writes \`${formatPath(change.path)}\` of this resource, so change it in each overlay's patch rather than in the base` };
    }
    // Only whether a change stops at a reason: building the edits (which may find none) is left to a full mapping.
    if (options.withoutEdits) continue;
    const sourcePath = [...target.path, ...change.path.slice(chain.length - 1)];
    const text = texts.text(target.file) as string;
    const edit = change.removed ? removeAtPath(text, target.root, sourcePath) : setAtPath(text, target.root, sourcePath, change.value);
    if (!edit) return none;
    edits.push({ path: target.file, range: texts.rangeOf({ file: target.file, start: edit.start, end: edit.end }), newText: edit.newText });
    files.add(target.file.slice(target.file.lastIndexOf('/') + 1));
  }
  if (options.withoutEdits) return none;
  if (overlappingEdits(edits, texts)) return none;
  return { fix: { title: `${fix.title} (in ${[...files].join(', ')})`, safe: fix.safe, edits } };
}

/**
 * The source node a node of the output was copied from, found through the key that leads to it (for a list
 * item, through one of its keys: a build may print keys in another order), then looked up in that file's own
 * parse. Undefined for text an overlay field or generator wrote (not copied from a file).
 */
function sourceNodeOf(step: PathStep, rendered: RenderedText, texts: SourceTexts): SourceNode | undefined {
  const keyNode = step.keyNode ?? (isMap(step.node) ? (step.node.items[0]?.key as Node | undefined) : undefined);
  const at = keyNode?.range?.[0];
  if (at === undefined) return undefined;
  const source = rendered.sourceOf({ start: at, end: at + 1 });
  if (!source || source.output.kind !== 'text' || source.output.end - source.output.start !== source.output.source.end - source.output.source.start) return undefined;
  const { file, start } = source.location;
  const document = texts.yamlDocumentAt(file, start);
  if (!document || texts.text(file) === undefined) return undefined;
  const chain = nodeChainAt(document.contents as Node, start);
  const keyIndex = chain.findIndex((candidate) => candidate.keyNode?.range?.[0] === start);
  const index = step.keyNode ? keyIndex : keyIndex - 1;
  if (keyIndex < 1 || index < 1) return undefined;
  if (step.keyNode ? chain[index].key !== step.key : typeof chain[index].key !== 'number') return undefined;
  return { file, root: document.contents as Node, path: chain.slice(1, index + 1).map((candidate) => candidate.key as string | number) };
}

function writtenByField(step: PathStep, rendered: RenderedText): boolean {
  const at = (step.keyNode ?? step.node).range?.[0];
  return at !== undefined && rendered.spanAt(at)?.kind === 'action';
}
