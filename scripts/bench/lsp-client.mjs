// A minimal LSP client for the benchmarks: one server process over stdio, publications awaited by predicate
// (never a fixed sleep), `workspace/configuration` answered, progress followed, RSS read from /proc.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createProtocolConnection } from 'vscode-languageserver-protocol/node.js';

export const uriOf = (path) => pathToFileURL(path).href;

/**
 * How that build's VS Code client starts the server at `serverJs` (its dist/server.js): the node flags and the
 * environment dist/server-launch.js gives (client/server-launch.ts); for a build without that file, --expose-gc
 * and no environment, as its client did.
 */
export function serverLaunch(serverJs) {
  const launch = join(dirname(serverJs), 'server-launch.js');
  if (!existsSync(launch)) return { execArgv: ['--expose-gc'], env: {} };
  const { SERVER_EXEC_ARGV, serverEnvironment } = createRequire(import.meta.url)(launch);
  return { execArgv: [...SERVER_EXEC_ARGV], env: serverEnvironment(process.env) };
}

/**
 * Starts `node <args>` and initialises it. `configuration(section)` answers `workspace/configuration` items;
 * `onPublish(params, now)` sees every publishDiagnostics as it arrives (timestamped with performance.now()).
 */
export async function startServer({ args, rootPath, initializationOptions = {}, configuration = () => null, onPublish = () => {}, onLog = () => {}, capabilities = {}, cwd, env }) {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], cwd, ...(env ? { env: { ...process.env, ...env } } : {}) });
  const stderr = [];
  child.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let waiters = [];
  const progressEnds = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const now = performance.now();
    onPublish(params, now);
    waiters = waiters.filter((waiter) => (waiter.predicate(params) ? (waiter.resolve({ params, at: now }), false) : true));
  });
  connection.onNotification('$/progress', (params) => {
    if (params.value?.kind === 'end') progressEnds.push({ token: params.token, at: performance.now() });
    waiters = waiters.filter((waiter) => (waiter.progressEnd && params.value?.kind === 'end' ? (waiter.resolve({ at: performance.now() }), false) : true));
  });
  connection.onNotification('window/logMessage', (params) => onLog(params.message));
  connection.onNotification('window/showMessage', () => {});
  connection.onNotification('telemetry/event', () => {});
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('window/showMessageRequest', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (params) => params.items.map((item) => configuration(item.section)));
  connection.listen();
  const exited = new Promise((resolve) => child.once('exit', resolve));

  /** Resolves at the first publication matching `predicate` from now on; rejects after `timeoutMs`. */
  function waitFor(predicate, timeoutMs = 30000, what = 'diagnostics') {
    return new Promise((resolve, reject) => {
      const waiter = { predicate, resolve: (value) => (clearTimeout(timer), resolve(value)) };
      const timer = setTimeout(() => {
        waiters = waiters.filter((other) => other !== waiter);
        reject(new Error(`no ${what} within ${timeoutMs} ms\n${stderr.join('')}`));
      }, timeoutMs);
      waiters.push(waiter);
    });
  }

  const rootUri = rootPath ? uriOf(rootPath) : null;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: rootPath ? [{ uri: rootUri, name: 'workspace' }] : null,
    capabilities: {
      workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
      window: { workDoneProgress: true },
      textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { didSave: true } },
      ...capabilities,
    },
    initializationOptions,
  });

  return {
    child,
    connection,
    stderr,
    progressEnds,
    /** Sends `initialized` and returns the time it was sent. */
    async initialized() {
      const at = performance.now();
      await connection.sendNotification('initialized', {});
      return at;
    },
    waitForDiagnostics: (predicate, timeoutMs) => waitFor(predicate, timeoutMs),
    /** Resolves at the next `$/progress` end (the workspace scan's). */
    waitForProgressEnd(timeoutMs = 120000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no progress end within ${timeoutMs} ms\n${stderr.join('')}`)), timeoutMs);
        waiters.push({ predicate: () => false, progressEnd: true, resolve: (value) => (clearTimeout(timer), resolve(value)) });
      });
    },
    open: (uri, languageId, text, version = 1) => connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } }),
    change: (uri, version, contentChanges) => connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges }),
    close: (uri) => connection.sendNotification('textDocument/didClose', { textDocument: { uri } }),
    /** CPU time the server process has used so far (user + system, ms), from /proc (clock ticks of 10 ms). */
    cpuMs() {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        return NaN;
      }
    },
    /** The server process's user and system CPU (ms) and minor page faults so far (all threads), from /proc. */
    cpuSplit() {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return { userMs: Number(fields[11]) * 10, systemMs: Number(fields[12]) * 10, minorFaults: Number(fields[7]) };
      } catch {
        return { userMs: NaN, systemMs: NaN, minorFaults: NaN };
      }
    },
    /** VmRSS and VmHWM of the server process (MiB), from /proc. */
    memory() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024;
        return { rssMiB: field('VmRSS'), hwmMiB: field('VmHWM') };
      } catch {
        return { rssMiB: NaN, hwmMiB: NaN };
      }
    },
    /**
     * A heap snapshot of a server started with `--heapsnapshot-signal=SIGUSR2` and `cwd` (where node writes it),
     * moved to `target` once complete (its size stops growing).
     */
    async heapSnapshot(target) {
      const before = new Set(readdirSync(cwd));
      child.kill('SIGUSR2');
      const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
      for (let tries = 0, size = -1; tries < 600; tries++) {
        await sleep(500);
        const name = readdirSync(cwd).find((file) => !before.has(file) && file.endsWith('.heapsnapshot') && file.includes(`.${child.pid}.`));
        if (!name) continue;
        const now = statSync(join(cwd, name)).size;
        if (now === size && now > 0) return renameSync(join(cwd, name), target);
        size = now;
      }
      throw new Error('no heap snapshot within 300 s');
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 3000))]);
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      connection.dispose();
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}
