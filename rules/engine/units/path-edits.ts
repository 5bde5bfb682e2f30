import type { Node, YAMLMap } from 'yaml';
import { isMap, isScalar, isSeq } from '../../models/yaml-nodes';
import { removePair, setIn } from '../../models/yaml-edit';
import { renderScalar, replaceNode } from '../../models/yaml-scalar';
import type { SpanEdit, TextEdit } from '../types';
import type { SourceTexts } from './unit-texts';
import { followPath, type YamlPath } from './yaml-paths';

/** YAML text for a value an edit writes (flow style for collections, so it fits any place). */
function yamlText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return renderScalar(value);
  if (Array.isArray(value)) return `[${value.map(yamlText).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value as Record<string, unknown>).map(([key, item]) => `${renderScalar(key)}: ${yamlText(item)}`).join(', ')}}`;
  return String(value);
}

/**
 * Sets `path` below `root` (a mapping of the YAML file `text`) to `value`, style kept (see yaml-edit's
 * setIn): a scalar is replaced, missing keys are inserted. Undefined where the path crosses a list it would
 * have to grow, or a collection would replace a scalar.
 */
export function setAtPath(text: string, root: Node, path: YamlPath, value: unknown): SpanEdit | undefined {
  if (!isMap(root)) return undefined;
  const chain = followPath(root, path);
  let depth = chain.length - 1;
  let node = chain[depth].node;
  if (depth === path.length && isScalar(node) && node.value !== null) {
    return typeof value === 'object' && value !== null ? undefined : replaceNode(node, typeof value === 'string' ? renderScalar(value, node) : yamlText(value));
  }
  // `key:` (null) or `key: {}` with nothing below: write from its parent mapping.
  if (isScalar(node) && node.value === null && depth > 0) node = chain[--depth].node;
  const rest = path.slice(depth);
  if (!isMap(node) || rest.some((key) => typeof key !== 'string') || isSeq(node)) return undefined;
  return setIn(text, node as YAMLMap, rest as string[], yamlText(value));
}

/** Removes the pair at `path` below `root`; a mapping's only pair leaves `{}` behind. */
export function removeAtPath(text: string, root: Node, path: YamlPath): SpanEdit | undefined {
  const chain = followPath(root, path);
  if (chain.length !== path.length + 1 || chain.length < 2) return undefined;
  const parent = chain[chain.length - 2].node;
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => item.key === chain[chain.length - 1].keyNode);
  if (!pair) return undefined;
  if (parent.items.length === 1) return replaceNode(parent, '{}');
  return removePair(text, parent, pair);
}

/** True when two edits of one file overlap or start at the same offset (applying both would garble it). */
export function overlappingEdits(edits: readonly TextEdit[], texts: SourceTexts): boolean {
  const spans = edits.map((edit) => ({ file: edit.path ?? '', ...(texts.lines(edit.path ?? '')?.spanOf(edit.range) ?? { start: 0, end: 0 }) }));
  return spans.some((a, i) => spans.some((b, j) => j > i && a.file === b.file && ((a.start < b.end && b.start < a.end) || a.start === b.start)));
}
