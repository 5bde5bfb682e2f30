/**
 * A multi-document YAML stream cut into its documents as text, for linting one document at a time. A cut is
 * made before every `---` marker at the start of a line (YAML forbids that marker inside a document's
 * content, so the parser cuts there too); each chunk starts at a line start, so a finding's column is the
 * same in the chunk as in the file and only its line moves.
 */
export interface YamlChunk {
  text: string;
  /** Zero-based line of the file where the chunk starts. */
  line: number;
  /** How many line breaks the chunk holds. */
  lineBreaks: number;
  /** The values of its `kind:` keys at column 0 (the object kinds of the document). */
  kinds: string[];
}

const MARKER = /^---(?=[ \t\r\n]|$)/gm;
const LINE_BREAK = /\r\n|\r|\n/g;
const TOP_KIND = /^kind[ \t]*:[ \t]*["']?([A-Za-z0-9_.-]+)/gm;

export function splitYamlDocuments(text: string): YamlChunk[] {
  const bounds = [0];
  for (const match of text.matchAll(MARKER)) if (match.index > 0) bounds.push(match.index);
  bounds.push(text.length);
  const chunks: YamlChunk[] = [];
  let line = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const chunk = text.slice(bounds[i], bounds[i + 1]);
    const lineBreaks = countLineBreaks(chunk);
    chunks.push({ text: chunk, line, lineBreaks, kinds: [...chunk.matchAll(TOP_KIND)].map((match) => match[1]) });
    line += lineBreaks;
  }
  return chunks;
}

function countLineBreaks(text: string): number {
  let count = 0;
  LINE_BREAK.lastIndex = 0;
  while (LINE_BREAK.exec(text)) count++;
  return count;
}

/** Comment forms that reach past the next line or the document (suppressions, other tools' pragmas). */
const FILE_WIDE_COMMENT = /#\s*stridelint-disable(?!-next-line)|kics-scan|\u2028|\u2029/;
const PRAGMA = /stridelint-disable|trivy:ignore|checkov|kics-scan/;
/** Kinds the control-plane model combines across documents (and words of their command lines). */
const CONTROL_PLANE = /kube-apiserver|etcd|kube-controller-manager|kube-scheduler|kubelet|kube-proxy|kubeadm|Configuration|kind:[ \t]*["']?Policy/;

/**
 * Why a file must be linted as a whole, if it must: what per-document linting cannot reproduce exactly
 * (a directive, template syntax, file-wide suppressions, a suppression whose target is in the next document,
 * control-plane objects that rules compare, documents whose kind is not written at column 0).
 */
export function wholeStreamReason(text: string, chunks: readonly YamlChunk[]): string | undefined {
  if (chunks.length < 2) return 'one document';
  if (/^%/m.test(text)) return 'a YAML directive';
  if (text.includes('{{')) return 'template syntax';
  if (FILE_WIDE_COMMENT.test(text)) return 'a file-wide suppression or line separator';
  if (CONTROL_PLANE.test(text)) return 'control-plane objects';
  for (const chunk of chunks) {
    if (chunk.kinds.some((kind) => kind.endsWith('List'))) return 'a List';
    if (chunk.kinds.length === 0 && /kind/.test(chunk.text)) return 'a kind not written at column 0';
    if (PRAGMA.test(trailingComments(chunk.text))) return 'a suppression before a document marker';
  }
  return undefined;
}

/** The comment and blank lines at the end of a chunk (after its last line of content). */
function trailingComments(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  let first = lines.length;
  while (first > 0 && /^\s*(#.*)?$/.test(lines[first - 1])) first--;
  return lines.slice(first).join('\n');
}
