import * as vscode from 'vscode';
import { groupThreats, isStride, withoutCategory, type ThreatCategory, type ThreatFile, type ThreatFinding } from './threats';

type Node = { type: 'category'; category: ThreatCategory } | { type: 'file'; file: ThreatFile; stride: string } | { type: 'finding'; finding: ThreatFinding };

/** stridelint's diagnostics across the workspace, read from VS Code (the server already published them). */
export function collectThreats(): ThreatFinding[] {
  const findings: ThreatFinding[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== 'stridelint') continue;
      const data = (diagnostic as { data?: { stride?: unknown; ruleId?: unknown } }).data;
      if (!isStride(data?.stride)) continue;
      findings.push({
        uri: uri.toString(),
        ruleId: typeof data?.ruleId === 'string' ? data.ruleId : String(diagnostic.code ?? ''),
        stride: data.stride,
        severity: diagnostic.severity === vscode.DiagnosticSeverity.Error ? 'error' : diagnostic.severity === vscode.DiagnosticSeverity.Warning ? 'warning' : 'info',
        message: withoutCategory(diagnostic.message),
        line: diagnostic.range.start.line,
        character: diagnostic.range.start.character,
      });
    }
  }
  return findings;
}

/** The Threats view: STRIDE category → file → finding; a click opens the finding. */
export class ThreatsView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private categories: ThreatCategory[] = [];

  refresh(findings: ThreatFinding[]): ThreatCategory[] {
    this.categories = groupThreats(findings);
    this.changed.fire(undefined);
    return this.categories;
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.categories.map((category) => ({ type: 'category', category }));
    if (node.type === 'category') return node.category.files.map((file) => ({ type: 'file', file, stride: node.category.stride }));
    if (node.type === 'file') return node.file.findings.map((finding) => ({ type: 'finding', finding }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'category') {
      const item = new vscode.TreeItem(node.category.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.category.count);
      item.iconPath = new vscode.ThemeIcon('shield');
      return item;
    }
    if (node.type === 'file') {
      const uri = vscode.Uri.parse(node.file.uri);
      const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${vscode.workspace.asRelativePath(uri, true)} (${node.file.findings.length})`;
      item.iconPath = vscode.ThemeIcon.File;
      return item;
    }
    const { finding } = node;
    const item = new vscode.TreeItem(finding.message, vscode.TreeItemCollapsibleState.None);
    item.description = `${finding.ruleId} · Ln ${finding.line + 1}`;
    item.tooltip = `${finding.message}\n${finding.ruleId}`;
    item.iconPath = new vscode.ThemeIcon(finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info');
    const position = new vscode.Position(finding.line, finding.character);
    item.command = { title: 'Go to finding', command: 'vscode.open', arguments: [vscode.Uri.parse(finding.uri), { selection: new vscode.Range(position, position) }] };
    return item;
  }
}
