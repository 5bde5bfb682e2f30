import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ALL_RULES, ALL_RULE_METAS } from '../../rules';
import { BUILTIN_RULES, ConfigurationError, effectiveRuleSetting, ruleDocsUrl, baseName, detectKind, emptyConfig, isIgnored, lintFile, type FileKind, type Finding, type LintResult, type Rule, type RuleMeta, type StridelintConfig } from '../../rules/engine';
import { NOT_ANALYSED } from '../../rules/engine/builtin-rules';
import { CONFIG_FILE_NAMES, ConfigResolver } from '../shared/config-loader';
import { readText } from '../shared/read-text';
import { codeActions, fixAllEdit, FIX_ALL_KIND, type DaemonConfigTarget } from './code-actions';
import { configErrorDiagnostics } from './config-diagnostics';
import { BaselineMarks } from './baseline-marks';
import { SOURCE, toDiagnostic, type EditCapabilities } from './convert';
import { hoverMarkdown } from './hover';
import { ChartUnits, type ChartHost } from './chart-units';
import { folderOf, pathToUri, relativeTo, uriToPath } from './paths';
import { filesExcludeGlobs, filterCategories, isExcludedPath, parseSettings, withSettings, type ServerSettings } from './settings';
import { isCandidateFile, listFiles, yieldToEventLoop } from './workspace-scan';
import { THREAT_REPORT_REQUEST, threatReportHandler, type KnownFile } from './threat-report';
import { TOOL_VERSION } from '../cli/report-model';

/** The shortest pause after a keystroke before linting (see typingDelay). */
const MIN_TYPING_DELAY_MS = 20;

/** Custom requests and server-side commands (any LSP client can call them). */
export const SCAN_WORKSPACE_REQUEST = 'stridelint/scanWorkspace';
export const COMMANDS = { scanWorkspace: 'stridelint.server.scanWorkspace', fixAll: 'stridelint.server.fixAll', showDocumentation: 'stridelint.server.showDocumentation' };

export interface ScanSummary {
  files: number;
  filesWithFindings: number;
  findings: number;
  cancelled: boolean;
  milliseconds: number;
}

export interface ServerOptions {
  /** The rules to run (tests add their own); defaults to the registry. */
  rules?: readonly Rule[];
  connection?: Connection;
  /** Quiet time after a keystroke before the document is linted. */
  debounceMs?: number;
}

interface Folder {
  uri: string;
  path: string;
}

interface LintState {
  version: number;
  kind?: FileKind;
  findings: Finding[];
}

interface ResourceSettings {
  settings: ServerSettings;
  filesExclude: string[];
}

/** Starts the language server: wiring only, every decision is made by the engine and the helpers beside this file. */
export function startServer(options: ServerOptions = {}): Connection {
  const connection = options.connection ?? createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const rules = options.rules ?? ALL_RULES;
  const metas = new Map<string, RuleMeta>([...ALL_RULE_METAS, ...BUILTIN_RULES, ...rules.map((rule) => rule.meta)].map((meta) => [meta.id, meta]));
  const knownRuleIds = new Set(metas.keys());
  const debounceMs = options.debounceMs ?? 150;
  const lintDurations = new Map<string, number>();

  let folders: Folder[] = [];
  let capabilities: EditCapabilities = { documentChanges: false, createFiles: false };
  let canPullConfiguration = false;
  let canReportProgress = false;
  let canWatchFiles = false;
  let canFollowFolders = false;
  let docsCommand = COMMANDS.showDocumentation;
  let scanOnStartup = true;
  let pushedSettings: unknown;

  const settingsCache = new Map<string, Promise<ResourceSettings>>();
  const shownProblems = new Set<string>();
  const lintStates = new Map<string, LintState>();
  const timers = new Map<string, NodeJS.Timeout>();
  /** URIs of unopened files that have diagnostics from a scan or a watcher. */
  const diskPublished = new Set<string>();
  /** What the last lint from disk found in each unopened file of a stridelint kind (for the threat report). */
  const diskResults = new Map<string, { path: string; kind?: FileKind; findings: Finding[] }>();
  let configCache = new Map<string, { config: StridelintConfig; error?: ConfigurationError }>();
  const configDiagnostics = new Map<string, Diagnostic[]>();
  const explicitResolvers = new Map<string, ConfigResolver>();
  let resolver = new ConfigResolver();
  let scanGeneration = 0;
  const baselineMarks = new BaselineMarks();
  const charts = new ChartUnits(chartHost());

  // ---- settings ---------------------------------------------------------------------------------------

  function settingsFor(scopeUri: string | undefined): Promise<ResourceSettings> {
    const key = scopeUri ?? '';
    let cached = settingsCache.get(key);
    if (!cached) {
      cached = fetchSettings(scopeUri);
      settingsCache.set(key, cached);
    }
    return cached;
  }

  async function fetchSettings(scopeUri: string | undefined): Promise<ResourceSettings> {
    let raw: unknown = (pushedSettings as { stridelint?: unknown } | undefined)?.stridelint;
    let rawExclude: unknown;
    if (canPullConfiguration) {
      try {
        [raw, rawExclude] = await connection.workspace.getConfiguration([
          { scopeUri, section: 'stridelint' },
          { scopeUri, section: 'files.exclude' },
        ]);
      } catch (error) {
        warnOnce(`stridelint could not read its settings (${(error as Error).message}); the defaults are used.`);
      }
    }
    const { settings, problems } = parseSettings(raw, knownRuleIds);
    for (const problem of problems) warnOnce(problem);
    return { settings, filesExclude: filesExcludeGlobs(rawExclude) };
  }

  function warnOnce(message: string): void {
    if (shownProblems.has(message)) return;
    shownProblems.add(message);
    connection.console.warn(message);
    void connection.window.showWarningMessage(`stridelint: ${message}`);
  }

  // ---- configuration (.stridelint.yaml) -----------------------------------------------------------------

  function folderFor(path: string): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of folders) {
      if (relativeTo(folder.path, path) !== undefined && (!best || folder.path.length > best.path.length)) best = folder;
    }
    return best;
  }

  /** The config in force for a path; an invalid config is reported on its file and the defaults are used. */
  function configFor(path: string, settings: ServerSettings): StridelintConfig {
    const folder = folderFor(path);
    const explicit = settings.configFile ? (isAbsolute(settings.configFile) ? settings.configFile : resolve(folder?.path ?? folderOf(path), settings.configFile)) : undefined;
    const key = explicit ? `explicit:${explicit}` : folderOf(path);
    const cached = configCache.get(key);
    if (cached) return cached.config;
    let entry: { config: StridelintConfig; error?: ConfigurationError };
    try {
      if (explicit) {
        let explicitResolver = explicitResolvers.get(explicit);
        if (!explicitResolver) {
          explicitResolver = new ConfigResolver(explicit);
          explicitResolvers.set(explicit, explicitResolver);
        }
        entry = { config: explicitResolver.forFile(path) };
      } else entry = { config: resolver.forFile(path) };
    } catch (error) {
      if (error instanceof ConfigurationError) entry = { config: emptyConfig(), error };
      else {
        entry = { config: emptyConfig() };
        warnOnce(`the configuration for ${path} could not be read (${(error as Error).message}); the defaults are used.`);
      }
    }
    configCache.set(key, entry);
    if (entry.error) reportConfigError(entry.error);
    return entry.config;
  }

  function reportConfigError(error: ConfigurationError): void {
    for (const [file, diagnostics] of configErrorDiagnostics(error, readLine)) {
      const uri = pathToUri(file);
      if (configDiagnostics.has(uri)) continue;
      configDiagnostics.set(uri, diagnostics);
      const open = documents.get(uri);
      const state = lintStates.get(uri);
      const base = open && state?.version === open.version ? state.findings.map((finding) => toDiagnostic(finding, state.kind, state.version)) : [];
      publish(uri, open?.version, base);
    }
  }

  function resetConfiguration(): void {
    resolver = new ConfigResolver();
    explicitResolvers.clear();
    configCache = new Map();
    const stale = [...configDiagnostics.keys()];
    configDiagnostics.clear();
    for (const uri of stale) if (!documents.get(uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  // ---- linting -----------------------------------------------------------------------------------------

  function publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    const extra = configDiagnostics.get(uri) ?? [];
    void connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics: [...diagnostics, ...extra] });
  }

  function lintText(text: string, path: string, resource: ResourceSettings, languageId?: string): { kind?: FileKind; findings: Finding[] } {
    const { settings } = resource;
    if (!settings.enable) return { findings: [] };
    const folder = folderFor(path);
    const relative = folder ? relativeTo(folder.path, path) : undefined;
    if (relative !== undefined && isExcludedPath(relative, settings.exclude)) return { findings: [] };
    const config = configFor(path, settings);
    if (isIgnored(config, path)) return { findings: [] };
    const chart = charts.chartRootOf(path, config);
    if (chart) return { kind: 'kubernetes', findings: filterCategories(charts.findingsFor(path, chart, withSettings(configFor(`${chart}/Chart.yaml`, settings), settings)), settings) };
    const result: LintResult = lintFile(text, path, { config: withSettings(config, settings), languageId, rules, fingerprints: config.baseline !== undefined });
    const findings = filterCategories(result.findings, settings);
    if (!config.baseline) return { kind: result.kind, findings };
    const { baseline, problem } = baselineMarks.load(config.baseline);
    if (problem) warnOnce(problem);
    return { kind: result.kind, findings: baseline ? baselineMarks.apply(baseline, config.baseline, path, findings, settings.baselinedFindings) : findings };
  }

  /** Findings of an open document for its current version (computed now when the cache is older). */
  async function currentState(uri: string): Promise<{ document: TextDocument; state: LintState }> {
    const document = documents.get(uri);
    if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `stridelint: unknown document ${uri} (not open).`);
    let state = lintStates.get(uri);
    if (!state || state.version !== document.version) {
      const resource = await settingsFor(uri);
      const latest = documents.get(uri) ?? document;
      state = { version: latest.version, ...lintText(latest.getText(), uriToPath(uri), resource, latest.languageId) };
      lintStates.set(uri, state);
      return { document: latest, state };
    }
    return { document, state };
  }

  /**
   * How long to wait after a keystroke: as long as the document's last lint took, between 20 ms and
   * `debounceMs`. A file that lints in 5 ms gets its squiggles 20 ms after the edit; a slow one is not
   * re-linted on every keystroke of a burst.
   */
  function typingDelay(uri: string): number {
    return Math.min(debounceMs, Math.max(MIN_TYPING_DELAY_MS, Math.round(lintDurations.get(uri) ?? debounceMs)));
  }

  function scheduleLint(document: TextDocument, delay: number): void {
    const existing = timers.get(document.uri);
    if (existing) clearTimeout(existing);
    const { uri, version } = document;
    // A failure here (a client's malformed document, say) is logged; it must never take the server down.
    timers.set(uri, setTimeout(() => lintOpenDocument(uri, version).catch((error: unknown) => connection.console.error(`stridelint: could not lint ${String(uri)}: ${(error as Error)?.stack ?? String(error)}`)), delay));
  }

  async function lintOpenDocument(uri: string, version: number): Promise<void> {
    timers.delete(uri);
    const resource = await settingsFor(uri);
    const document = documents.get(uri);
    // A newer version (or a close) supersedes this run: its own timer publishes.
    if (!document || document.version !== version) return;
    const started = performance.now();
    const result = lintText(document.getText(), uriToPath(uri), resource, document.languageId);
    lintDurations.set(uri, performance.now() - started);
    lintStates.set(uri, { version, ...result });
    diskPublished.delete(uri);
    publish(uri, version, result.findings.map((finding) => toDiagnostic(finding, result.kind, version)));
  }

  function relintOpenDocuments(): void {
    lintStates.clear();
    for (const document of documents.all()) scheduleLint(document, 0);
  }

  /**
   * Lints a file that is not open from disk; publishes (or clears) its diagnostics. Returns its finding count,
   * or undefined when it is open or none of stridelint's kinds.
   */
  function lintFromDisk(path: string, resource: ResourceSettings): number | undefined {
    const uri = pathToUri(path);
    if (documents.get(uri)) return undefined;
    const config = configFor(path, resource.settings);
    let findings: Finding[] = [];
    let kind: FileKind | undefined;
    let read;
    try {
      read = readText(path, config.maxFileSize);
    } catch {
      read = undefined; // vanished or unreadable since it was listed
    }
    if (read && 'text' in read) {
      ({ kind, findings } = lintText(read.text, path, resource));
    } else if (read && resource.settings.enable && detectKind(path, '', { kindGlobs: config.files })) {
      findings = [{ ruleId: NOT_ANALYSED.id, kind: 'any', stride: NOT_ANALYSED.stride, severity: NOT_ANALYSED.severity, message: `Not analysed: ${read.skipped}.`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, fixes: [] }];
    }
    if (kind || findings.length > 0) diskResults.set(uri, { path, kind: kind ?? detectKind(path, '', { kindGlobs: config.files }), findings });
    else diskResults.delete(uri);
    if (findings.length > 0 || diskPublished.has(uri)) {
      publish(uri, undefined, findings.map((finding) => toDiagnostic(finding, kind, undefined)));
      if (findings.length > 0) diskPublished.add(uri);
      else diskPublished.delete(uri);
    }
    return kind || findings.length > 0 ? findings.length : undefined;
  }

  // ---- workspace scan ------------------------------------------------------------------------------------

  async function scanWorkspace(): Promise<ScanSummary> {
    const generation = ++scanGeneration;
    charts.rescan();
    const started = Date.now();
    const summary: ScanSummary = { files: 0, filesWithFindings: 0, findings: 0, cancelled: false, milliseconds: 0 };
    let progress: WorkDoneProgressServerReporter | undefined;
    if (canReportProgress) {
      try {
        progress = await connection.window.createWorkDoneProgress();
      } catch {
        progress = undefined;
      }
    }
    const cancelled = () => generation !== scanGeneration || progress?.token.isCancellationRequested === true;
    progress?.begin('stridelint: scanning the workspace', 0, 'listing files', true);
    try {
      // Files published by an earlier scan and not linted by this one (now excluded, disabled, gone) are cleared.
      const stale = new Set(diskPublished);
      const staleResults = new Set(diskResults.keys());
      const work: Array<{ path: string; resource: ResourceSettings }> = [];
      for (const folder of folders) {
        const resource = await settingsFor(folder.uri);
        if (!resource.settings.enable) continue;
        const globs = [...resource.filesExclude, ...resource.settings.exclude];
        const excluded = (path: string) => {
          const relative = relativeTo(folder.path, path);
          return relative !== undefined && relative !== '' && isExcludedPath(relative, globs);
        };
        const files = await listFiles(folder.path, excluded, cancelled);
        for (const path of files) {
          const config = configFor(path, resource.settings);
          if (!isIgnored(config, path) && isCandidateFile(path, config, relativeTo(config.baseDir || folder.path, path) ?? path)) work.push({ path, resource });
        }
      }
      let sliceStart = Date.now();
      for (let index = 0; index < work.length && !cancelled(); index++) {
        stale.delete(pathToUri(work[index].path));
        staleResults.delete(pathToUri(work[index].path));
        const count = lintFromDisk(work[index].path, work[index].resource);
        if (count !== undefined) summary.files++;
        if (count) {
          summary.filesWithFindings++;
          summary.findings += count;
        }
        if (Date.now() - sliceStart > 15) {
          progress?.report(Math.floor((100 * index) / work.length), `${index} of ${work.length} files`);
          await yieldToEventLoop();
          sliceStart = Date.now();
        }
      }
      if (!cancelled()) {
        for (const uri of staleResults) diskResults.delete(uri);
        for (const uri of stale) {
          diskPublished.delete(uri);
          if (!documents.get(uri)) publish(uri, undefined, []);
        }
      }
    } finally {
      summary.cancelled = cancelled();
      summary.milliseconds = Date.now() - started;
      progress?.done();
    }
    connection.console.info(`stridelint: scanned ${summary.files} files in ${summary.milliseconds} ms (${summary.findings} findings)${summary.cancelled ? ', cancelled' : ''}.`);
    return summary;
  }

  function clearUnder(path: string): void {
    for (const uri of [...diskResults.keys()]) if (relativeTo(path, diskResults.get(uri)!.path) !== undefined) diskResults.delete(uri);
    for (const uri of [...diskPublished]) {
      const file = uriToPath(uri);
      if (file === path || relativeTo(path, file) !== undefined) {
        diskPublished.delete(uri);
        if (!documents.get(uri)) publish(uri, undefined, []);
      }
    }
  }

  function openVersionOf(path: string): number | null {
    return documents.all().find((document) => typeof document.uri === 'string' && uriToPath(document.uri) === path)?.version ?? null;
  }

  /** How the chart units see the server's documents and publish a chart's other files. */
  function chartHost(): ChartHost {
    // A client may have opened a document with a malformed URI (the stress test does): it is nobody's chart file.
    const openByPath = () => new Map(documents.all().filter((document) => typeof document.uri === 'string').map((document) => [uriToPath(document.uri), document] as const));
    return {
      openDocuments: () => new Map([...openByPath()].map(([path, document]) => [path, { text: document.getText(), version: document.version }])),
      publishClosed: (path, findings) => {
        const uri = pathToUri(path);
        diskResults.set(uri, { path, kind: 'kubernetes', findings });
        if (findings.length === 0 && !diskPublished.has(uri)) return;
        publish(uri, undefined, findings.map((finding) => toDiagnostic(finding, 'kubernetes', undefined)));
        if (findings.length > 0) diskPublished.add(uri);
        else diskPublished.delete(uri);
      },
      relintOpen: (path) => {
        const document = openByPath().get(path);
        if (document) scheduleLint(document, 0);
      },
    };
  }

  function daemonConfigTarget(path: string, settings: ServerSettings): DaemonConfigTarget | undefined {
    const config = configFor(path, settings);
    const configFile = config.source ?? `${folderFor(path)?.path ?? folderOf(path)}/${CONFIG_FILE_NAMES[0]}`;
    const relativePath = relativeTo(folderOf(configFile), path);
    if (relativePath === undefined) return undefined;
    const uri = pathToUri(configFile);
    const open = documents.get(uri);
    if (open) return { uri, text: open.getText(), version: open.version, relativePath };
    const text = existsSync(configFile) ? readFileSync(configFile, 'utf8') : undefined;
    return { uri, text, version: null, relativePath };
  }

  // ---- protocol ------------------------------------------------------------------------------------------

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const client = params.capabilities;
    capabilities = {
      documentChanges: client.workspace?.workspaceEdit?.documentChanges === true,
      createFiles: client.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
    };
    canPullConfiguration = client.workspace?.configuration === true;
    canReportProgress = client.window?.workDoneProgress === true;
    canWatchFiles = client.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canFollowFolders = client.workspace?.workspaceFolders === true;
    const initOptions = (params.initializationOptions ?? {}) as { documentationCommand?: unknown; scanOnStartup?: unknown };
    if (typeof initOptions.documentationCommand === 'string') docsCommand = initOptions.documentationCommand;
    if (initOptions.scanOnStartup === false) scanOnStartup = false;
    const workspaceFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    folders = workspaceFolders.filter((folder) => folder.uri.startsWith('file:')).map((folder) => ({ uri: folder.uri, path: uriToPath(folder.uri) }));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'stridelint', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canWatchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/.stridelint.{yaml,yml}' }, { globPattern: '**/*.{yaml,yml,json,tpl,tgz}' }, { globPattern: '**/*{Dockerfile,dockerfile,Containerfile,containerfile}*' }],
      });
    }
    if (canFollowFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => folder.uri));
        for (const folder of event.removed) clearUnder(uriToPath(folder.uri));
        folders = folders.filter((folder) => !removed.has(folder.uri)).concat(event.added.map((folder) => ({ uri: folder.uri, path: uriToPath(folder.uri) })));
        void scanWorkspace();
      });
    }
    if (scanOnStartup && folders.length > 0) void scanWorkspace();
  });

  connection.onDidChangeConfiguration(async (params) => {
    // VS Code announces the settings right after start-up: rescan only when a folder's settings really changed.
    // Take the old settings and clear the cache before any await, so that a request arriving meanwhile
    // (a scan, a lint) already reads the new settings.
    const previous = folders.map((folder) => settingsCache.get(folder.uri));
    pushedSettings = params.settings;
    settingsCache.clear();
    shownProblems.clear();
    const before = await Promise.all(previous);
    relintOpenDocuments();
    const current = await Promise.all(folders.map((folder) => settingsFor(folder.uri)));
    // A folder whose settings were never read has nothing that depends on them: it counts as unchanged.
    const after = JSON.stringify(current);
    const beforeText = JSON.stringify(current.map((settings, index) => before[index] ?? settings));
    if (after !== beforeText) {
      resetConfiguration();
      relintOpenDocuments();
      void scanWorkspace();
    }
  });

  documents.onDidChangeContent((event) => {
    // Fires on open too: a newly opened document is linted at once, edits wait for a pause in typing.
    const { uri } = event.document;
    scheduleLint(event.document, lintStates.has(uri) || timers.has(uri) ? typingDelay(uri) : 0);
  });
  documents.onDidSave((event) => {
    if (CONFIG_FILE_NAMES.includes(baseName(uriToPath(event.document.uri)))) onConfigFileChanged();
  });
  documents.onDidClose((event) => {
    const { uri } = event.document;
    const timer = timers.get(uri);
    if (timer) clearTimeout(timer);
    timers.delete(uri);
    lintStates.delete(uri);
    lintDurations.delete(uri);
    const path = uriToPath(uri);
    // A workspace file keeps its findings in the Problems panel, read from disk again; anything else is cleared.
    if (uri.startsWith('file:') && folderFor(path) && existsSync(path)) {
      void settingsFor(uri).then((resource) => {
        if (!documents.get(uri) && !lintFromDisk(path, resource)) publish(uri, undefined, []);
      });
    } else publish(uri, undefined, []);
  });

  function onConfigFileChanged(): void {
    resetConfiguration();
    relintOpenDocuments();
    void scanWorkspace();
  }

  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((change) => CONFIG_FILE_NAMES.includes(baseName(uriToPath(change.uri))))) {
      onConfigFileChanged();
      return;
    }
    for (const change of params.changes) {
      if (!change.uri.startsWith('file:') || documents.get(change.uri)) continue;
      const path = uriToPath(change.uri);
      const chart = charts.diskChanged(path);
      const chartFolder = chart ? folderFor(chart) : undefined;
      if (chart && chartFolder) {
        // Any file of a chart (a helper, a values file, a subchart) re-renders the whole chart.
        void settingsFor(chartFolder.uri).then((resource) => lintText('', `${chart}/Chart.yaml`, resource));
        continue;
      }
      if (change.type === FileChangeType.Deleted) {
        clearUnder(path);
        continue;
      }
      const folder = folderFor(path);
      if (!folder) continue;
      void settingsFor(folder.uri).then((resource) => {
        const relative = relativeTo(folder.path, path) ?? path;
        const config = configFor(path, resource.settings);
        if (isExcludedPath(relative, [...resource.filesExclude, ...resource.settings.exclude]) || isIgnored(config, path)) return;
        if (isCandidateFile(path, config, relativeTo(config.baseDir || folder.path, path) ?? relative)) lintFromDisk(path, resource);
      });
    }
  });

  connection.onCodeAction(async (params) => {
    const uri = requireUri(params);
    const { document, state } = await currentState(uri);
    const path = uriToPath(uri);
    const resource = await settingsFor(uri);
    return codeActions({
      target: { uri, version: document.version, path, versionOf: openVersionOf },
      text: document.getText(),
      kind: state.kind,
      findings: state.findings,
      diagnostics: Array.isArray(params.context?.diagnostics) ? params.context.diagnostics.filter((diagnostic) => isWellFormed(diagnostic) && (diagnostic.source === undefined || diagnostic.source === SOURCE)) : [],
      only: Array.isArray(params.context?.only) ? params.context.only : undefined,
      capabilities,
      docsCommand,
      daemonConfig: () => daemonConfigTarget(path, resource.settings),
    });
  });

  connection.onHover(async (params) => {
    const uri = requireUri(params);
    if (!params.position || typeof params.position.line !== 'number' || typeof params.position.character !== 'number') throw new ResponseError(ErrorCodes.InvalidParams, 'stridelint: hover needs a position.');
    const { state } = await currentState(uri);
    const { line, character } = params.position;
    const after = (a: { line: number; character: number }) => line > a.line || (line === a.line && character >= a.character);
    const before = (b: { line: number; character: number }) => line < b.line || (line === b.line && character <= b.character);
    const hits = state.findings.filter((finding) => after(finding.range.start) && before(finding.range.end));
    if (hits.length === 0) return null;
    const { settings } = await settingsFor(uri);
    const path = uriToPath(uri);
    const config = withSettings(configFor(path, settings), settings);
    const effective = (meta: RuleMeta | undefined) => {
      if (!meta) return undefined;
      const setting = effectiveRuleSetting(config, path, meta);
      return { severity: setting.severity, origin: settings.rules[meta.id] ? 'the stridelint.rules setting' : setting.origin };
    };
    const text = hits.map((finding) => hoverMarkdown(finding, metas.get(finding.ruleId), effective(metas.get(finding.ruleId)))).join('\n\n---\n\n');
    return { contents: { kind: 'markdown', value: text }, range: hits[0].range };
  });

  connection.onRequest(SCAN_WORKSPACE_REQUEST, () => scanWorkspace());

  /** Scan results of unopened files, then each open document at its current version. */
  async function knownFiles(): Promise<KnownFile[]> {
    const files = new Map<string, KnownFile>();
    for (const [uri, result] of diskResults) {
      if (!documents.get(uri)) files.set(uri, { uri, ...result, text: (maxBytes) => readReportText(result.path, maxBytes) });
    }
    for (const open of documents.all()) {
      const current = await currentState(open.uri).catch(() => undefined); // closed meanwhile
      if (current) files.set(open.uri, { uri: open.uri, path: uriToPath(open.uri), kind: current.state.kind, findings: current.state.findings, text: () => current.document.getText() });
    }
    return [...files.values()];
  }

  function readReportText(path: string, maxBytes: number): string | undefined {
    try {
      const read = readText(path, maxBytes);
      return 'text' in read ? read.text : undefined;
    } catch {
      return undefined;
    }
  }

  connection.onRequest(
    THREAT_REPORT_REQUEST,
    threatReportHandler(
      {
        folders: () => folders,
        files: knownFiles,
        resourceFor: async (file) => {
          const { settings } = await settingsFor(folderFor(file.path)?.uri ?? file.uri);
          return { settings, config: configFor(file.path, settings) };
        },
      },
      () => ({ generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), toolVersion: TOOL_VERSION }),
    ),
  );

  connection.onExecuteCommand(async (params) => {
    const [argument] = params.arguments ?? [];
    switch (params.command) {
      case COMMANDS.scanWorkspace:
        return scanWorkspace();
      case COMMANDS.fixAll: {
        const uri = typeof argument === 'string' ? argument : (argument as { uri?: unknown } | undefined)?.uri;
        if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${COMMANDS.fixAll} needs a document URI.`);
        const { document, state } = await currentState(uri);
        const edit = fixAllEdit({ target: { uri, version: document.version, path: uriToPath(uri), versionOf: openVersionOf }, text: document.getText(), findings: state.findings, capabilities });
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

  documents.listen(connection);
  connection.listen();
  return connection;
}

function readLine(file: string, line: number): string {
  try {
    return readFileSync(file, 'utf8').split(/\r?\n|\r/)[line] ?? '';
  } catch {
    return '';
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
