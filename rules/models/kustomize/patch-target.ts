import { userPattern } from './user-regexp';
import { gvkOf, namespaceOf, nameOf, type Resource } from './resource';
import { getField, getString, isMap, type KMap, type KNode } from './tree';

/** A patch `target`: gvk parts match exactly (empty = any), name and namespace as anchored regexps, selectors. */
export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export function readTarget(node: KNode | undefined): PatchTarget | undefined {
  if (!isMap(node)) return undefined;
  const text = (key: string) => getString(node, key);
  return { group: text('group'), version: text('version'), kind: text('kind'), name: text('name'), namespace: text('namespace'), labelSelector: text('labelSelector'), annotationSelector: text('annotationSelector') };
}

const anchored = (pattern: string) => userPattern(pattern);

export function targetSelects(target: PatchTarget, resource: Resource): boolean {
  const gvk = gvkOf(resource.node);
  if (target.group && target.group !== gvk.group) return false;
  if (target.version && target.version !== gvk.version) return false;
  if (target.kind && target.kind !== gvk.kind) return false;
  if (target.name) {
    const pattern = anchored(target.name);
    if (!pattern.test(nameOf(resource.node)) && !resource.names.some((name) => pattern.test(name))) return false;
  }
  if (target.namespace && !anchored(target.namespace).test(namespaceOf(resource.node))) return false;
  const metadata = getField(resource.node, 'metadata');
  if (target.labelSelector && !selectorMatches(target.labelSelector, getField(metadata, 'labels'))) return false;
  if (target.annotationSelector && !selectorMatches(target.annotationSelector, getField(metadata, 'annotations'))) return false;
  return true;
}

/** Kubernetes label selector syntax: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`. */
export function selectorMatches(selector: string, labels: KNode | undefined): boolean {
  const values = new Map<string, string>();
  if (isMap(labels)) for (const entry of (labels as KMap).entries) values.set(entry.key, entry.value.kind === 'scalar' ? String(entry.value.value) : '');
  const terms = selector.split(/,(?![^(]*\))/).map((term) => term.trim()).filter(Boolean);
  return terms.every((term) => {
    let match = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (match) {
      const [, key, op, value] = match;
      return op === '!=' ? values.get(key) !== value.trim() : values.get(key) === value.trim();
    }
    match = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
    if (match) {
      const [, key, op, list] = match;
      const set = list.split(',').map((item) => item.trim());
      const has = values.has(key) && set.includes(values.get(key)!);
      return op === 'in' ? has : !has;
    }
    if (term.startsWith('!')) return !values.has(term.slice(1).trim());
    return values.has(term);
  });
}
