import { selectorMatches } from './patch-target';
import { userPattern } from './user-regexp';
import { BuildError } from './problem';
import { gvkOf, namespaceOf, nameOf, type Resource } from './resource';
import { cloneNode, getField, getString, isMap, scalar, type KMap, type KNode } from './tree';

/**
 * `replacements`: copies the value at a source resource's field path into target field paths. Selector
 * fields are anchored regular expressions (as kustomize matches them), names match any name a resource had;
 * `delimiter` + `index` replace one part of a delimited string (a negative index prepends, past the end
 * appends). The copied node keeps the source's origin: the value maps back to where it was written.
 */
export function applyReplacements(resources: readonly Resource[], replacements: readonly KNode[]): void {
  for (const replacement of replacements) {
    if (!isMap(replacement)) throw new BuildError('bad-kustomization', 'a replacement must be a map', replacement.origin);
    const source = getField(replacement, 'source');
    if (!isMap(source)) throw new BuildError('bad-kustomization', 'a replacement needs a source', replacement.origin);
    const matches = resources.filter((r) => selects(source, r));
    if (matches.length === 0) throw new BuildError('bad-kustomization', `nothing selected by ${describe(source)}`, source.origin);
    if (matches.length > 1) throw new BuildError('bad-kustomization', `multiple matches for selector ${describe(source)}`, source.origin);
    const fieldPath = getString(source, 'fieldPath') ?? 'metadata.name';
    let value = lookup(matches[0].node, splitPath(fieldPath));
    if (value === undefined) throw new BuildError('bad-kustomization', `fieldPath \`${fieldPath}\` is missing for replacement source ${describe(source)}`, source.origin);
    const sourceOptions = getField(source, 'options');
    const delimiter = getString(sourceOptions, 'delimiter');
    if (delimiter && value.kind === 'scalar') {
      const parts = String(value.value).split(delimiter);
      const index = Number(getString(sourceOptions, 'index') ?? 0);
      value = scalar(parts[index] ?? '', value.origin);
    }
    const targets = getField(replacement, 'targets');
    for (const target of targets?.kind === 'seq' ? targets.items : []) {
      if (!isMap(target)) continue;
      const select = getField(target, 'select');
      const reject = getField(target, 'reject');
      const rejects = reject?.kind === 'seq' ? reject.items.filter(isMap) : [];
      const options = getField(target, 'options');
      const paths = getField(target, 'fieldPaths');
      for (const resource of resources) {
        if (isMap(select) && !selects(select, resource)) continue;
        if (rejects.some((r) => selects(r, resource))) continue;
        for (const path of paths?.kind === 'seq' ? paths.items : []) {
          if (path.kind === 'scalar' && typeof path.value === 'string') setAt(resource.node, splitPath(path.value), value, options);
        }
      }
    }
  }
}

function describe(selector: KMap): string {
  return ['group', 'version', 'kind', 'name', 'namespace'].map((key) => getString(selector, key)).filter(Boolean).join('/');
}

function anchoredMatch(pattern: string | undefined, value: string): boolean {
  return pattern === undefined || pattern === '' || userPattern(pattern).test(value);
}

function selects(selector: KMap, resource: Resource): boolean {
  const gvk = gvkOf(resource.node);
  const name = getString(selector, 'name');
  if (!anchoredMatch(getString(selector, 'group'), gvk.group) || !anchoredMatch(getString(selector, 'version'), gvk.version) || !anchoredMatch(getString(selector, 'kind'), gvk.kind)) return false;
  if (name !== undefined && !anchoredMatch(name, nameOf(resource.node)) && !resource.names.some((previous) => anchoredMatch(name, previous))) return false;
  if (!anchoredMatch(getString(selector, 'namespace'), namespaceOf(resource.node))) return false;
  const metadata = getField(resource.node, 'metadata');
  const labelSelector = getString(selector, 'labelSelector');
  const annotationSelector = getString(selector, 'annotationSelector');
  if (labelSelector && !selectorMatches(labelSelector, getField(metadata, 'labels'))) return false;
  return !annotationSelector || selectorMatches(annotationSelector, getField(metadata, 'annotations'));
}

/** `a.b.[name=x].c` → segments; brackets may hold dots (`[app.kubernetes.io/name=x]`). */
export function splitPath(path: string): string[] {
  const segments: string[] = [];
  let current = '';
  let depth = 0;
  for (const c of path) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (c === '.' && depth === 0) {
      segments.push(current);
      current = '';
    } else current += c;
  }
  segments.push(current);
  return segments.filter((segment) => segment !== '');
}

function children(node: KNode, segment: string): KNode[] {
  const bracket = /^\[(.*?)=(.*)\]$/.exec(segment);
  if (node.kind === 'seq') {
    if (bracket) {
      const [, key, expected] = bracket;
      return node.items.filter((item) => (key === '' ? item.kind === 'scalar' && String(item.value) === expected : getString(item, key) === expected));
    }
    if (segment === '*') return node.items;
    if (/^\d+$/.test(segment)) return node.items[Number(segment)] ? [node.items[Number(segment)]] : [];
    return [];
  }
  if (node.kind === 'map') {
    if (segment === '*') return node.entries.map((entry) => entry.value);
    const key = segment.startsWith('[') && segment.endsWith(']') ? segment.slice(1, -1) : segment;
    const value = getField(node, key);
    return value ? [value] : [];
  }
  return [];
}

function lookup(root: KNode, segments: string[]): KNode | undefined {
  let nodes: KNode[] = [root];
  for (const segment of segments) nodes = nodes.flatMap((node) => children(node, segment));
  return nodes[0];
}

function setAt(root: KMap, segments: string[], value: KNode, options: KNode | undefined): void {
  const create = getString(options, 'create') === 'true';
  const delimiter = getString(options, 'delimiter');
  const index = Number(getString(options, 'index') ?? 0);
  const visit = (node: KNode, i: number): void => {
    const segment = segments[i];
    const last = i === segments.length - 1;
    if (node.kind === 'map' && !segment.includes('=') && segment !== '*') {
      const key = segment.startsWith('[') && segment.endsWith(']') ? segment.slice(1, -1) : segment;
      const entry = node.entries.find((e) => e.key === key);
      if (last) {
        if (!entry && !create) return;
        const next = delimiter ? spliceDelimited(entry?.value, value, delimiter, index) : cloneNode(value);
        if (entry) entry.value = next;
        else node.entries.push({ key, keyOrigin: value.origin, value: next });
        return;
      }
      if (!entry) {
        if (!create) return;
        const made: KMap = { kind: 'map', entries: [], origin: value.origin };
        node.entries.push({ key, keyOrigin: value.origin, value: made });
        return visit(made, i + 1);
      }
      return visit(entry.value, i + 1);
    }
    if (node.kind === 'seq' && last && /^\d+$/.test(segment) && node.items[Number(segment)]) {
      node.items[Number(segment)] = delimiter ? spliceDelimited(node.items[Number(segment)], value, delimiter, index) : cloneNode(value);
      return;
    }
    for (const child of children(node, segment)) {
      if (last) continue;
      visit(child, i + 1);
    }
  };
  if (segments.length > 0) visit(root, 0);
}

function spliceDelimited(current: KNode | undefined, value: KNode, delimiter: string, index: number): KNode {
  const parts = current?.kind === 'scalar' && current.value !== null ? String(current.value).split(delimiter) : [''];
  const text = value.kind === 'scalar' ? String(value.value ?? '') : '';
  if (index < 0) parts.unshift(text);
  else if (index >= parts.length) parts.push(text);
  else parts[index] = text;
  return scalar(parts.join(delimiter), value.origin);
}
