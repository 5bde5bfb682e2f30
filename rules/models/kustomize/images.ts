import { pathSegments, specSelects, visitPath, type FieldSpec } from './field-spec';
import type { NodeOrigin } from './origin';
import { userPattern } from './user-regexp';
import { gvkOf, type Resource } from './resource';
import { getField, getString, isMap, scalar, setField, type KMap, type KNode } from './tree';

export interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  tagSuffix?: string;
  origin?: NodeOrigin;
}

export function readImageRule(node: KMap): ImageRule {
  return {
    name: getString(node, 'name') ?? '',
    newName: getString(node, 'newName'),
    newTag: getString(node, 'newTag'),
    digest: getString(node, 'digest'),
    tagSuffix: getString(node, 'tagSuffix'),
    origin: node.origin ? { ...node.origin, writer: 'field' } : undefined,
  };
}

/**
 * `images`: rewrites the image of every container and init container (wherever a `containers` or
 * `initContainers` list appears, kustomize's legacy walk) and of image volumes, matching the image name
 * as kustomize does (the name is used as a regular expression, then an optional tag and digest).
 */
export function applyImages(resources: readonly Resource[], rule: ImageRule, extraSpecs: readonly FieldSpec[] = []): void {
  // kustomize puts the name into a regular expression unescaped (`.` matches any character).
  const pattern = userPattern(rule.name, '^', '(:[a-zA-Z0-9_.{}-]*)?(@[a-zA-Z0-9]+([.+_-][a-zA-Z0-9]+)*:[a-zA-Z0-9_.{}-]*)?$');
  const update = (holder: KMap, key: string) => {
    const node = getField(holder, key);
    if (node?.kind !== 'scalar' || typeof node.value !== 'string' || !pattern.test(node.value)) return;
    setField(holder, key, scalar(rewrite(node.value, rule), rule.origin));
  };
  const walk = (node: KNode): void => {
    if (node.kind === 'seq') node.items.forEach(walk);
    if (node.kind !== 'map') return;
    for (const entry of node.entries) {
      walk(entry.value);
      if ((entry.key === 'containers' || entry.key === 'initContainers') && entry.value.kind === 'seq') {
        for (const container of entry.value.items) if (isMap(container)) update(container, 'image');
      }
      if (entry.key === 'volumes' && entry.value.kind === 'seq') {
        for (const volume of entry.value.items) {
          const image = getField(volume, 'image');
          if (isMap(image)) update(image, 'reference');
        }
      }
    }
  };
  for (const resource of resources) {
    const gvk = gvkOf(resource.node);
    if (gvk.kind !== 'CustomResourceDefinition') walk(resource.node);
    // Image fields that `configurations` name (custom resources' containers).
    for (const spec of extraSpecs) {
      if (specSelects(spec, gvk)) visitPath(resource.node, pathSegments(spec.path), false, update);
    }
  }
}

function rewrite(image: string, rule: ImageRule): string {
  let [name, tag, digest] = splitImage(image);
  if (rule.newName) name = rule.newName;
  if (rule.newTag && rule.digest) [tag, digest] = [rule.newTag, rule.digest];
  else if (rule.newTag) [tag, digest] = [rule.newTag, ''];
  else if (rule.digest) [tag, digest] = ['', rule.digest];
  else if (rule.tagSuffix) [tag, digest] = [tag + rule.tagSuffix, ''];
  return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

/** Name, tag and digest of an image reference (a `:` before the first `/` is a registry port). */
export function splitImage(image: string): [string, string, string] {
  const slash = image.indexOf('/');
  const offset = slash > 0 ? slash : 0;
  const search = image.slice(offset);
  let at = search.indexOf('@');
  let colon = search.indexOf(':');
  if (colon < 0 && at < 0) return [image, '', ''];
  if (at >= 0 && (at < colon || colon < 0)) {
    at += offset;
    return [image.slice(0, at), '', image.slice(at + 1)];
  }
  if (at >= 0 && colon >= 0) {
    at += offset;
    colon += offset;
    return [image.slice(0, colon), image.slice(colon + 1, at), image.slice(at + 1)];
  }
  colon += offset;
  return [image.slice(0, colon), image.slice(colon + 1), ''];
}
