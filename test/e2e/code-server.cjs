// Starting and stopping code-server and chromium for the end-to-end tests, hermetically: loopback only,
// a free port, `--auth none`, and HOME / XDG / user-data / extensions folders that are all temporary.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.join(__dirname, '..', '..');

/** Installs code-server into the cache if needed (scripts/e2e/install-code-server.sh) and returns its binary. */
function codeServerBinary() {
  if (process.env.CODE_SERVER_BIN) return process.env.CODE_SERVER_BIN;
  const output = execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'e2e', 'install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return output.trim().split('\n').pop();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A short temporary folder: code-server's IPC socket path must stay under ~107 characters. */
function shortTempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

async function startCodeServer(options = {}) {
  const binary = codeServerBinary();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const home = shortTempDir('sl-e2e-');
  const userDataDir = path.join(home, 'ud');
  const extensionsDir = options.extensionsDir ?? path.join(home, 'ext');
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'config.yaml'), 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const settingsDir = path.join(userDataDir, 'User');
  fs.mkdirSync(settingsDir, { recursive: true });
  fs.writeFileSync(path.join(settingsDir, 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'update.mode': 'none', ...(options.settings ?? {}) }, null, 2));
  const args = ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--config', path.join(userDataDir, 'config.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (options.workspace) args.push(options.workspace);
  const env = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: path.join(home, 'xdg-data'),
    XDG_CONFIG_HOME: path.join(home, 'xdg-config'),
    XDG_CACHE_HOME: path.join(home, 'xdg-cache'),
    // The workbench asks an extension gallery for data: keep even that lookup on loopback.
    EXTENSIONS_GALLERY: '{"serviceUrl":"http://127.0.0.1:9/gallery"}',
  };
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env });
  const log = [];
  child.stdout.on('data', (data) => log.push(String(data)));
  child.stderr.on('data', (data) => log.push(String(data)));
  const alive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 300 || child.exitCode !== null) throw new Error(`code-server did not start:\n${log.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    home,
    log,
    async stop() {
      try {
        process.kill(-child.pid, 'SIGTERM'); // server, extension host, watcher and pty host: the whole group
      } catch {
        // already gone
      }
      for (let i = 0; i < 50 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      if (alive()) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps'];

async function launchChromium(chromium) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  return browser;
}

/** Refuses, and records, any request that would leave loopback. */
async function confineToLoopback(context, blocked) {
  await context.route(
    (url) => !/^(https?|wss?):\/\/(127\.0\.0\.1|localhost)[:/]/.test(url.href) && !/^(data|blob):$/.test(url.protocol),
    (route) => {
      blocked.push(route.request().url());
      return route.abort();
    },
  );
}

module.exports = { startCodeServer, launchChromium, confineToLoopback, codeServerBinary, REPO_ROOT };
