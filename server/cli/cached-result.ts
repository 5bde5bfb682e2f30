import { FILE_KINDS, type FileFacts, type FileKind, type Finding } from '../../rules/engine';
import { isArrayOf, isFinding, isObject, isRange, isString, optional } from '../shared/finding-shape';
import type { FileResult } from './report-model';

/** One file's lint result as the cache holds it: `kind: null` for a file that is not linted (no kind). */
export interface CachedFile {
  kind: FileKind | null;
  findings: Finding[];
  suppressed?: Finding[];
  skipped?: string;
}

/** A chart unit's results, one per file of the chart. */
export interface CachedChart {
  files: FileResult[];
}

/** What goes into the cache: a new file's text (a Secret manifest a fix would create holds the secret) is left out; outputs print only its path. */
export function withoutNewFileTexts(findings: Finding[]): Finding[] {
  return findings.map((finding) =>
    finding.fixes.some((fix) => fix.newFiles?.length) ? { ...finding, fixes: finding.fixes.map((fix) => (fix.newFiles ? { ...fix, newFiles: fix.newFiles.map((file) => ({ path: file.path, text: '' })) } : fix)) } : finding,
  );
}

export function isCachedFile(value: unknown): value is CachedFile {
  return isObject(value) && (value.kind === null || (FILE_KINDS as readonly unknown[]).includes(value.kind)) && isArrayOf(value.findings, isFinding) && optional(value.suppressed, (list) => isArrayOf(list, isFinding)) && optional(value.skipped, isString);
}

export function isCachedChart(value: unknown): value is CachedChart {
  return (
    isObject(value) &&
    isArrayOf(value.files, (file) => isObject(file) && isString(file.path) && (FILE_KINDS as readonly unknown[]).includes(file.kind) && isArrayOf(file.findings, isFinding) && optional(file.skipped, isString) && optional(file.suppressed, (list) => isArrayOf(list, isFinding)))
  );
}

/** A run's kustomization builds: the files they cover and their findings per file. */
export interface CachedKustomizeRun {
  covered: string[];
  findings: Array<[string, Finding[]]>;
}

export function isPathList(value: unknown): value is string[] {
  return isArrayOf(value, isString);
}

export function isCachedKustomizeRun(value: unknown): value is CachedKustomizeRun {
  return isObject(value) && isArrayOf(value.covered, isString) && isArrayOf(value.findings, (entry) => Array.isArray(entry) && entry.length === 2 && isString(entry[0]) && isArrayOf(entry[1], isFinding));
}

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
