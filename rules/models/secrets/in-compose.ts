import type { Document, Node, Pair } from 'yaml';
import { isMap, isScalar, isSeq } from '../yaml-nodes';
import type { SpanEdit } from '../../engine/types';
import { deref, type ComposeModel } from '../compose';
import { replaceNode, replaceScalar } from '../yaml-scalar';
import { nodeSpan } from '../yaml';
import { secretsInCommand } from './command-line';
import { judgeSecret, type SecretSighting } from './index';

/** A compose sighting, with the edit that replaces the literal by a `${NAME}` reference when there is one. */
export interface ComposeSecretSighting extends SecretSighting {
  /** The variable the value is assigned to, when it is a `NAME: value` or `NAME=value` entry. */
  name?: string;
  reference?: SpanEdit;
}

const MAX_WALK_DEPTH = 12;

/** `NAME: value` pairs and `NAME=value` items of an `environment`/`args` style map or list, with their nodes. */
function assignments(document: Document, node: Node | undefined): Array<{ name: string; value: string; node: Node; listItem: boolean; flow: boolean }> {
  if (isSeq(node)) {
    return node.items.flatMap((item) => {
      const scalar = deref(document, item);
      if (!isScalar(scalar) || typeof scalar.value !== 'string') return [];
      const at = scalar.value.indexOf('=');
      return at <= 0 ? [] : [{ name: scalar.value.slice(0, at).trim(), value: scalar.value.slice(at + 1), node: scalar as Node, listItem: true, flow: Boolean(node.flow) }];
    });
  }
  if (isMap(node)) {
    return (node.items as Pair[]).flatMap((pair) => {
      const scalar = deref(document, pair.value);
      if (!isScalar(pair.key) || !isScalar(scalar) || typeof scalar.value !== 'string') return [];
      return [{ name: String(pair.key.value), value: scalar.value, node: scalar as Node, listItem: false, flow: Boolean(node.flow) }];
    });
  }
  return [];
}

/** Command words: a list's items, or a string's blank-separated words (all pointing at the string). */
function commandWords(document: Document, node: Node | undefined): Array<{ value: string; span: { start: number; end: number } }> {
  if (isSeq(node)) return node.items.flatMap((item) => {
    const scalar = deref(document, item);
    return isScalar(scalar) && scalar.value !== null && typeof scalar.value !== 'object' ? [{ value: String(scalar.value), span: nodeSpan(scalar) }] : [];
  });
  if (isScalar(node) && typeof node.value === 'string') return node.value.split(/\s+/).filter(Boolean).map((value) => ({ value, span: nodeSpan(node) }));
  return [];
}

/**
 * Every place a compose file writes a secret: each service's `environment` (map and list), `build.args`,
 * `command`/`entrypoint`/`healthcheck.test` words, and everything under top-level `x-` extension blocks.
 * A value written once (an anchor used by several services) is reported once, where it is written.
 */
export function composeSecrets(model: ComposeModel): ComposeSecretSighting[] {
  const { document } = model;
  const found: ComposeSecretSighting[] = [];
  const seen = new Set<number>();
  const add = (sighting: ComposeSecretSighting): void => {
    if (seen.has(sighting.span.start)) return;
    seen.add(sighting.span.start);
    found.push(sighting);
  };
  const addAssignments = (node: Node | undefined, where: string): void => {
    for (const entry of assignments(document, node)) {
      const verdict = judgeSecret(entry.name, entry.value);
      if (!verdict) continue;
      const written = entry.listItem ? `${entry.name}=\${${entry.name}}` : `\${${entry.name}}`;
      // `{` and `}` end a plain scalar inside a flow collection: quote there.
      const reference = isScalar(entry.node) && entry.node.type === 'PLAIN' && entry.flow ? replaceNode(entry.node, JSON.stringify(written)) : replaceScalar(entry.node, written);
      add({ span: nodeSpan(entry.node), verdict, subject: `${where} ${entry.name}`, name: entry.name, reference });
    }
  };
  for (const service of model.services) {
    addAssignments(service.get('environment')?.node, `Service "${service.name}" environment`);
    addAssignments(service.get('build', 'args')?.node, `Service "${service.name}" build.args`);
    for (const path of [['command'], ['entrypoint'], ['healthcheck', 'test']]) {
      const words = commandWords(document, service.get(...path)?.node);
      const name = words[0]?.value.slice(words[0].value.lastIndexOf('/') + 1) ?? '';
      for (const hit of secretsInCommand(name, words)) add({ span: hit.word.span, verdict: hit.verdict, subject: `Service "${service.name}" ${path.join('.')} (${hit.what})` });
    }
  }
  const walk = (node: Node | undefined, path: string, depth: number): void => {
    if (depth > MAX_WALK_DEPTH) return;
    if (isMap(node)) {
      addAssignments(node, path);
      for (const pair of node.items as Pair[]) if (!isScalar(pair.value)) walk(deref(document, pair.value), `${path}.${isScalar(pair.key) ? String(pair.key.value) : '?'}`, depth + 1);
    } else if (isSeq(node)) {
      addAssignments(node, path);
      for (const item of node.items) if (!isScalar(item)) walk(deref(document, item), path, depth + 1);
    }
  };
  const top = document.contents;
  if (isMap(top)) {
    for (const pair of top.items as Pair[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key.startsWith('x-')) walk(deref(document, pair.value), key, 0);
    }
  }
  return found;
}
