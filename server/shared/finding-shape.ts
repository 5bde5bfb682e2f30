import { FILE_KINDS, SEVERITIES, STRIDE_CATEGORIES, type Finding } from '../../rules/engine';

// Shape checks for findings read back from a persistent cache (the CLI's --cache, the server's scan cache):
// a damaged or forged entry is a miss, never output.

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const isString = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0;
const isPosition = (value: unknown): boolean => isObject(value) && isCount(value.line) && isCount(value.character);
export const isRange = (value: unknown): boolean => isObject(value) && isPosition(value.start) && isPosition(value.end);
export const isArrayOf = (value: unknown, item: (entry: unknown) => boolean): boolean => Array.isArray(value) && value.every(item);
export const optional = (value: unknown, check: (entry: unknown) => boolean): boolean => value === undefined || check(value);

const isEdit = (value: unknown): boolean => isObject(value) && isRange(value.range) && isString(value.newText) && optional(value.path, isString);
const isFix = (value: unknown): boolean =>
  isObject(value) && isString(value.title) && typeof value.safe === 'boolean' && isArrayOf(value.edits, isEdit) && optional(value.newFiles, (files) => isArrayOf(files, (file) => isObject(file) && isString(file.path) && isString(file.text)));
const isRelated = (value: unknown): boolean => isObject(value) && isString(value.path) && isRange(value.range) && isString(value.message);
const isSuppression = (value: unknown): boolean => isObject(value) && value.kind === 'inSource' && isString(value.tool) && isString(value.pragma) && isCount(value.line);

/** Whether a value read from the cache has a finding's shape (a damaged or forged entry is a miss, not output). */
export function isFinding(value: unknown): value is Finding {
  return (
    isObject(value) &&
    isString(value.ruleId) &&
    (value.kind === 'any' || (FILE_KINDS as readonly unknown[]).includes(value.kind)) &&
    (STRIDE_CATEGORIES as readonly unknown[]).includes(value.stride) &&
    (SEVERITIES as readonly unknown[]).includes(value.severity) &&
    isString(value.message) &&
    isRange(value.range) &&
    isArrayOf(value.fixes, isFix) &&
    optional(value.related, (related) => isArrayOf(related, isRelated)) &&
    optional(value.fingerprint, isString) &&
    optional(value.suppression, isSuppression) &&
    optional(value.data, isObject)
  );
}
