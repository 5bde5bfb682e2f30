import { FILE_KINDS, type FileKind, type Finding } from '../../rules/engine';
import { isArrayOf, isFinding, isObject, isString, optional } from '../shared/finding-shape';
import type { FileResult } from './report-model';

/** One file's lint result as the cache holds it: `kind: null` for a file that is not linted (no kind). */
export interface CachedFile {
  kind: FileKind | null;
  findings: Finding[];
  suppressed?: Finding[];
  skipped?: string;
  /** The fact keys the lint read (the workspace index's questions, `host` for the host settings) … */
  reads: string[];
  /** … and the digest of their answers then: the result is reused only while it is the same. */
  readsDigest: string;
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
  return isObject(value) && (value.kind === null || (FILE_KINDS as readonly unknown[]).includes(value.kind)) && isArrayOf(value.findings, isFinding) && optional(value.suppressed, (list) => isArrayOf(list, isFinding)) && optional(value.skipped, isString) && isArrayOf(value.reads, isString) && isString(value.readsDigest);
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

