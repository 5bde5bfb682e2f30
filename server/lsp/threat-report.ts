import { posix } from 'node:path';
import type { FileKind, Finding, Range, SeveritySetting, StridelintConfig } from '../../rules/engine';
import { STRIDE_CATEGORIES } from '../../rules/engine';
import { countedFindings, describeConfiguration, fileAssets, renderHtmlReport, type Asset, type ReportFile, type ReportInput } from '../report';
import { relativeTo } from './paths';
import type { ServerSettings } from './settings';
import { yieldToEventLoop } from './workspace-scan';

/**
 * `stridelint/threatReport`: the STRIDE threat-model report (the CLI's `report --format html`) of what the
 * server knows: the workspace scan's results and the open documents at their current version, with the
 * configuration in force (`.stridelint.yaml` files and the editor's `stridelint.*` settings).
 */
export const THREAT_REPORT_REQUEST = 'stridelint/threatReport';

export interface ThreatReportParams {
  /** The nonce a webview's content security policy allows the report's `<style>` by. */
  styleNonce?: string;
  /**
   * A client command that opens a location: each finding's location becomes `command:<id>?[{uri, range}]`
   * (a VS Code command URI). Absent ⇒ locations are plain text.
   */
  revealCommand?: string;
}

export interface ThreatReportResult {
  html: string;
  files: number;
  findings: number;
}

/** A file the server has linted: from the workspace scan, or an open document (which wins). */
export interface KnownFile {
  uri: string;
  /** The path the engine linted (a file path for `file:` URIs). */
  path: string;
  kind?: FileKind;
  findings: Finding[];
  /** Its text (at most `maxBytes` from disk), read only when its assets are not cached; undefined when unreadable. */
  text: (maxBytes: number) => string | undefined;
}

/** What the server holds: the files, and the settings and `.stridelint.yaml` in force for each. */
export interface ReportHost {
  folders: () => ReadonlyArray<{ uri: string; path: string }>;
  files: () => Promise<KnownFile[]>;
  resourceFor: (file: KnownFile) => Promise<{ settings: ServerSettings; config: StridelintConfig }>;
}

/** One file as the report input is assembled from it (plain data: unit-tested without a server). */
export interface SourceFile {
  uri: string;
  path: string;
  kind: FileKind;
  findings: Finding[];
  assets: Asset[];
  settings: ServerSettings;
  config: StridelintConfig;
}

export const SETTINGS_SOURCE = 'editor settings';

/** A command id the client may name; anything else gets no links (it ends up in an `href`). */
const COMMAND_ID = /^[A-Za-z][\w.-]*$/;

/** A VS Code command URI that runs `command` with one argument `{ uri, range }`. */
export function revealLink(command: string, uri: string, range: Range): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([{ uri, range }]))}`;
}

/**
 * How a path is shown: relative to its workspace folder (prefixed by the folder's name when there are
 * several); outside every folder, as it is.
 */
export function displayPath(path: string, folders: ReadonlyArray<{ path: string }>): string {
  let best: { path: string } | undefined;
  for (const folder of folders) if (relativeTo(folder.path, path) !== undefined && (!best || folder.path.length > best.path.length)) best = folder;
  if (!best) return path;
  const relative = relativeTo(best.path, path) || posix.basename(path);
  return folders.length > 1 ? `${folderName(best.path)}/${relative}` : relative;
}

function folderName(path: string): string {
  return posix.basename(path.replace(/\\/g, '/').replace(/\/$/, ''));
}

/**
 * The report's input from the server's files, sorted by path, and the URI of each displayed path (for links).
 * The editor's `stridelint.rules` win over `.stridelint.yaml` (as they do when linting), so they are listed as
 * such; `stridelint.categories` and `stridelint.exclude` join the configuration's categories and ignores.
 */
export function assembleReportInput(files: readonly SourceFile[], folders: ReadonlyArray<{ path: string }>, extra: Pick<ReportInput, 'generatedAt' | 'toolVersion'> = {}): { input: ReportInput; uris: Map<string, string> } {
  const uris = new Map<string, string>();
  const reportFiles: ReportFile[] = [];
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const path = displayPath(file.path, folders);
    uris.set(path, file.uri);
    // Related locations are engine paths; the report shows (and links) them as it shows the files.
    const findings = file.findings.map((finding) => (finding.related ? { ...finding, related: finding.related.map((entry) => ({ ...entry, path: displayPath(entry.path, folders) })) } : finding));
    reportFiles.push({ path, kind: file.kind, findings, assets: file.assets });
  }
  const editorRules: Record<string, SeveritySetting> = {};
  const settingsSeen = new Set<ServerSettings>();
  for (const file of files) settingsSeen.add(file.settings);
  for (const settings of settingsSeen) Object.assign(editorRules, settings.rules);
  const display = (source: string) => displayPath(source, folders);
  const configuration = describeConfiguration(
    files.map((file) => file.config),
    editorRules,
    display,
  );
  configuration.ruleChanges = configuration.ruleChanges.map((change) => (change.source === 'command line' ? { ...change, source: `${SETTINGS_SOURCE} (stridelint.rules)` } : change));
  for (const settings of settingsSeen) {
    for (const stride of STRIDE_CATEGORIES) {
      if (settings.categories[stride] === false && !configuration.categoriesOff.some((off) => off.stride === stride && off.source.startsWith(SETTINGS_SOURCE))) {
        configuration.categoriesOff.push({ stride, source: `${SETTINGS_SOURCE} (stridelint.categories)` });
      }
    }
    for (const pattern of settings.exclude) {
      if (!configuration.ignore.some((item) => item.pattern === pattern && item.source.startsWith(SETTINGS_SOURCE))) configuration.ignore.push({ pattern, source: `${SETTINGS_SOURCE} (stridelint.exclude)` });
    }
  }
  const scope = folders.map((folder) => folderName(folder.path));
  return { input: { files: reportFiles, configuration, scope: scope.length ? scope : undefined, ...extra }, uris };
}

/**
 * The request handler. Assets are computed from a file's text once per findings list (a re-lint makes a new
 * list), so a refresh after one edit re-reads one file, not the workspace.
 */
export function threatReportHandler(host: ReportHost, extra: () => Pick<ReportInput, 'generatedAt' | 'toolVersion'> = () => ({})): (params: ThreatReportParams | undefined) => Promise<ThreatReportResult> {
  const assetCache = new WeakMap<Finding[], { path: string; assets: Asset[] }>();
  return async (params) => {
    const sources: SourceFile[] = [];
    const folders = host.folders();
    let sliceStart = Date.now();
    for (const file of await host.files()) {
      if (!file.kind) continue;
      // The first report of a large workspace parses every file for its assets: let edits be linted meanwhile.
      if (Date.now() - sliceStart > 15) {
        await yieldToEventLoop();
        sliceStart = Date.now();
      }
      const { settings, config } = await host.resourceFor(file);
      const path = displayPath(file.path, folders);
      let cached = assetCache.get(file.findings);
      if (cached?.path !== path) {
        const text = file.text(config.maxFileSize);
        cached = { path, assets: text === undefined ? [] : fileAssets(text, path, file.kind) };
        assetCache.set(file.findings, cached);
      }
      sources.push({ uri: file.uri, path: file.path, kind: file.kind, findings: file.findings, assets: cached.assets, settings, config });
    }
    const { input, uris } = assembleReportInput(sources, folders, extra());
    const command = typeof params?.revealCommand === 'string' && COMMAND_ID.test(params.revealCommand) ? params.revealCommand : undefined;
    const styleNonce = typeof params?.styleNonce === 'string' && /^[A-Za-z0-9+/=_-]{8,128}$/.test(params.styleNonce) ? params.styleNonce : undefined;
    const linkFor = command ? (path: string, range: Range) => (uris.has(path) ? revealLink(command, uris.get(path)!, range) : undefined) : undefined;
    const html = renderHtmlReport(input, { linkFor, styleNonce });
    return { html, files: input.files.length, findings: input.files.reduce((sum, file) => sum + countedFindings(file.findings), 0) };
  };
}
