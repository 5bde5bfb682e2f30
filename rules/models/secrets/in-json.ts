import type { Node } from 'jsonc-parser';
import { judgeSecret, type SecretSighting } from './index';

const MAX_DEPTH = 20;

/**
 * Secrets in a JSON configuration tree (daemon.json, Docker client config.json): every string value judged
 * by its key (`"splunk-token": "…"`, `"password": "…"`) and by provider formats (`"http-proxy":
 * "http://user:pass@proxy:3128"`); strings in arrays by format only. `decode` lets a caller read a key's
 * value first (config.json `auth` is base64 of `user:password`).
 */
export function jsonSecrets(root: Node | undefined, describe: (path: string[]) => string, decode?: (key: string, value: string) => { name: string; value: string } | undefined): SecretSighting[] {
  const found: SecretSighting[] = [];
  const visit = (node: Node, path: string[], key: string | undefined): void => {
    if (path.length > MAX_DEPTH) return;
    if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const [keyNode, value] = property.children ?? [];
        if (keyNode?.type === 'string' && value) visit(value, [...path, String(keyNode.value)], String(keyNode.value));
      }
    } else if (node.type === 'array') {
      for (const child of node.children ?? []) visit(child, path, undefined);
    } else if (node.type === 'string') {
      const raw = String(node.value);
      const decoded = key !== undefined ? decode?.(key, raw) : undefined;
      const verdict = decoded ? judgeSecret(decoded.name, decoded.value) : judgeSecret(key, raw);
      if (verdict) found.push({ span: { start: node.offset, end: node.offset + node.length }, verdict, subject: describe(path) });
    }
  };
  if (root) visit(root, [], undefined);
  return found;
}
