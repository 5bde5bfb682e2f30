import { lintFile, type Finding, type LintOptions, type StridelintConfig } from '../../rules/engine';
import { CompositeLines, IndexPastText, type Segment } from './composite-lines';
import { shiftRange } from './fact-ranges';
import { placeFinding, shiftFinding } from './finding-places';
import { YamlChunkers, chunkedKind, wholeStreamReason, type YamlChunk } from './yaml-chunks';

/**
 * Kinds some rules read across documents. A ClusterRole's findings depend on the ClusterRoleBindings that bind
 * it to broad subjects and on the ClusterRoles that aggregate it (rbac-model's markClusterWide); namespaced
 * Roles and every binding are judged alone.
 */
const CLUSTER_RBAC_KINDS = new Set(['ClusterRole', 'ClusterRoleBinding']);
/**
 * A LimitRange (memory-limit) or a ServiceAccount (sa-token-automount) changes the findings of pods elsewhere in
 * the file: those rules read the model of the file.
 */
const MODEL_CONTEXT_KINDS = new Set(['LimitRange', 'ServiceAccount']);
/**
 * Without a workspace index, issue 18's relations read this file's own objects from the model too (a Namespace's
 * Pod Security labels, the bindings and roles of a pod's account, NetworkPolicies). With an index they read the
 * index, which holds the whole file's facts: those documents need not go along, and a change of the facts
 * they give is the index's (the caller's identity changes).
 */
const POD_CONTEXT_KINDS = new Set([...MODEL_CONTEXT_KINDS, 'Namespace', 'NetworkPolicy', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding']);

const PARSE_ERROR_ID = 'stridelint/parse-error';

/** A document marker line with nothing of the document on it. */
const BARE_MARKER = /^---[ \t]*(#[^\r\n]*)?(\r\n|\r|\n|$)/;

interface CachedChunk {
  /** Findings in file coordinates when the chunk started at `line`. */
  findings: Finding[];
  line: number;
  /** The texts of the other documents these findings depended on. */
  context: string;
  /** The document has a syntax error. */
  unparsable: boolean;
  /** A finding points at another document of the file (a binding, a role): where that one is may change. */
  crossDocument: boolean;
}

interface DocumentEntry {
  /** What the findings were computed under (config, settings, rules, language id): any change drops the entry. */
  identity: readonly unknown[];
  chunks: Map<string, CachedChunk>;
  /** The last context texts, kept as the same strings while unchanged (each document's check is then a pointer compare). */
  contexts?: Contexts;
}

/** The texts of the documents others read: the pod context, and the pod and RBAC context a ClusterRole reads. */
interface Contexts {
  pod: string;
  rbac: string;
  clusterRole: string;
}

export interface ChunkLintOptions extends Omit<LintOptions, 'kind' | 'fingerprints'> {
  config: StridelintConfig;
}

/**
 * Per-document findings of open multi-document Kubernetes files: an edit re-lints only the documents whose
 * text changed, together with the documents other rules read across the stream (cluster-wide bindings and
 * aggregating roles for ClusterRoles, LimitRanges and ServiceAccounts for pods). Files whose findings cannot be reproduced document by document
 * (see wholeStreamReason) are left to the whole-file lint.
 */
export class DocumentLintCache {
  private readonly documents = new Map<string, DocumentEntry>();

  constructor(private readonly chunkers = new YamlChunkers()) {}

  /** The index as composite lints see it (this file's objects past the text), kept from keystroke to keystroke. */
  private readonly pastText = new IndexPastText();

  /**
   * The findings of a Kubernetes stream, or undefined when it must be linted as a whole. `whole`: the findings of
   * a lint of the whole text under the same options, when the caller has them (an open document's first lint),
   * taken instead of linting again when every document is to be linted.
   */
  lint(key: string, rawText: string, path: string, options: ChunkLintOptions, identity: readonly unknown[], whole?: readonly Finding[]): Finding[] | undefined {
    const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
    const { config } = options;
    if (text.length > config.maxFileSize) return this.drop(key);
    const chunker = this.chunkers.of(key);
    if (chunkedKind(chunker, path, text, { languageId: options.languageId, kindGlobs: config.files }) !== 'kubernetes') return this.drop(key);
    const chunks = chunker.split(text);
    if (chunks.some((chunk) => chunk.hasNul)) return this.drop(key);
    let entry = this.documents.get(key);
    if (!entry || entry.identity.length !== identity.length || entry.identity.some((value, index) => value !== identity[index])) {
      entry = { identity, chunks: new Map() };
      this.documents.set(key, entry);
    }
    if (wholeStreamReason(chunks)) {
      entry.chunks.clear(); // the chunker stays: the next keystroke may make the file chunkable again
      return undefined;
    }
    const contextKinds = options.workspace?.index ? MODEL_CONTEXT_KINDS : POD_CONTEXT_KINDS;
    const pod = joinTexts(chunks.filter((chunk) => chunk.kinds.some((kind) => contextKinds.has(kind))));
    const rbac = joinTexts(chunks.filter(isClusterRbac));
    // Compared once here rather than once per document below (a file with a ServiceAccount per workload has a large context).
    if (entry.contexts?.pod !== pod || entry.contexts.rbac !== rbac) entry.contexts = { pod, rbac, clusterRole: `${pod}\u0001${rbac}` };
    const contexts = entry.contexts;
    const contextOf = (chunk: YamlChunk) => (isClusterRole(chunk) ? contexts.clusterRole : contexts.pod);
    const keys = chunkKeys(chunks);
    // A document with a syntax error is re-linted every time: where the parser reports it depends on what follows.
    const dirtyKeys = new Map<YamlChunk, string>();
    chunks.forEach((chunk, index) => {
      const cached = entry.chunks.get(keys[index]);
      if (cached === undefined || cached.context !== contextOf(chunk) || cached.unparsable || cached.crossDocument) dirtyKeys.set(chunk, keys[index]);
    });
    if (dirtyKeys.size > 0 && !this.relint(entry, chunks, [...dirtyKeys.keys()], { contextOf, keyOf: dirtyKeys, contextKinds }, path, options, whole)) return this.drop(key);
    const findings: Finding[] = [];
    for (let index = 0; index < chunks.length; index++) {
      const chunk = chunks[index];
      let cached = entry.chunks.get(keys[index]) as CachedChunk;
      // Kept where the document is now: the next keystroke publishes the same finding objects (their diagnostics and JSON kept), not new copies.
      const lines = chunk.line - cached.line;
      if (lines !== 0) entry.chunks.set(keys[index], (cached = { ...cached, findings: cached.findings.map((finding) => shiftFinding(finding, lines, path)), line: chunk.line }));
      findings.push(...cached.findings);
    }
    // The entries of documents no longer in the text (an edited document's earlier texts) go once they are as many
    // as the documents, not at every keystroke (a new map of every document per keystroke, for a large manifest).
    if (entry.chunks.size > 2 * chunks.length + 8) entry.chunks = new Map(keys.map((chunkKey) => [chunkKey, entry.chunks.get(chunkKey) as CachedChunk]));
    return findings;
  }

  forget(key: string): void {
    this.documents.delete(key);
  }

  private drop(key: string): undefined {
    this.documents.delete(key);
    return undefined;
  }

  /**
   * Lints the dirty documents with the documents they read, as one text in file order, and caches each dirty
   * document's findings. False when a rule failed (its internal error is reported once for the whole file).
   */
  private relint(entry: DocumentEntry, chunks: readonly YamlChunk[], dirty: readonly YamlChunk[], { contextOf, keyOf, contextKinds }: { contextOf: (chunk: YamlChunk) => string; keyOf: ReadonlyMap<YamlChunk, string>; contextKinds: ReadonlySet<string> }, path: string, options: ChunkLintOptions, whole?: readonly Finding[]): boolean {
    const dirtySet = new Set(dirty);
    const needsRbac = dirty.some(isClusterRole);
    const composite = (followers: boolean) => {
      const segments: Segment[] = [];
      let text = '';
      let compositeLine = 0;
      chunks.forEach((chunk, index) => {
        const follows = followers && index > 0 && dirtySet.has(chunks[index - 1]);
        if (!dirtySet.has(chunk) && !follows && !chunk.kinds.some((kind) => contextKinds.has(kind)) && !(needsRbac && isClusterRbac(chunk))) return;
        segments.push({ chunk, compositeLine });
        text += chunk.text;
        compositeLine += chunk.lineBreaks;
      });
      return { segments, text };
    };
    const lintComposite = ({ segments, text }: { segments: Segment[]; text: string }) => {
      if (whole && segments.length === chunks.length) return { findings: whole }; // the composite is the whole text
      const workspace = options.workspace?.index ? { ...options.workspace, index: this.pastText.view(options.workspace.index, path) } : options.workspace;
      return lintFile(text, path, { ...options, workspace, kind: 'kubernetes' });
    };
    // The document after a dirty one goes along when a dirty one does not parse: a syntax error at the end of a
    // document is reported on the next one's marker. A keystroke's lint is first made without it (its parse is then
    // the edited document, not two), and again with it if that reports a syntax error; a document known not to
    // parse (re-linted at every keystroke) takes it at once.
    const mayNotParse = dirty.some((chunk) => entry.chunks.get(keyOf.get(chunk) as string)?.unparsable === true);
    let parts = composite(mayNotParse);
    let result: { findings: readonly Finding[]; skipped?: string } = lintComposite(parts);
    if (!mayNotParse && !result.skipped && result.findings.some((finding) => finding.ruleId === PARSE_ERROR_ID)) result = lintComposite((parts = composite(true)));
    const { segments } = parts;
    const lines = new CompositeLines(segments);
    if (result.skipped || result.findings.some((finding) => finding.ruleId === 'stridelint/internal-error')) return false;
    // Fixes not built yet keep the model of the lint that found them alive. A keystroke's lint is a document and
    // what it reads, but a lint of every document (the open) has the whole file's model (27 MiB for the
    // 52,800-line manifest): its fixes are built now rather than kept for until each document is edited.
    if (segments.length === chunks.length) for (const finding of result.findings) void finding.fixes;
    const found = new Map<YamlChunk, Finding[]>(dirty.map((chunk) => [chunk, []]));
    let index = 0;
    for (const finding of result.findings) {
      const line = finding.range.start.line;
      while (index + 1 < segments.length && segments[index + 1].compositeLine <= line) index++;
      while (index > 0 && segments[index].compositeLine > line) index--;
      // A document the parser could not close is reported where the next one starts (its bare `---` line).
      const owner = finding.ruleId === PARSE_ERROR_ID && index > 0 && line === segments[index].compositeLine && BARE_MARKER.test(segments[index].chunk.text) ? index - 1 : index;
      const { chunk, compositeLine: start } = segments[owner];
      // Related places and fix edits may lie in another document of the composite (or of the file): each moves with its own.
      found.get(chunk)?.push(placeFinding(finding, shiftRange(finding.range, chunk.line - start), (range) => lines.toFile(range), path));
    }
    for (const chunk of dirty) {
      const findings = found.get(chunk) ?? [];
      // Related places outside the document (in another one, or another file) may move without its text changing.
      const crossDocument = findings.some((finding) => finding.related?.some((entry) => entry.path !== path || entry.range.start.line < chunk.line || entry.range.start.line >= chunk.line + chunk.lineBreaks));
      entry.chunks.set(keyOf.get(chunk) as string, { findings, line: chunk.line, context: contextOf(chunk), unparsable: findings.some((finding) => finding.ruleId === PARSE_ERROR_ID), crossDocument });
    }
    return true;
  }
}

/** Each chunk's cache key: its text, numbered when the same text occurs again (a syntax error's place depends on what follows). */
function chunkKeys(chunks: readonly YamlChunk[]): string[] {
  const seen = new Set<string>();
  let repeats: Map<string, number> | undefined;
  return chunks.map(({ text }) => {
    if (!seen.has(text)) {
      seen.add(text);
      return text;
    }
    repeats ??= new Map();
    const count = (repeats.get(text) ?? 0) + 1;
    repeats.set(text, count);
    return `${count}\u0000${text}`;
  });
}

function isClusterRbac(chunk: YamlChunk): boolean {
  return chunk.kinds.some((kind) => CLUSTER_RBAC_KINDS.has(kind));
}

function isClusterRole(chunk: YamlChunk): boolean {
  return chunk.kinds.includes('ClusterRole');
}

function joinTexts(chunks: readonly YamlChunk[]): string {
  return chunks.map((chunk) => chunk.text).join('\u0000');
}
