import type { Node, Pair } from 'yaml';
import { isMap, isScalar, isSeq } from '../../models/yaml-nodes';

/** Keys and indexes from a YAML document's root to a node. */
export type YamlPath = (string | number)[];

/** One step from a document's root towards a node: the node reached and the key that led there. */
export interface PathStep {
  node: Node;
  /** The key or index that led to `node` (undefined for the root). */
  key?: string | number;
  /** The key's own node (undefined for the root and sequence items). */
  keyNode?: Node;
}

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) && pair.key.value !== null && pair.key.value !== undefined ? String(pair.key.value) : undefined;
}

function covers(node: Node | null | undefined, offset: number): boolean {
  const range = node?.range;
  return range != null && range[0] <= offset && offset < Math.max(range[1], range[0] + 1);
}

/**
 * The chain of nodes from the root down to the deepest node written at `offset` (a key counts as its
 * value's position, so a finding on a key names that key's path).
 */
export function nodeChainAt(root: Node | null | undefined, offset: number): PathStep[] {
  if (!root) return [];
  const chain: PathStep[] = [{ node: root }];
  let current: Node = root;
  for (let depth = 0; depth < 1000; depth++) {
    let next: PathStep | undefined;
    if (isMap(current)) {
      for (const pair of current.items as Pair[]) {
        const key = keyOf(pair);
        const value = pair.value as Node | null;
        if (key === undefined || !value) continue;
        if (covers(pair.key as Node, offset) || covers(value, offset)) {
          next = { node: value, key, keyNode: pair.key as Node };
          break;
        }
      }
    } else if (isSeq(current)) {
      const index = (current.items as Node[]).findIndex((item) => covers(item, offset));
      if (index >= 0) next = { node: current.items[index] as Node, key: index };
    }
    if (!next) break;
    chain.push(next);
    current = next.node;
  }
  return chain;
}

/** Follows `path` from `root` as far as it exists: the steps found (the root first). */
export function followPath(root: Node | null | undefined, path: readonly (string | number)[]): PathStep[] {
  if (!root) return [];
  const chain: PathStep[] = [{ node: root }];
  let current: Node = root;
  for (const key of path) {
    let next: PathStep | undefined;
    if (isMap(current) && typeof key === 'string') {
      const pair = (current.items as Pair[]).find((candidate) => keyOf(candidate) === key);
      const value = pair?.value as Node | null | undefined;
      if (pair && value) next = { node: value, key, keyNode: pair.key as Node };
      else if (pair && (pair.key as Node)?.range) {
        // `key:` with no value: the key itself is the last place that exists.
        chain.push({ node: pair.key as Node, key, keyNode: pair.key as Node });
        break;
      }
    } else if (isSeq(current) && typeof key === 'number' && current.items[key]) {
      next = { node: current.items[key] as Node, key };
    }
    if (!next) break;
    chain.push(next);
    current = next.node;
  }
  return chain;
}

/** How a path is shown in messages: `securityContext.runAsUser`, `containers[0].name`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`)).join('');
}
