import { SEVERITIES, type Finding, type Severity } from '../../rules/engine';
import { isArrayOf, isObject, isString } from '../shared/finding-shape';
import { sectionEntry, type LintCache } from '../shared/lint-cache';
import type { FileResult } from './report-model';

/**
 * A format that can write a file's result from text it encoded before (`file(result)` is
 * `replay(decode(encode(result)))`): with --cache the text is kept beside the file's result, so that a warm run
 * neither decodes the findings nor formats them again.
 */
export interface FileEncoding<Decoded = unknown> {
  /** The encoding's name in the cache (a change of its layout must change the name). */
  name: string;
  encode(result: FileResult): string;
  /** The encoded result's parts (views of `bytes`, the encoded text's UTF-8), or undefined when they are not this encoding's (a miss). */
  decode(bytes: Buffer): Decoded | undefined;
  /** Writes a decoded result as `file` writes the result it came from. */
  replay(decoded: Decoded): void;
}

/**
 * What the cache keeps of a file's output beside the encoded output itself, under the same key as the file's
 * cached result (content, settings, working folder, build): the worst severity (all the exit code needs) and the
 * fact reads the result depends on. The entry is bytes, this as JSON, a NUL, then the encoded output (JSON never
 * holds a raw NUL); the output is written as stored, without being decoded: the cache file's checksum guards it
 * against damage, and it is used only when no step changes a file's findings between the lint and the output (no
 * --baseline, no kustomization build findings joined to the file's).
 */
export interface OutputFacts {
  worst: Severity | null;
  reads: string[];
  readsDigest: string;
}

/** The cache entry of a file's output in an encoding. */
export function outputEntry(posix: string, encoding: FileEncoding): string {
  return sectionEntry(posix, `output:${encoding.name}`);
}

function isOutputFacts(value: unknown): value is OutputFacts {
  return isObject(value) && (value.worst === null || (SEVERITIES as readonly unknown[]).includes(value.worst)) && isArrayOf(value.reads, isString) && isString(value.readsDigest);
}

/** The most severe of the findings (null for none): all the exit code needs of a file. */
export function worstSeverity(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const finding of findings) {
    if (finding.severity === 'error') return 'error';
    if (finding.severity === 'warning' || worst === null) worst = finding.severity;
  }
  return worst;
}

/** Keeps a file's encoded output (`text`, from encoding.encode) and returns it decoded for writing. */
export function storeOutput(cache: LintCache, posix: string, key: string, encoding: FileEncoding, text: string, facts: OutputFacts): unknown {
  const head = Buffer.from(`${JSON.stringify(facts)}\u0000`);
  const bytes = Buffer.concat([head, Buffer.from(text)]);
  const decoded = encoding.decode(bytes.subarray(head.length));
  if (decoded !== undefined) cache.setBytes(outputEntry(posix, encoding), key, bytes);
  return decoded;
}

/**
 * The file's cached output in this encoding, decoded (views of the loaded cache), when its key matches and the
 * facts its lint read still give the same answers (`digestOf`); the file's result entry is then kept unread.
 */
export function replayableOutput(cache: LintCache, posix: string, key: string, encoding: FileEncoding, digestOf: (reads: string[]) => string | undefined): (OutputFacts & { decoded: unknown }) | undefined {
  const bytes = cache.getBytes(outputEntry(posix, encoding), key);
  const cut = bytes ? bytes.indexOf(0) : -1;
  if (!bytes || cut < 0) return undefined;
  let facts: unknown;
  try {
    facts = JSON.parse(bytes.toString('utf8', 0, cut));
  } catch {
    return undefined;
  }
  const decoded = isOutputFacts(facts) && facts.readsDigest === digestOf(facts.reads) ? encoding.decode(bytes.subarray(cut + 1)) : undefined;
  if (!isOutputFacts(facts) || decoded === undefined) return undefined;
  cache.keep(posix);
  return { ...facts, decoded };
}
