// The servers the Dockerfile-open benchmarks compare, from their command line: the peer
// (dockerfile-language-server-nodejs), optionally a baseline build (`--baseline DIR`), and this build (`--this DIR`,
// default this checkout). `--node-flags A,B` go to both stridelint servers, `--baseline-node-flags A,B` to the
// baseline only (the same build with and without a V8 flag: `--baseline .` with the flag on one side).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, loadCorpus } from './corpus.mjs';
import { startServer, uriOf } from './lsp-client.mjs';
import { flag } from './bench-args.mjs';

export function dockerfileSides() {
  const nodeFlags = flag('--node-flags')?.split(',') ?? [];
  const baselineFlags = flag('--baseline-node-flags')?.split(',') ?? nodeFlags;
  return [
    { label: 'peer', args: [join(REPO_ROOT, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver'), '--stdio'] },
    ...(flag('--baseline') ? [{ label: `baseline (${flag('--baseline')})`, args: [...baselineFlags, join(flag('--baseline'), 'dist', 'server.js'), '--stdio'] }] : []),
    { label: 'this build', args: [...nodeFlags, join(flag('--this') ?? REPO_ROOT, 'dist', 'server.js'), '--stdio'] },
  ];
}

/** The corpus Dockerfiles with their texts. */
export function corpusDockerfiles() {
  return loadCorpus()
    .filter((file) => file.kind === 'dockerfile')
    .map((file) => ({ ...file, text: readFileSync(file.abs, 'utf8') }));
}

/** Starts a side's server as the editor would (no scan; settings answered with defaults). */
export async function startSide(side) {
  const server = await startServer({ args: side.args, initializationOptions: { scanOnStartup: false }, configuration: (section) => (section === 'stridelint' || section === 'files.exclude' ? {} : null) });
  await server.initialized();
  return server;
}

/** didOpen → that file's publishDiagnostics (ms, and the diagnostics as JSON), then didClose. */
export async function openOnce(server, file) {
  const uri = uriOf(file.abs);
  const published = server.waitForDiagnostics((params) => params.uri === uri, 30000);
  const start = performance.now();
  await server.open(uri, 'dockerfile', file.text, 1);
  const { at, params } = await published;
  await server.close(uri);
  return { ms: at - start, diagnostics: JSON.stringify(params.diagnostics) };
}
