import { BuildError } from './problem';
import { cloneNode, getField, getString, isMap, type KNode } from './tree';

/**
 * RFC 6902 JSON patch over a value tree (kustomize applies it with evanphx/json-patch to the resource's
 * JSON): add, remove, replace, move, copy, test. `value` nodes keep the patch file's origins.
 */
export function applyJsonPatch(target: KNode, operations: KNode): KNode {
  if (operations.kind !== 'seq') throw new BuildError('patch-error', 'json patch must be a list of operations', operations.origin);
  let root = target;
  let copiedNodes = 0;
  for (const operation of operations.items) {
    if (!isMap(operation)) throw new BuildError('patch-error', 'json patch operation must be a map', operation.origin);
    const op = getString(operation, 'op');
    const path = getString(operation, 'path') ?? '';
    const value = getField(operation, 'value');
    const fail = (message: string) => new BuildError('patch-error', `${message} (op ${op} path ${path})`, operation.origin);
    switch (op) {
      case 'add':
        if (value === undefined) throw fail('missing value');
        root = add(root, path, cloneNode(value), fail);
        break;
      case 'remove':
        root = remove(root, path, fail).root;
        break;
      case 'replace':
        if (value === undefined) throw fail('missing value');
        resolve(root, path, fail);
        root = add(root, path, cloneNode(value), fail, true);
        break;
      case 'move': {
        const from = getString(operation, 'from') ?? '';
        const taken = remove(root, from, fail);
        root = add(taken.root, path, taken.removed, fail);
        break;
      }
      case 'copy': {
        const from = getString(operation, 'from') ?? '';
        const copied = cloneNode(resolve(root, from, fail));
        // Each copy can double the document: a few lines of patch must not build a gigabyte.
        copiedNodes += countNodes(copied);
        if (copiedNodes > MAX_COPIED_NODES) throw new BuildError('budget', `json patch copies more than ${MAX_COPIED_NODES} nodes`, operation.origin);
        root = add(root, path, copied, fail);
        break;
      }
      case 'test': {
        if (value === undefined) throw fail('missing value');
        if (JSON.stringify(plainOf(resolve(root, path, fail))) !== JSON.stringify(plainOf(value))) throw fail('testing value failed');
        break;
      }
      default:
        throw fail(`Unexpected kind: ${op}`);
    }
  }
  return root;
}

type Fail = (message: string) => BuildError;

const MAX_COPIED_NODES = 200_000;

function countNodes(node: KNode): number {
  if (node.kind === 'scalar') return 1;
  if (node.kind === 'seq') return 1 + node.items.reduce((sum, item) => sum + countNodes(item), 0);
  return 1 + node.entries.reduce((sum, entry) => sum + countNodes(entry.value), 0);
}

function plainOf(node: KNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plainOf);
  return Object.fromEntries([...node.entries].sort((a, b) => (a.key < b.key ? -1 : 1)).map((e) => [e.key, plainOf(e.value)]));
}

function tokens(path: string, fail: Fail): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw fail('path must start with /');
  return path.slice(1).split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolve(root: KNode, path: string, fail: Fail): KNode {
  let node: KNode | undefined = root;
  for (const token of tokens(path, fail)) {
    node = child(node, token);
    if (node === undefined) throw fail(`Unable to find path ${path}`);
  }
  return node;
}

function child(node: KNode | undefined, token: string): KNode | undefined {
  if (node?.kind === 'map') return getField(node, token);
  if (node?.kind === 'seq') {
    const index = /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : -1;
    return index >= 0 ? node.items[index] : undefined;
  }
  return undefined;
}

function add(root: KNode, path: string, value: KNode, fail: Fail, replace = false): KNode {
  const parts = tokens(path, fail);
  if (parts.length === 0) return value;
  const last = parts[parts.length - 1];
  const parent = parts.length === 1 ? root : resolve(root, '/' + parts.slice(0, -1).map(escapeToken).join('/'), fail);
  if (parent.kind === 'map') {
    const entry = parent.entries.find((e) => e.key === last);
    if (entry) entry.value = value;
    else parent.entries.push({ key: last, keyOrigin: value.origin, value });
  } else if (parent.kind === 'seq') {
    const index = last === '-' ? parent.items.length : /^(0|[1-9][0-9]*)$/.test(last) ? Number(last) : -1;
    if (index < 0 || index > parent.items.length - (replace ? 1 : 0)) throw fail('Unable to access invalid index');
    parent.items.splice(index, replace ? 1 : 0, value);
  } else throw fail('Unable to find path');
  return root;
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function remove(root: KNode, path: string, fail: Fail): { root: KNode; removed: KNode } {
  const parts = tokens(path, fail);
  if (parts.length === 0) throw fail('cannot remove the root');
  const last = parts[parts.length - 1];
  const parent = parts.length === 1 ? root : resolve(root, '/' + parts.slice(0, -1).map(escapeToken).join('/'), fail);
  if (parent.kind === 'map') {
    const index = parent.entries.findIndex((e) => e.key === last);
    if (index < 0) throw fail(`Unable to remove nonexistent key: ${last}`);
    return { root, removed: parent.entries.splice(index, 1)[0].value };
  }
  if (parent.kind === 'seq') {
    const index = /^(0|[1-9][0-9]*)$/.test(last) ? Number(last) : -1;
    if (index < 0 || index >= parent.items.length) throw fail('Unable to access invalid index');
    return { root, removed: parent.items.splice(index, 1)[0] };
  }
  throw fail('Unable to find path');
}
