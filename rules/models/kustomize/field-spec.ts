import type { Gvk } from './resource';
import { emptyMap, getField, isNull, type KMap, type KNode } from './tree';

/** A kustomize field spec: a `/`-separated path (lists traversed), for kinds matching the gvk, created or not. */
export interface FieldSpec {
  path: string;
  kind?: string;
  group?: string;
  version?: string;
  create?: boolean;
}

export function specSelects(spec: FieldSpec, gvk: Gvk): boolean {
  return (!spec.kind || spec.kind === gvk.kind) && (spec.group === undefined || spec.group === gvk.group) && (!spec.version || spec.version === gvk.version);
}

/** Path segments; `\/` escapes a slash inside a key (annotation names), `[]` marks a list (traversed anyway). */
export function pathSegments(path: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '\\' && path[i + 1] === '/') {
      current += '/';
      i++;
    } else if (path[i] === '/') {
      segments.push(current);
      current = '';
    } else current += path[i];
  }
  segments.push(current);
  return segments.map((segment) => segment.replace(/\[\]$/, '')).filter((segment) => segment !== '');
}

/**
 * Calls `visit(parent, key)` for every place the path reaches, walking into lists element by element;
 * with `create`, missing maps on the way are made (origin `origin`) and the last key is visited even when absent.
 */
export function visitPath(root: KMap, segments: readonly string[], create: boolean, visit: (parent: KMap, key: string) => void, origin?: KNode['origin']): void {
  const step = (node: KNode, index: number): void => {
    if (node.kind === 'seq') {
      for (const item of node.items) step(item, index);
      return;
    }
    if (node.kind !== 'map') return;
    const key = segments[index];
    if (index === segments.length - 1) {
      if (create || getField(node, key) !== undefined) visit(node, key);
      return;
    }
    let next = getField(node, key);
    if (next === undefined || isNull(next)) {
      if (!create) return;
      next = emptyMap(origin);
      const entry = node.entries.find((e) => e.key === key);
      if (entry) entry.value = next;
      else node.entries.push({ key, keyOrigin: origin, value: next });
    }
    step(next, index + 1);
  };
  if (segments.length > 0) step(root, 0);
}
