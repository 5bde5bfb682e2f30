import type { Document } from 'yaml';
import { isMap, isScalar } from '../models/yaml-nodes';
import { parseYamlDocuments } from '../models/yaml-cst';
import type { LineIndex } from './line-index';
import type { FileKind } from './types';

/** Tools whose suppression pragmas stridelint honours (as `references` sources of the rules). */
export type ForeignTool = 'hadolint' | 'checkov' | 'kics' | 'trivy' | 'kube-linter' | 'polaris';

/**
 * Another tool's suppression, as written in the file: which of that tool's checks it silences (`all` for a
 * tool-wide ignore) and the zero-based lines it covers. Written from each tool's documented forms.
 */
export interface ForeignPragma {
  tool: ForeignTool;
  ids: string[] | 'all';
  /** The comment or annotation as written. */
  pragma: string;
  line: number;
  firstLine: number;
  lastLine: number;
}

type Lines = Pick<LineIndex, 'lineCount' | 'lineText' | 'positionAt'>;

const COMMENT = /^\s*#\s?(.*)$/;

/** Every pragma of the peers in a Dockerfile or YAML file. Never throws; an unreadable form is skipped. */
export function parseForeignPragmas(text: string, kind: FileKind, lines: Lines): ForeignPragma[] {
  const pragmas: ForeignPragma[] = [];
  const wholeFile = { firstLine: 0, lastLine: lines.lineCount - 1 };
  const documents = kind === 'kubernetes' || kind === 'compose' ? yamlDocumentLines(text, lines) : [];
  const documentAt = (line: number) => documents.find((document) => document.firstLine <= line && line <= document.lastLine) ?? wholeFile;
  for (let line = 0; line < lines.lineCount; line++) {
    const raw = lines.lineText(line);
    if (!raw.includes('#')) continue;
    const comment = commentOf(raw);
    if (comment === undefined) continue;
    const ownLine = COMMENT.test(raw);
    const push = (tool: ForeignTool, ids: string[] | 'all', scope: { firstLine: number; lastLine: number }) => pragmas.push({ tool, ids, pragma: `# ${comment}`, line, ...scope });
    let match: RegExpExecArray | null;
    if (kind === 'dockerfile' && (match = /^hadolint\s+(global\s+)?ignore\s*=\s*(.+)$/.exec(comment))) {
      const ids = match[2].split(',').map((id) => id.trim());
      // hadolint drops the whole pragma when one entry is not a rule code.
      if (ids.every((id) => /^(DL|SC)\d{4}$/.test(id))) push('hadolint', ids, match[1] ? wholeFile : dockerfileInstruction(lines, line));
    } else if ((match = /^checkov:skip=([A-Z0-9_]+)(?::.*)?$/.exec(comment))) {
      // Dockerfile: anywhere in the file; YAML: the resource (document) holding the comment.
      push('checkov', [match[1]], kind === 'dockerfile' ? wholeFile : documentAt(line));
    } else if ((match = /^kics-scan\s+(ignore-line|ignore-block|ignore|disable\s*=\s*(.+))\s*$/.exec(comment))) {
      if (match[1] === 'ignore') push('kics', 'all', wholeFile);
      else if (match[1] === 'ignore-line') push('kics', 'all', { firstLine: nextCodeLine(lines, line), lastLine: nextCodeLine(lines, line) });
      else if (match[1] === 'ignore-block') push('kics', 'all', kind === 'dockerfile' ? dockerfileInstruction(lines, line) : yamlBlock(lines, nextCodeLine(lines, line)));
      else push('kics', (match[2] ?? '').split(',').map((id) => id.trim()).filter(Boolean), wholeFile);
    } else {
      // Trivy: one or more `trivy:ignore:<id>` in a comment above the line (its block) or at its end.
      const ids = [...comment.matchAll(/trivy:ignore:([A-Za-z0-9-]+)/g)].map((found) => found[1]);
      if (ids.length === 0) continue;
      const target = ownLine ? nextCodeLine(lines, line) : line;
      push('trivy', ids, kind === 'dockerfile' ? dockerfileInstruction(lines, target - 1) : yamlBlock(lines, target));
    }
  }
  for (const document of documents) pragmas.push(...annotationPragmas(document));
  return pragmas;
}

/** The text after the `#` of a comment on this line (own line or trailing after a space), if any. */
function commentOf(raw: string): string | undefined {
  const own = COMMENT.exec(raw);
  if (own) return own[1].trim();
  const trailing = / #\s?(.*)$/.exec(raw);
  return trailing ? trailing[1].trim() : undefined;
}

function nextCodeLine(lines: Lines, line: number): number {
  for (let next = line + 1; next < lines.lineCount; next++) {
    const text = lines.lineText(next).trim();
    if (text !== '' && !text.startsWith('#')) return next;
  }
  return Math.min(line + 1, lines.lineCount - 1);
}

/** The Dockerfile instruction after a comment line: its first line through its continuation lines. */
function dockerfileInstruction(lines: Lines, commentLine: number): { firstLine: number; lastLine: number } {
  const firstLine = nextCodeLine(lines, commentLine);
  let lastLine = firstLine;
  while (lastLine + 1 < lines.lineCount && /[\\`]\s*$/.test(lines.lineText(lastLine))) lastLine++;
  return { firstLine, lastLine };
}

/** A YAML line and the lines below it that belong to it: deeper indented, or a compact list under its key. */
function yamlBlock(lines: Lines, firstLine: number): { firstLine: number; lastLine: number } {
  const head = lines.lineText(firstLine);
  const spaces = (text: string) => text.length - text.trimStart().length;
  const own = spaces(head);
  const opensCompactList = !head.trimStart().startsWith('-') && /:\s*(#.*)?$/.test(head);
  let lastLine = firstLine;
  for (let next = firstLine + 1; next < lines.lineCount; next++) {
    const text = lines.lineText(next);
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const depth = spaces(text);
    if (depth > own || (depth === own && opensCompactList && trimmed.startsWith('-'))) lastLine = next;
    else break;
  }
  return { firstLine, lastLine };
}

interface DocumentLines {
  firstLine: number;
  lastLine: number;
  document: Document.Parsed;
  lines: Lines;
}

function yamlDocumentLines(text: string, lines: Lines): DocumentLines[] {
  const documents = parseYamlDocuments(text, { prettyErrors: false, uniqueKeys: false, strict: false });
  if (!Array.isArray(documents)) return [];
  return documents.map((document) => ({ firstLine: lines.positionAt(document.range[0]).line, lastLine: lines.positionAt(Math.max(document.range[0], document.range[2] - 1)).line, document, lines }));
}

/** `metadata.annotations` of a Kubernetes object: Checkov skips, kube-linter ignores, Polaris exemptions. */
function annotationPragmas({ document, firstLine, lastLine, lines }: DocumentLines): ForeignPragma[] {
  const root = document.contents;
  const metadata = isMap(root) ? root.get('metadata') : undefined;
  const annotations = isMap(metadata) ? metadata.get('annotations') : undefined;
  if (!isMap(annotations)) return [];
  const pragmas: ForeignPragma[] = [];
  for (const pair of annotations.items) {
    if (!isScalar(pair.key) || !isScalar(pair.value)) continue;
    const key = String(pair.key.value);
    const value = String(pair.value.value ?? '');
    const line = pair.key.range ? lines.positionAt(pair.key.range[0]).line : firstLine;
    const push = (tool: ForeignTool, ids: string[] | 'all') => pragmas.push({ tool, ids, pragma: `${key}: ${value}`, line, firstLine, lastLine });
    let match: RegExpExecArray | null;
    if (/^checkov\.io\/skip\d+$/.test(key) && (match = /^\s*([A-Z0-9_]+)\s*(=.*)?$/.exec(value))) push('checkov', [match[1]]);
    else if ((match = /^ignore-check\.kube-linter\.io\/(.+)$/.exec(key))) push('kube-linter', [match[1]]);
    else if (key === 'kube-linter.io/ignore-all') push('kube-linter', 'all');
    else if (value.trim().toLowerCase() === 'true' && (match = /^polaris\.fairwinds\.com\/(?:(.+)-)?exempt$/.exec(key))) push('polaris', match[1] ? [match[1]] : 'all');
  }
  return pragmas;
}
