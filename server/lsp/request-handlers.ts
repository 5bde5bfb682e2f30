import { existsSync, readFileSync } from 'node:fs';
import { ErrorCodes, ResponseError, type Diagnostic } from 'vscode-languageserver/node';
import { effectiveRuleSetting, ruleDocsUrl, type RuleMeta } from '../../rules/engine';
import { TOOL_VERSION } from '../cli/report-model';
import { CONFIG_FILE_NAMES } from '../shared/config-loader';
import { readText } from '../shared/read-text';
import { codeActions, fixAllEdit, type DaemonConfigTarget } from './code-actions';
import { SOURCE } from './convert';
import { hoverMarkdown } from './hover';
import { folderOf, pathToUri, relativeTo, uriToPath } from './paths';
import type { ServerContext } from './server-context';
import { withSettings, type ServerSettings } from './settings';
import { THREAT_REPORT_REQUEST, threatReportHandler, type KnownFile } from './threat-report';

/** Custom requests and server-side commands (any LSP client can call them). */
export const SCAN_WORKSPACE_REQUEST = 'stridelint/scanWorkspace';
export const COMMANDS = { scanWorkspace: 'stridelint.server.scanWorkspace', fixAll: 'stridelint.server.fixAll', showDocumentation: 'stridelint.server.showDocumentation' };

/** Code actions, hover, the workspace scan and threat report requests, and the server-side commands. */
export function registerRequestHandlers(context: ServerContext): void {
  const { connection, documents, metas, client, folders, settings, configs, state, scheduler, scanner } = context;
  const openVersionOf = (path: string) => state.openVersionOf(path);

  connection.onCodeAction(async (params) => {
    const uri = requireUri(params);
    const { document, state: lint } = await scheduler.current(uri);
    const path = uriToPath(uri);
    const resource = await settings.settingsFor(uri);
    return codeActions({
      target: { uri, version: document.version, path, versionOf: openVersionOf },
      text: document.getText(),
      kind: lint.kind,
      findings: lint.findings,
      diagnostics: Array.isArray(params.context?.diagnostics) ? params.context.diagnostics.filter((diagnostic) => isWellFormed(diagnostic) && (diagnostic.source === undefined || diagnostic.source === SOURCE)) : [],
      only: Array.isArray(params.context?.only) ? params.context.only : undefined,
      capabilities: client.edit,
      docsCommand: client.docsCommand,
      daemonConfig: () => daemonConfigTarget(path, resource.settings),
    });
  });

  connection.onHover(async (params) => {
    const uri = requireUri(params);
    if (!params.position || typeof params.position.line !== 'number' || typeof params.position.character !== 'number') throw new ResponseError(ErrorCodes.InvalidParams, 'stridelint: hover needs a position.');
    const { state: lint } = await scheduler.current(uri);
    const { line, character } = params.position;
    const after = (a: { line: number; character: number }) => line > a.line || (line === a.line && character >= a.character);
    const before = (b: { line: number; character: number }) => line < b.line || (line === b.line && character <= b.character);
    const hits = lint.findings.filter((finding) => after(finding.range.start) && before(finding.range.end));
    if (hits.length === 0) return null;
    const { settings: resourceSettings } = await settings.settingsFor(uri);
    const path = uriToPath(uri);
    const config = withSettings(configs.configFor(path, resourceSettings), resourceSettings);
    const effective = (meta: RuleMeta | undefined) => {
      if (!meta) return undefined;
      const setting = effectiveRuleSetting(config, path, meta);
      return { severity: setting.severity, origin: resourceSettings.rules[meta.id] ? 'the stridelint.rules setting' : setting.origin };
    };
    const text = hits.map((finding) => hoverMarkdown(finding, metas.get(finding.ruleId), effective(metas.get(finding.ruleId)))).join('\n\n---\n\n');
    return { contents: { kind: 'markdown', value: text }, range: hits[0].range };
  });

  connection.onRequest(SCAN_WORKSPACE_REQUEST, () => scanner.scan());

  /** Scan results of unopened files, then each open document at its current version. */
  async function knownFiles(): Promise<KnownFile[]> {
    const files = new Map<string, KnownFile>();
    for (const [uri, result] of state.disk) {
      if (!documents.get(uri)) files.set(uri, { uri, ...result, text: (maxBytes) => readReportText(result.path, maxBytes) });
    }
    for (const open of documents.all()) {
      const current = await scheduler.current(open.uri).catch(() => undefined); // closed meanwhile
      if (current) files.set(open.uri, { uri: open.uri, path: uriToPath(open.uri), kind: current.state.kind, findings: current.state.findings, text: () => current.document.getText() });
    }
    return [...files.values()];
  }

  connection.onRequest(
    THREAT_REPORT_REQUEST,
    threatReportHandler(
      {
        folders: () => folders.all(),
        files: knownFiles,
        resourceFor: async (file) => {
          const { settings: resourceSettings } = await settings.settingsFor(folders.folderFor(file.path)?.uri ?? file.uri);
          return { settings: resourceSettings, config: configs.configFor(file.path, resourceSettings) };
        },
      },
      () => ({ generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), toolVersion: TOOL_VERSION }),
    ),
  );

  connection.onExecuteCommand(async (params) => {
    const [argument] = params.arguments ?? [];
    switch (params.command) {
      case COMMANDS.scanWorkspace:
        return scanner.scan();
      case COMMANDS.fixAll: {
        const uri = typeof argument === 'string' ? argument : (argument as { uri?: unknown } | undefined)?.uri;
        if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${COMMANDS.fixAll} needs a document URI.`);
        const { document, state: lint } = await scheduler.current(uri);
        const edit = fixAllEdit({ target: { uri, version: document.version, path: uriToPath(uri), versionOf: openVersionOf }, text: document.getText(), findings: lint.findings, capabilities: client.edit });
        if (!edit) return { applied: false };
        return connection.workspace.applyEdit({ label: 'stridelint: fix all', edit });
      }
      case COMMANDS.showDocumentation: {
        if (typeof argument !== 'string' || !metas.has(argument)) throw new ResponseError(ErrorCodes.InvalidParams, `${COMMANDS.showDocumentation} needs a known rule id.`);
        return connection.window.showDocument({ uri: ruleDocsUrl(argument), external: true });
      }
      default:
        throw new ResponseError(ErrorCodes.InvalidParams, `stridelint: unknown command ${params.command}.`);
    }
  });

  function daemonConfigTarget(path: string, resourceSettings: ServerSettings): DaemonConfigTarget | undefined {
    const config = configs.configFor(path, resourceSettings);
    const configFile = config.source ?? `${folders.folderFor(path)?.path ?? folderOf(path)}/${CONFIG_FILE_NAMES[0]}`;
    const relativePath = relativeTo(folderOf(configFile), path);
    if (relativePath === undefined) return undefined;
    const uri = pathToUri(configFile);
    const open = documents.get(uri);
    if (open) return { uri, text: open.getText(), version: open.version, relativePath };
    const text = existsSync(configFile) ? readFileSync(configFile, 'utf8') : undefined;
    return { uri, text, version: null, relativePath };
  }
}

function readReportText(path: string, maxBytes: number): string | undefined {
  try {
    const read = readText(path, maxBytes);
    return 'text' in read ? read.text : undefined;
  } catch {
    return undefined;
  }
}

/** A client's diagnostic with a usable range (malformed ones are passed over, not thrown on). */
function isWellFormed(diagnostic: Diagnostic): boolean {
  const position = (p: unknown) => typeof (p as { line?: unknown })?.line === 'number' && typeof (p as { character?: unknown })?.character === 'number';
  return typeof diagnostic === 'object' && diagnostic !== null && position(diagnostic.range?.start) && position(diagnostic.range?.end);
}

function requireUri(params: unknown): string {
  const uri = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
  if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'stridelint: the request needs textDocument.uri.');
  return uri;
}
