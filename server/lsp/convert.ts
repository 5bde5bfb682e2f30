import type { Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { Fix } from '../../rules/engine';
import { SOURCE, type DiagnosticData } from './diagnostic';
import { folderOf, pathToUri } from './paths';

export { SOURCE, toDiagnostic, type DiagnosticData } from './diagnostic';

/** Reads a diagnostic's data back, tolerating clients that drop or mangle it (then undefined). */
export function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data !== 'object' || typeof data.ruleId !== 'string') return undefined;
  return data as DiagnosticData;
}

export function diagnosticRuleId(diagnostic: Diagnostic): string | undefined {
  if (diagnostic.source !== undefined && diagnostic.source !== SOURCE) return undefined;
  return diagnosticData(diagnostic)?.ruleId ?? (typeof diagnostic.code === 'string' ? diagnostic.code : undefined);
}

export interface EditTarget {
  uri: string;
  /** The open document's version, for a versioned TextDocumentEdit (null when unknown). */
  version: number | null;
  /** The linted file's path: new files of a fix are created beside it. */
  path: string;
  /** The open version of another file a fix edits (a Helm chart's values.yaml), null when not open. */
  versionOf?: (path: string) => number | null;
}

export interface EditCapabilities {
  documentChanges: boolean;
  createFiles: boolean;
}

/**
 * Edits as a WorkspaceEdit, versioned when the client takes document changes. An edit naming another file
 * (a Helm template's fix in values.yaml) goes to that document.
 */
export function documentEdit(target: EditTarget, edits: Array<TextEdit & { path?: string }>, capabilities: EditCapabilities): WorkspaceEdit {
  const byUri = new Map<string, { version: number | null; edits: TextEdit[] }>();
  for (const { path, ...edit } of edits) {
    const other = path !== undefined && path !== target.path;
    const uri = other ? pathToUri(path) : target.uri;
    const entry = byUri.get(uri) ?? { version: other ? (target.versionOf?.(path) ?? null) : target.version, edits: [] };
    entry.edits.push(edit);
    byUri.set(uri, entry);
  }
  if (byUri.size === 0) byUri.set(target.uri, { version: target.version, edits: [] });
  if (capabilities.documentChanges) return { documentChanges: [...byUri].map(([uri, entry]) => ({ textDocument: { uri, version: entry.version }, edits: entry.edits })) };
  return { changes: Object.fromEntries([...byUri].map(([uri, entry]) => [uri, entry.edits])) };
}

/**
 * A fix as a WorkspaceEdit; files the fix creates become CreateFile + an insertion. Undefined when the fix
 * creates files and the client cannot create them.
 */
export function fixToWorkspaceEdit(fixes: readonly Fix[], target: EditTarget, capabilities: EditCapabilities): WorkspaceEdit | undefined {
  const edits = fixes.flatMap((fix) => fix.edits);
  const newFiles = fixes.flatMap((fix) => fix.newFiles ?? []);
  if (newFiles.length === 0) return documentEdit(target, edits, capabilities);
  if (!capabilities.documentChanges || !capabilities.createFiles) return undefined;
  const folder = folderOf(target.path);
  const changes: NonNullable<WorkspaceEdit['documentChanges']> = [];
  if (edits.length > 0) changes.push(...(documentEdit(target, edits, capabilities).documentChanges ?? []));
  for (const file of newFiles) {
    const uri = pathToUri(`${folder}/${file.path}`);
    changes.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    changes.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: file.text }] });
  }
  return { documentChanges: changes };
}
