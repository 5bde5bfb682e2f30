import type { FileKind } from '../../rules/engine';
import { detectKindOf, type KindGlobs } from '../../rules/engine/detect-kind';

/**
 * A multi-document YAML stream cut into its documents as text, for linting one document at a time. A cut is
 * made before every `---` marker at the start of a line (YAML forbids that marker inside a document's
 * content, so the parser cuts there too); each chunk starts at a line start, so a finding's column is the
 * same in the chunk as in the file and only its line moves.
 */
export interface YamlChunk extends ChunkFacts {
  text: string;
  /** Zero-based line of the file where the chunk starts. */
  line: number;
}

/** What is known of a chunk from its text alone (cached by text: a keystroke changes one chunk). */
interface ChunkFacts {
  /** How many line breaks the chunk holds. */
  lineBreaks: number;
  /** The values of its `kind:` keys at column 0 (the object kinds of the document). */
  kinds: string[];
  /** Why the file holding this chunk must be linted as a whole, if it must. */
  wholeStreamReason?: string;
  /** The chunk holds a NUL character (the file is not text). */
  hasNul: boolean;
  /** Answers of detectKind's content patterns on this chunk, filled as they are asked. */
  kindTests: Map<RegExp, boolean>;
}

const MARKER = /^---(?=[ \t\r\n]|$)/gm;
const TOP_KIND = /^kind[ \t]*:[ \t]*["']?([A-Za-z0-9_.-]+)/gm;
/** Comment forms that reach past the next line or the document (suppressions, other tools' pragmas). */
const FILE_WIDE_COMMENT = /#\s*stridelint-disable(?!-next-line)|kics-scan|\u2028|\u2029/;
const PRAGMA = /stridelint-disable|trivy:ignore|checkov|kics-scan/;
/** Kinds the control-plane model combines across documents (and words of their command lines). */
const CONTROL_PLANE = /kube-apiserver|etcd|kube-controller-manager|kube-scheduler|kubelet|kube-proxy|kubeadm|Configuration|kind:[ \t]*["']?Policy/;

/** The last cut of a chunker: its text, chunks and where each chunk starts. */
interface Cut {
  text: string;
  chunks: YamlChunk[];
  starts: number[];
  /** The text holds no CR (the incremental cut below handles LF line breaks only). */
  lfOnly: boolean;
}

/**
 * Cuts streams into chunks, remembering the facts of each chunk text it saw in the last full cut. A text that
 * differs from the last one in a few documents (a keystroke) is cut incrementally: the chunks before and after
 * the changed region are the same objects as before (same text strings, so the caches keyed by them neither
 * hash nor compare 1 MB per keystroke), and only the changed region is cut again.
 */
export class YamlChunker {
  private facts = new Map<string, ChunkFacts>();
  /** The last cut: the same text (asked by the facts and by the findings of one keystroke) is cut once. */
  private last?: Cut;

  split(text: string): YamlChunk[] {
    if (this.last?.text === text) return this.last.chunks;
    this.last = (this.last?.lfOnly && this.recut(this.last, text)) || this.cut(text);
    return this.last.chunks;
  }

  private cut(text: string): Cut {
    const bounds = markerOffsets(text);
    bounds.push(text.length);
    const chunks: YamlChunk[] = [];
    const seen = new Map<string, ChunkFacts>();
    let line = 0;
    for (let i = 0; i + 1 < bounds.length; i++) {
      const chunk = text.slice(bounds[i], bounds[i + 1]);
      const facts = seen.get(chunk) ?? this.facts.get(chunk) ?? chunkFacts(chunk);
      seen.set(chunk, facts);
      chunks.push({ text: chunk, line, ...facts });
      line += facts.lineBreaks;
    }
    this.facts = seen;
    return { text, chunks, starts: bounds.slice(0, -1), lfOnly: !text.includes('\r') };
  }

  /** The cut of `text` from the last one, when both have LF line breaks only; undefined otherwise. */
  private recut(last: Cut, text: string): Cut | undefined {
    if (text === '' || last.text === '') return undefined; // the one cut with an empty chunk
    const { chunks, starts } = last;
    const delta = text.length - last.text.length;
    // Leading chunks inside the common prefix of both texts, then trailing ones inside the common suffix.
    const endOf = (count: number) => (count > 0 ? starts[count - 1] + chunks[count - 1].text.length : 0);
    const prefix = commonLength(last.text, text, false);
    let head = 0;
    while (head < chunks.length && endOf(head + 1) <= prefix) head++;
    const suffix = Math.min(commonLength(last.text, text, true), last.text.length - endOf(head), text.length - endOf(head));
    let tail = chunks.length;
    while (tail > head && starts[tail - 1] >= last.text.length - suffix) tail--;
    // The changed region must start and end at chunk boundaries of the new text; else its neighbours join it.
    while (head > 0 && !isBoundaryAt(text, endOf(head))) head--;
    while (tail < chunks.length && !isBoundaryAt(text, starts[tail] + delta)) tail++;
    const from = endOf(head);
    const to = tail < chunks.length ? starts[tail] + delta : text.length;
    // A copy, not a slice: a slice would keep this keystroke's whole text alive as long as its chunks are kept.
    const region = ownCopy(text.slice(from, to));
    if (region.includes('\r')) return undefined;
    const middle: YamlChunk[] = [];
    const middleStarts: number[] = [];
    let line = head > 0 ? chunks[head - 1].line + chunks[head - 1].lineBreaks : 0;
    const bounds = markerOffsets(region);
    bounds.push(region.length);
    for (let i = 0; i + 1 < bounds.length; i++) {
      if (bounds[i] === bounds[i + 1]) continue; // an empty region (whole documents deleted) has no chunk
      const chunk = region.slice(bounds[i], bounds[i + 1]);
      const facts = this.facts.get(chunk) ?? chunkFacts(chunk);
      middle.push({ text: chunk, line, ...facts });
      middleStarts.push(from + bounds[i]);
      line += facts.lineBreaks;
    }
    const lineShift = tail < chunks.length ? line - chunks[tail].line : 0;
    const after = chunks.slice(tail).map((chunk) => (lineShift === 0 ? chunk : { ...chunk, line: chunk.line + lineShift }));
    return {
      text,
      chunks: [...chunks.slice(0, head), ...middle, ...after],
      starts: [...starts.slice(0, head), ...middleStarts, ...starts.slice(tail).map((start) => start + delta)],
      lfOnly: true,
    };
  }
}

/** A string with its own characters (V8 keeps a substring as a view of the whole string it was cut from). */
function ownCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/**
 * The length of the longest common prefix (or suffix) of two texts, by binary search on native string equality
 * (a memory compare), about twice the text's length compared in all: far cheaper than a loop over characters.
 */
function commonLength(a: string, b: string, fromEnd: boolean): number {
  let low = 0;
  let high = Math.min(a.length, b.length);
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    const same = fromEnd ? a.slice(a.length - mid) === b.slice(b.length - mid) : a.slice(0, mid) === b.slice(0, mid);
    if (same) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Whether a chunk may start (or the last one end) at `at` of an LF-only text: its start, its end, a document marker. */
function isBoundaryAt(text: string, at: number): boolean {
  if (at === 0 || at === text.length) return true;
  if (text.charCodeAt(at - 1) !== 10 || !text.startsWith('---', at)) return false;
  const next = text[at + 3];
  return next === undefined || next === ' ' || next === '\t' || next === '\n';
}

/** One chunker per open document, shared by the caches that cut its text. */
export class YamlChunkers {
  private readonly chunkers = new Map<string, YamlChunker>();

  of(key: string): YamlChunker {
    let chunker = this.chunkers.get(key);
    if (!chunker) this.chunkers.set(key, (chunker = new YamlChunker()));
    return chunker;
  }

  forget(key: string): void {
    this.chunkers.delete(key);
  }
}

export function splitYamlDocuments(text: string): YamlChunk[] {
  return new YamlChunker().split(text);
}

/**
 * Why a file must be linted as a whole, if it must: what per-document linting cannot reproduce exactly
 * (a directive, template syntax, file-wide suppressions, a suppression whose target is in the next document,
 * control-plane objects that rules compare, documents whose kind is not written at column 0).
 */
export function wholeStreamReason(chunks: readonly YamlChunk[]): string | undefined {
  if (chunks.length < 2) return 'one document';
  return chunks.find((chunk) => chunk.wholeStreamReason !== undefined)?.wholeStreamReason;
}

/** Offsets where a chunk starts: 0 and every document marker at a line start. */
function markerOffsets(text: string): number[] {
  const bounds = [0];
  if (text.includes('\r')) {
    for (const match of text.matchAll(MARKER)) if (match.index > 0) bounds.push(match.index);
    return bounds;
  }
  // LF only (the common case): indexOf is several times faster than the multiline regex on a large file.
  for (let at = text.indexOf('\n---'); at >= 0; at = text.indexOf('\n---', at + 4)) {
    const next = text[at + 4];
    if (next === undefined || next === ' ' || next === '\t' || next === '\n') bounds.push(at + 1);
  }
  return bounds;
}

function chunkFacts(text: string): ChunkFacts {
  const kinds = [...text.matchAll(TOP_KIND)].map((match) => match[1]);
  return { lineBreaks: countLineBreaks(text), kinds, wholeStreamReason: chunkReason(text, kinds), hasNul: text.includes('\u0000'), kindTests: new Map() };
}

/**
 * The file kind of an open document's text, read from its chunks: a pattern matches the text iff it matches one
 * of its chunks (see KindContent), and each chunk's answers are kept with it, so a keystroke scans only the
 * chunk it changed instead of the whole text. The text is cut only when its kind depends on its content.
 */
export function chunkedKind(chunker: YamlChunker, path: string, text: string, options: { languageId?: string; kindGlobs?: KindGlobs }): FileKind | undefined {
  const test = (pattern: RegExp) =>
    chunker.split(text).some((chunk) => {
      let matches = chunk.kindTests.get(pattern);
      if (matches === undefined) chunk.kindTests.set(pattern, (matches = pattern.test(chunk.text)));
      return matches;
    });
  return detectKindOf(path, { empty: text === '', test }, { ...options, relativePath: path });
}

function chunkReason(text: string, kinds: readonly string[]): string | undefined {
  if (/^%/m.test(text)) return 'a YAML directive';
  if (text.includes('{{')) return 'template syntax';
  if (FILE_WIDE_COMMENT.test(text)) return 'a file-wide suppression or line separator';
  if (CONTROL_PLANE.test(text)) return 'control-plane objects';
  if (kinds.some((kind) => kind.endsWith('List'))) return 'a List';
  if (kinds.length === 0 && /kind/.test(text)) return 'a kind not written at column 0';
  if (PRAGMA.test(trailingComments(text))) return 'a suppression before a document marker';
  return undefined;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) count++;
    else if (code === 13) {
      count++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return count;
}

/** The comment and blank lines at the end of a chunk (after its last line of content). */
function trailingComments(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  let first = lines.length;
  while (first > 0 && /^\s*(#.*)?$/.test(lines[first - 1])) first--;
  return lines.slice(first).join('\n');
}
