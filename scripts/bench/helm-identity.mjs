// Same output before/after a renderer change: `node scripts/bench/helm-identity.mjs <before engine.js> [<after engine.js>]`.
// Each engine bundle, in its own process, renders and lints every corpus chart (lintChart, as the helm stage) twice
// (a first render and a warm re-render) and prints one SHA-256 per chart and pass of its findings, rendered texts,
// source maps, problems and values files; this script compares them and exits 1 on any difference. `after`
// defaults to this checkout's dist/engine.js; copy the before bundle inside this checkout (e.g. .bench-tmp/).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { CORPUS_DIR, REPO_ROOT } from './corpus.mjs';

const DUMP = '--dump';

/** In a child process: the digests of every chart's lint result with `engine`. */
async function dump(engine) {
  const require = createRequire(import.meta.url);
  const { loadCharts } = await import('./helm-charts.mjs');
  const { lintChart, helmRenderer } = require(engine);
  const charts = loadCharts(CORPUS_DIR);
  const render = helmRenderer();
  const digests = {};
  for (const pass of ['first', 'warm']) {
    for (const { root, sources } of charts) {
      let rendered;
      const result = lintChart(sources, root, { render: (...args) => (rendered = render(...args)) });
      const hash = createHash('sha256');
      hash.update(JSON.stringify([...result.findings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
      hash.update(JSON.stringify(result.templates));
      hash.update(JSON.stringify(result.valuesFiles));
      hash.update(JSON.stringify(rendered ? [rendered.problems, rendered.error, rendered.notes, [...(rendered.subchartNotes ?? [])], rendered.crds] : null));
      digests[`${pass} ${root.slice(CORPUS_DIR.length + 1)}`] = hash.digest('hex');
    }
  }
  process.stdout.write(JSON.stringify(digests));
}

const args = process.argv.slice(2);
if (args[0] === DUMP) {
  await dump(args[1]);
} else {
  const engines = args.map((path) => resolve(path));
  if (engines.length === 0) {
    process.stderr.write('usage: node scripts/bench/helm-identity.mjs <before engine.js> [<after engine.js>]\n');
    process.exit(2);
  }
  if (engines.length === 1) engines.push(join(REPO_ROOT, 'dist', 'engine.js'));
  const [before, after] = engines.map((engine) => {
    const outcome = spawnSync(process.execPath, [process.argv[1], DUMP, engine], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (outcome.status !== 0) throw new Error(`${engine} failed:\n${outcome.stderr}`);
    return JSON.parse(outcome.stdout);
  });
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const differing = keys.filter((key) => before[key] !== after[key]);
  for (const key of differing) process.stdout.write(`differs: ${key}\n`);
  process.stdout.write(`${keys.length - differing.length} of ${keys.length} chart renders identical (findings, rendered texts, source maps, problems)\n`);
  process.exit(differing.length ? 1 : 0);
}
