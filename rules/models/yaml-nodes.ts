import * as yaml from 'yaml';

/**
 * yaml's node checks and node classes as module constants. The bundles take `yaml` as a CommonJS module, and
 * esbuild reads each name imported from it through a getter on every use (`(0, import_yaml.isMap)(node)`): ≈ 1.5 %
 * of a scan worker's plain-file lint went to those getters. Importing these names from here reads yaml's export
 * once, when this module loads; the functions and classes are yaml's own, so every check answers as yaml's does.
 */
export const isAlias: typeof yaml.isAlias = yaml.isAlias;
export const isCollection: typeof yaml.isCollection = yaml.isCollection;
export const isDocument: typeof yaml.isDocument = yaml.isDocument;
export const isMap: typeof yaml.isMap = yaml.isMap;
export const isNode: typeof yaml.isNode = yaml.isNode;
export const isPair: typeof yaml.isPair = yaml.isPair;
export const isScalar: typeof yaml.isScalar = yaml.isScalar;
export const isSeq: typeof yaml.isSeq = yaml.isSeq;
