import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import { selectFixes, type FileKind, type Finding, type Fix, type Range } from '../../rules/engine';
import { diagnosticRuleId, documentEdit, fixToWorkspaceEdit, type EditCapabilities, type EditTarget } from './convert';
import { addOverrideEdit } from './config-edit';
import { disableForFileEdit, disableForLineEdit } from './suppress';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.stridelint`;

/** Where "disable for this file" goes for daemon.json: the nearest `.stridelint.yaml` (or a new one). */
export interface DaemonConfigTarget {
  uri: string;
  /** Its text, or undefined when the file does not exist yet. */
  text?: string;
  version: number | null;
  /** The daemon.json path relative to the config's folder. */
  relativePath: string;
}

export interface CodeActionInput {
  target: EditTarget;
  text: string;
  kind?: FileKind;
  /** The document's findings for its current version. */
  findings: readonly Finding[];
  /** The diagnostics the client asks about. */
  diagnostics: readonly Diagnostic[];
  only?: readonly string[];
  capabilities: EditCapabilities;
  /** The command that opens a rule's documentation (client-side in VS Code, server-side elsewhere). */
  docsCommand: string;
  daemonConfig?: () => DaemonConfigTarget | undefined;
}

/** Rules whose findings are about suppression comments themselves: disabling them makes no sense. */
const NOT_DISABLED = new Set(['stridelint/unused-suppression', 'stridelint/invalid-suppression']);

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

function wants(only: readonly string[] | undefined, kind: string, byDefault: boolean): boolean {
  if (!only || only.length === 0) return byDefault;
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

/** The fixes behind a diagnostic: those of the finding of the current version with its rule and range. */
function fixesOf(diagnostic: Diagnostic, ruleId: string, input: CodeActionInput): Fix[] {
  return input.findings.find((finding) => finding.ruleId === ruleId && sameRange(finding.range, diagnostic.range))?.fixes ?? [];
}

/** Every safe fix of the file (or of one rule), overlaps dropped, as one versioned edit; undefined when none. */
export function fixAllEdit(input: Pick<CodeActionInput, 'target' | 'text' | 'findings' | 'capabilities'>, ruleId?: string): WorkspaceEdit | undefined {
  const fixes = selectFixes(input.text, input.findings, { safeOnly: true, ...(ruleId ? { ruleId } : {}) });
  if (fixes.length === 0) return undefined;
  return documentEdit(input.target, fixes.flatMap((fix) => fix.edits), input.capabilities);
}

export function codeActions(input: CodeActionInput): CodeAction[] {
  const actions: CodeAction[] = [];
  const quickFix = wants(input.only, CodeActionKind.QuickFix, true);
  const perRule = new Set<string>();
  for (const diagnostic of input.diagnostics) {
    const ruleId = diagnosticRuleId(diagnostic);
    if (!ruleId || !quickFix) continue;
    const fixes = fixesOf(diagnostic, ruleId, input);
    fixes.forEach((fix, index) => {
      const edit = fixToWorkspaceEdit([fix], input.target, input.capabilities);
      if (edit) actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: index === 0 && fix.safe, edit });
    });
    if (perRule.has(ruleId)) continue;
    perRule.add(ruleId);
    const sameRule = input.findings.filter((finding) => finding.ruleId === ruleId && finding.fixes.some((fix) => fix.safe));
    if (sameRule.length > 1) {
      const edit = fixAllEdit(input, ruleId);
      if (edit) actions.push({ title: `Fix all ${ruleId} problems in this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
    }
    if (!NOT_DISABLED.has(ruleId)) actions.push(...disableActions(input, diagnostic, ruleId));
    actions.push({ title: `Show documentation for ${ruleId}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: `Show documentation for ${ruleId}`, command: input.docsCommand, arguments: [ruleId] } });
  }
  if (wants(input.only, FIX_ALL_KIND, false)) {
    const edit = fixAllEdit(input);
    if (edit) actions.push({ title: 'Fix all safe stridelint problems', kind: FIX_ALL_KIND, edit });
  }
  return actions;
}

function disableActions(input: CodeActionInput, diagnostic: Diagnostic, ruleId: string): CodeAction[] {
  if (input.kind === 'daemon') {
    const config = input.daemonConfig?.();
    if (!config) return [];
    const edit = addOverrideEdit(config.text, config.relativePath, ruleId);
    if (!edit) return [];
    const target = { uri: config.uri, version: config.version, path: '' };
    let workspaceEdit: WorkspaceEdit;
    if (config.text !== undefined) workspaceEdit = documentEdit(target, [edit], input.capabilities);
    else if (input.capabilities.documentChanges && input.capabilities.createFiles) {
      workspaceEdit = { documentChanges: [{ kind: 'create', uri: config.uri, options: { ignoreIfExists: true } }, { textDocument: { uri: config.uri, version: null }, edits: [edit] }] };
    } else return [];
    return [{ title: `Disable ${ruleId} for this file in .stridelint.yaml`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit }];
  }
  return [
    { title: `Disable ${ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: documentEdit(input.target, [disableForLineEdit(input.text, diagnostic.range.start.line, ruleId)], input.capabilities) },
    { title: `Disable ${ruleId} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: documentEdit(input.target, [disableForFileEdit(input.text, ruleId, input.kind)], input.capabilities) },
  ];
}
