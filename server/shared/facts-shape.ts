import type { FileFacts } from '../../rules/engine';
import { isArrayOf, isObject, isRange, isString, optional } from './finding-shape';

/** Shape checks of a file's workspace facts read from a cache (the CLI's `--cache` and the server's scan cache). */
const isStringMap = (value: unknown): boolean => isObject(value) && Object.values(value).every(isString);
const isStage = (value: unknown): boolean => isObject(value) && isObject(value.user) && isString(value.user.source) && isArrayOf(value.exposedPorts, isString) && isRange(value.fromRange);
const isBuild = (value: unknown): boolean => isObject(value) && isString(value.service) && isString(value.dockerfile) && typeof value.setsUser === 'boolean' && typeof value.setsHealthcheck === 'boolean' && isRange(value.range);
const isObjectFacts = (value: unknown): boolean => isObject(value) && isString(value.kind) && isRange(value.range) && isStringMap(value.labels) && optional(value.name, isString) && optional(value.namespace, isString);

/** Whether a value read from the cache has the shape of a file's workspace facts (`null`: the file has none). */
export function isCachedFacts(value: unknown): value is FileFacts | null {
  if (value === null) return true;
  if (!isObject(value)) return false;
  switch (value.kind) {
    case 'dockerfile':
      return isArrayOf(value.stages, isStage);
    case 'compose':
      return isArrayOf(value.builds, isBuild) && isArrayOf(value.envFiles, (file) => isObject(file) && isString(file.service) && isString(file.path) && isRange(file.range));
    case 'kubernetes':
      return isArrayOf(value.objects, isObjectFacts);
    case 'host':
      return ['daemon-json', 'dockerd-flags', 'audit'].includes(value.source as string) && optional(value.keys, isStringMap) && optional(value.auditWatchedPaths, (paths) => isArrayOf(paths, isString));
    default:
      return false;
  }
}
