import type { SourceSet } from '../helm/source-map';
import type { FieldSpec } from './field-spec';
import { fieldStrings, type Kustomization } from './kustomization';
import { parseDocuments } from './parse';
import { loadFile } from './restrictions';
import { getField, getString, isMap, type KNode } from './tree';

/** A name reference added by `configurations`: fields (of referrers `kind`) naming a resource of `targetKind`. */
export interface ExtraReferral {
  targetKind: string;
  targetGroup: string;
  specs: FieldSpec[];
}

/**
 * `configurations:` files: extra field specs for kustomize's builtin transformers (labels, annotations,
 * images…) in this kustomization, and name references for the whole build.
 */
export interface TransformerConfig {
  commonLabels: FieldSpec[];
  labels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  images: FieldSpec[];
  nameReference: ExtraReferral[];
}

export function emptyConfig(): TransformerConfig {
  return { commonLabels: [], labels: [], commonAnnotations: [], images: [], nameReference: [] };
}

export function readFieldSpecList(node: KNode | undefined): FieldSpec[] {
  if (node?.kind !== 'seq') return [];
  return node.items.filter(isMap).map((spec) => ({
    path: getString(spec, 'path') ?? '',
    kind: getString(spec, 'kind'),
    group: getString(spec, 'group'),
    version: getString(spec, 'version'),
    create: getString(spec, 'create') === 'true',
  }));
}

export function loadTransformerConfig(sources: SourceSet, k: Kustomization, restrictRoot: string | undefined): TransformerConfig {
  const config = emptyConfig();
  for (const entry of fieldStrings(k.node, 'configurations')) {
    const loaded = loadFile(sources, k.dir, entry.value, restrictRoot, entry.node.origin);
    for (const document of parseDocuments(loaded.text, loaded.path)) {
      if (!isMap(document)) continue;
      config.commonLabels.push(...readFieldSpecList(getField(document, 'commonLabels')));
      config.labels.push(...readFieldSpecList(getField(document, 'labels')));
      config.commonAnnotations.push(...readFieldSpecList(getField(document, 'commonAnnotations')));
      config.images.push(...readFieldSpecList(getField(document, 'images')));
      const references = getField(document, 'nameReference');
      for (const reference of references?.kind === 'seq' ? references.items.filter(isMap) : []) {
        config.nameReference.push({ targetKind: getString(reference, 'kind') ?? '', targetGroup: getString(reference, 'group') ?? '', specs: readFieldSpecList(getField(reference, 'fieldSpecs')) });
      }
    }
  }
  return config;
}
