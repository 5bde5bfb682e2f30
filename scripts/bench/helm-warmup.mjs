// How much of one chart's render + lint is code warm-up: `node scripts/bench/helm-warmup.mjs [chart] [--runs N]`
// (chart: its path inside the corpus, default bitnami airflow). CPU milliseconds of the chart's render and of the
// lint of its rendered output (lintChart on that render result), each case in fresh processes:
// - cold: the chart is the first thing the process renders;
// - in corpus order: the charts before it rendered first (the CLI's case: `helm` stage's first render);
// - after all others: every other corpus chart rendered first (code warm; its dependencies' values and helpers
//   already parsed and cached, its own files not);
// - warm re-render: the same chart again in that process (all parses cached: the language server's case).
// Prints a Markdown table with the medians and the load average.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

import { join } from 'node:path';
import { CORPUS_DIR, REPO_ROOT, median } from './corpus.mjs';
import { load } from './bench-args.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const caseAt = args.indexOf('--case');
// `--v8 '<flags>'`: V8 flags for the measuring processes (e.g. the CLI's `--interrupt-budget=1000000`; default: node's own).
const v8At = args.indexOf('--v8');
const v8Flags = v8At >= 0 ? args[v8At + 1].split(' ').filter(Boolean) : [];
// Flag values are not the chart.
const flagValues = new Set([runsAt, caseAt, v8At].filter((at) => at >= 0).map((at) => at + 1));
const chart = args.find((arg, index) => !arg.startsWith('--') && !flagValues.has(index)) ?? 'bitnami__charts/bitnami/airflow';
const engine = process.env.BENCH_ENGINE ?? join(REPO_ROOT, 'dist', 'engine.js');

/** In a child process: render and lint `chart` after the charts the case asks for; prints the CPU ms as JSON. */
async function measureCase(name) {
  const require = createRequire(import.meta.url);
  const { loadCharts } = await import('./helm-charts.mjs');
  const { lintChart, helmRenderer } = require(engine);
  const charts = loadCharts(CORPUS_DIR, name === 'cold' ? { only: chart } : {});
  const target = charts.find(({ root }) => root === join(CORPUS_DIR, chart));
  if (!target) throw new Error(`no chart ${chart} in the corpus`);
  const render = helmRenderer();
  const before = name === 'cold' ? [] : name === 'order' ? charts.slice(0, charts.indexOf(target)) : charts.filter((other) => other !== target);
  for (const { root, sources } of before) lintChart(sources, root, { render });
  const once = () => {
    const cpu = (work) => {
      const start = process.cpuUsage();
      const result = work();
      const used = process.cpuUsage(start);
      return [result, (used.user + used.system) / 1000];
    };
    const [rendered, renderMs] = cpu(() => render(target.sources, target.root, {}));
    const [, lintMs] = cpu(() => lintChart(target.sources, target.root, { render: () => rendered }));
    return { renderMs, lintMs };
  };
  const first = once();
  process.stdout.write(`${JSON.stringify(name === 'last' ? { last: first, warm: once() } : { [name]: first })}\n`);
}

if (caseAt >= 0) {
  await measureCase(args[caseAt + 1]);
} else {
  const loadAtStart = load(1);
  const samples = {};
  for (let run = 0; run < runs; run++) {
    for (const name of ['cold', 'order', 'last']) {
      const outcome = spawnSync(process.execPath, [...v8Flags, process.argv[1], chart, '--case', name], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      if (outcome.status !== 0) throw new Error(`case ${name} failed:\n${outcome.stderr}`);
      for (const [key, value] of Object.entries(JSON.parse(outcome.stdout))) (samples[key] ??= []).push(value);
    }
  }
  const labels = { cold: 'cold: first thing the process renders', order: 'in corpus order (the CLI case)', last: 'after all other corpus charts', warm: 'warm re-render (same process again)' };
  const cell = (values) => `${Math.round(median(values))} (${values.map((value) => Math.round(value)).join(', ')})`;
  const lines = [
    `\`${chart}\`, CPU ms, V8 flags: ${v8Flags.length ? `\`${v8Flags.join(' ')}\`` : "node's defaults"}, median of ${runs} fresh processes per case (each run's value in brackets); load average ${loadAtStart} at the start, ${load(1)} at the end.`,
    '',
    '| case | render | lint of the output | render + lint |',
    '| --- | --- | --- | --- |',
    ...Object.keys(labels).map((key) => `| ${labels[key]} | ${cell(samples[key].map((s) => s.renderMs))} | ${cell(samples[key].map((s) => s.lintMs))} | ${cell(samples[key].map((s) => s.renderMs + s.lintMs))} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
