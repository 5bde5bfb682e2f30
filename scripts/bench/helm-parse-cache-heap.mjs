// How much heap the CLI's template parse cache holds after a first pass over the corpus charts:
// `node --expose-gc scripts/bench/helm-parse-cache-heap.mjs [<engine.js> ...]` (default: this checkout's dist/engine.js).
// Each engine in its own process: every corpus chart rendered and linted once with one renderer (one parse cache, as
// the CLI runs them), then the heap after a full collection with the renderer kept and with it dropped. Retained parse
// trees make every later collection of the run slower, so their size is part of a first render's cost.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { CORPUS_DIR, REPO_ROOT } from './corpus.mjs';

const CHILD = '--child';
const args = process.argv.slice(2);

async function child(engine) {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  const { loadCharts } = await import('./helm-charts.mjs');
  const { lintChart, helmRenderer } = createRequire(import.meta.url)(engine);
  const charts = loadCharts(CORPUS_DIR);
  const heapMb = () => {
    globalThis.gc();
    globalThis.gc();
    return process.memoryUsage().heapUsed / 1e6;
  };
  // The renderer lives in this holder only, so that dropping it drops its cache (an async function's frame may
  // keep a local alive).
  const holder = { render: helmRenderer() };
  const before = heapMb();
  const cpu = process.cpuUsage();
  lintAll(charts, holder, lintChart);
  const used = process.cpuUsage(cpu);
  const after = heapMb();
  holder.render = undefined;
  const dropped = heapMb();
  process.stdout.write(JSON.stringify({ charts: charts.length, cpuMs: (used.user + used.system) / 1000, heapMb: after - before, cacheMb: after - dropped }));
}

function lintAll(charts, holder, lintChart) {
  for (const { root, sources } of charts) lintChart(sources, root, { render: holder.render });
}

if (args[0] === CHILD) {
  await child(args[1]);
} else {
  const engines = (args.length ? args : [join(REPO_ROOT, 'dist', 'engine.js')]).map((path) => resolve(path));
  for (const engine of engines) {
    const outcome = spawnSync(process.execPath, ['--expose-gc', process.argv[1], CHILD, engine], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (outcome.status !== 0) throw new Error(`${engine} failed:\n${outcome.stderr}`);
    const { charts, cpuMs, heapMb, cacheMb } = JSON.parse(outcome.stdout);
    const name = engine.startsWith(REPO_ROOT) ? engine.slice(REPO_ROOT.length + 1) : engine;
    process.stdout.write(`${name}: ${charts} charts, first pass ${Math.round(cpuMs)} ms CPU; heap after it +${heapMb.toFixed(1)} MB, of which the template parse cache ${cacheMb.toFixed(1)} MB\n`);
  }
}
