import { fork, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../rules/engine';
import { REPO_ROOT } from '../helpers/shared';

/** The built server, as `stridelint --stdio` runs it. */
export const SERVER_BUNDLE = join(REPO_ROOT, 'dist', 'server.js');
/** The same server with test-only rules added (a rule that throws, one rule per kind): see fixtures/test-server.ts. */
export const TEST_SERVER = join(__dirname, 'fixtures', 'test-server.js'); // beside this compiled file, in any output folder

export const uriOf = (path: string): string => pathToFileURL(path).href;

export interface ClientOptions {
  server?: string;
  rootPath?: string;
  /** What the client answers to `workspace/configuration` for `stridelint` (undefined: no configuration capability). */
  settings?: Record<string, unknown>;
  filesExclude?: Record<string, boolean>;
  initializationOptions?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  /** `stdio` (default: as `stridelint --stdio` and as the VS Code extension start it) or `ipc` (node IPC, for other clients). */
  transport?: 'stdio' | 'ipc';
}

interface Waiter {
  predicate: (params: PublishDiagnosticsParams) => boolean;
  resolve: (params: PublishDiagnosticsParams) => void;
}

const DEFAULT_CAPABILITIES: ClientCapabilities = {
  workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] }, didChangeWatchedFiles: { dynamicRegistration: true } },
  window: { workDoneProgress: true, showDocument: { support: true } },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};

/**
 * A real LSP client over stdio (vscode-languageserver-protocol), recording what the server sends:
 * every publishDiagnostics, progress, messages, applyEdit and showDocument requests.
 */
export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly progress: Array<{ token: string | number; value: { kind: string; message?: string; percentage?: number; cancellable?: boolean } }> = [];
  readonly progressTokens: Array<string | number> = [];
  readonly messages: string[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly shownDocuments: string[] = [];
  /** The scope of each `workspace/configuration` request the server sent (its first item's `scopeUri`). */
  readonly configurationScopes: Array<string | undefined> = [];
  readonly stderr: string[] = [];
  /** The server's `window/logMessage` lines (its scan's summary line among them). */
  readonly logs: string[] = [];
  settings: Record<string, unknown> | undefined;
  initializeResult?: InitializeResult;
  private waiters: Waiter[] = [];

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    private readonly options: ClientOptions,
  ) {
    this.settings = options.settings;
  }

  static async start(options: ClientOptions = {}): Promise<TestClient> {
    const server = options.server ?? SERVER_BUNDLE;
    const child = options.transport === 'ipc' ? fork(server, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] }) : spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection =
      options.transport === 'ipc' ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child)) : createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, options);
    child.stderr!.on('data', (chunk: Buffer) => client.stderr.push(chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.published.push(params);
      client.waiters = client.waiters.filter((waiter) => {
        if (!waiter.predicate(params)) return true;
        waiter.resolve(params);
        return false;
      });
    });
    connection.onNotification('$/progress', (params: TestClient['progress'][number]) => client.progress.push(params));
    connection.onNotification('window/showMessage', (params: { message: string }) => client.messages.push(params.message));
    connection.onNotification('window/logMessage', (params: { message: string }) => client.logs.push(params.message));
    connection.onRequest('window/showMessageRequest', (params: { message: string }) => {
      client.messages.push(params.message);
      return null;
    });
    connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      client.progressTokens.push(params.token);
      return null;
    });
    connection.onRequest('window/showDocument', (params: { uri: string }) => {
      client.shownDocuments.push(params.uri);
      return { success: true };
    });
    connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
      client.appliedEdits.push(params.edit);
      return { applied: true };
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string; scopeUri?: string }> }) => {
      client.configurationScopes.push(params.items[0]?.scopeUri);
      return params.items.map((item) => (item.section === 'stridelint' ? (client.settings ?? null) : item.section === 'files.exclude' ? (options.filesExclude ?? {}) : null));
    });
    connection.listen();
    const capabilities: ClientCapabilities = { ...DEFAULT_CAPABILITIES, ...options.capabilities };
    if (options.settings !== undefined) capabilities.workspace = { ...capabilities.workspace, configuration: true };
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootPath ? uriOf(options.rootPath) : null,
      workspaceFolders: options.rootPath ? [{ uri: uriOf(options.rootPath), name: 'workspace' }] : null,
      capabilities,
      initializationOptions: { scanOnStartup: false, ...options.initializationOptions },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Resolves with the first publication (already received, from `since` on, or still to come) that satisfies the predicate. */
  waitForDiagnostics(uri: string, predicate: (params: PublishDiagnosticsParams) => boolean = () => true, options: { since?: number; timeoutMs?: number } = {}): Promise<PublishDiagnosticsParams> {
    const matches = (params: PublishDiagnosticsParams) => params.uri === uri && predicate(params);
    const earlier = this.published.slice(options.since ?? 0).find(matches);
    if (earlier) return Promise.resolve(earlier);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${options.timeoutMs ?? 10000} ms; got ${JSON.stringify(this.published.filter((p) => p.uri === uri))}\n${this.stderr.join('')}`)), options.timeoutMs ?? 10000);
      this.waiters.push({ predicate: matches, resolve: (params) => (clearTimeout(timer), resolve(params)) });
    });
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    if (this.process.exitCode === null) await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
    if (this.process.exitCode === null) this.process.kill();
  }
}

/** The edits a WorkspaceEdit makes to one document, as a client applies them. */
export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  if (edit.documentChanges) {
    return edit.documentChanges.flatMap((change) => ('textDocument' in change && change.textDocument.uri === uri ? change.edits : [])) as TextEdit[];
  }
  return edit.changes?.[uri] ?? [];
}

export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit, uri: string): string {
  return applyEdits(text, editsFor(edit, uri));
}
