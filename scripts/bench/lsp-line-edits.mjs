// Typing with line breaks in the 52,800-line manifest: the large-manifest edits of lsp-stages (toggles on one
// line), but every `--every`th edit inserts or removes a blank line in the first document, so every later
// document moves by a line. Each edit timed from didChange to the diagnostics of its version; server CPU per edit
// from /proc. The two builds alternate, run by run, on the same edits; the final publish of both is compared.
//   node scripts/bench/lsp-line-edits.mjs --baseline /work/base8 [--edits 60] [--every 4] [--runs 2]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, summarise } from './corpus.mjs';
import { startServer, uriOf } from './lsp-client.mjs';
import { editSequence, kubernetesManifest } from './lsp-fixtures.mjs';
import { fixed, flag, load } from './bench-args.mjs';

const baseline = flag('--baseline');
const count = Number(flag('--edits', 60));
const every = Number(flag('--every', 4));
const runs = Number(flag('--runs', 2));
const builds = [...(baseline ? [[`baseline (${baseline})`, join(baseline, 'dist', 'server.js')]] : []), ['this build', join(REPO_ROOT, 'dist', 'server.js')]];
const fmt = fixed(1);

/** The toggles, with a blank line inserted after the first line (and removed again) every `every` edits. */
function edits(fixture) {
  const toggles = editSequence(fixture, count);
  const out = [];
  let blank = false;
  for (const [index, toggle] of toggles.entries()) {
    if (index % every === every - 1) {
      // Line 1 (in the first document): toggles below it are on lines one further down while the blank line is there.
      out.push({ range: { start: { line: 1, character: 0 }, end: { line: blank ? 2 : 1, character: 0 } }, text: blank ? '' : '\n' });
      blank = !blank;
    }
    const { range, text } = toggle.change;
    const shift = blank && range.start.line >= 1 ? 1 : 0;
    out.push({ range: { start: { line: range.start.line + shift, character: range.start.character }, end: { line: range.end.line + shift, character: range.end.character } }, text });
  }
  return out;
}

async function run(serverJs, path, fixture, changes) {
  const server = await startServer({ args: [serverJs, '--stdio'], initializationOptions: { scanOnStartup: false }, configuration: (section) => (section === 'stridelint' || section === 'files.exclude' ? {} : null) });
  await server.initialized();
  const uri = uriOf(path);
  try {
    const opened = server.waitForDiagnostics((p) => p.uri === uri && p.version === 1, 120000);
    await server.open(uri, 'yaml', fixture.text, 1);
    await opened;
    const cpuStart = server.cpuMs();
    const latencies = [];
    let last;
    for (const [index, change] of changes.entries()) {
      const version = index + 2;
      const published = server.waitForDiagnostics((p) => p.uri === uri && p.version === version, 60000);
      const t0 = performance.now();
      await server.change(uri, version, [change]);
      const { params, at } = await published;
      latencies.push(at - t0);
      last = params.diagnostics;
    }
    return { ...summarise(latencies), cpuMs: (server.cpuMs() - cpuStart) / changes.length, last: JSON.stringify(last) };
  } finally {
    await server.stop();
  }
}

const folder = mkdtempSync(join(tmpdir(), 'sl-line-edits-'));
try {
  const path = join(folder, 'manifests', 'fleet.yaml');
  mkdirSync(join(folder, 'manifests'));
  const fixture = kubernetesManifest(52800);
  writeFileSync(path, fixture.text);
  const changes = edits(fixture);
  console.log(`${changes.length} edits (a blank line inserted or removed at line 2 every ${every}); load average before ${load()}`);
  const finals = new Map();
  for (let round = 0; round < runs; round++) {
    for (const [label, serverJs] of builds) {
      const result = await run(serverJs, path, fixture, changes);
      finals.set(label, result.last);
      console.log(`  ${label} run ${round + 1}/${runs}: p50 ${fmt(result.p50)} ms, p99 ${fmt(result.p99)} ms, max ${fmt(result.max)} ms, server CPU ${fmt(result.cpuMs)} ms/edit`);
    }
  }
  if (finals.size > 1) console.log(`final publish identical across builds: ${new Set(finals.values()).size === 1}`);
  console.log(`load average after ${load()}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
