// Where a chart's render + lint spends its CPU: `node scripts/bench/helm-phases.mjs [chart] [--engine <engine.js>] [--runs N]`
// (chart: its path in the corpus, default bitnami airflow). In fresh processes, CPU-profiles the chart's first render
// in corpus order (the CLI: the charts before it rendered first, one template parse cache for the run) and a warm
// re-render in the same process (the language server: template and values parses cached; the mean of five after one
// more), and splits each by the phase on the sample's stack. Prints a Markdown table: phase, CPU ms (the case's CPU
// time × the phase's share of the profile's samples; medians of the runs), and whether the phase is the `yaml` parse
// floor or our own work. `--alloc`: MB allocated by phase instead (sampling heap profiler, every 4 KiB; no GC row),
// for a first render in corpus order and a cold one (the chart first in a fresh process).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { Session } from 'node:inspector';

import { join, resolve } from 'node:path';
import { CORPUS_DIR, REPO_ROOT, median } from './corpus.mjs';
import { load } from './bench-args.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const optionValues = new Set(['--engine', '--runs', '--child'].map((name) => args.indexOf(name) + 1).filter((at) => at > 0));
const chart = args.find((arg, index) => !arg.startsWith('--') && !optionValues.has(index)) ?? 'bitnami__charts/bitnami/airflow';
const engine = resolve(option('--engine', join(REPO_ROOT, 'dist', 'engine.js')));
const runs = Number(option('--runs', '3'));
const alloc = args.includes('--alloc');
/** Warm re-renders profiled together (after one unprofiled), their CPU averaged. */
const WARM_RENDERS = 5;

/** Phases, first match wins, by a function on the sample's stack (bundle names may carry a numeric suffix). */
const PHASES = [
  { name: 'garbage collection (main thread)', floor: '', test: (stack, leaf) => leaf === '(garbage collector)' },
  { name: 'values files: `yaml` parse', floor: 'floor', test: (stack) => has(stack, 'loadValuesFile') && has(stack, 'parseDocument') },
  { name: 'values files: to Go values and origins', floor: '', test: (stack) => has(stack, 'loadValuesFile') },
  { name: 'template parse (lexer, parser)', floor: '', test: (stack) => has(stack, 'parseTemplates') },
  { name: 'chart load (Chart.yaml, files, dependencies)', floor: '', test: (stack) => has(stack, 'loadChart') },
  { name: 'values coalescing, dependencies, imports', floor: '', test: (stack) => has(stack, 'chartValues') },
  { name: 'template execution (incl. toYaml, include, source map)', floor: '', test: (stack) => has(stack, 'renderTree') },
  { name: 'lint: `yaml` parse of the rendered output', floor: 'floor', test: (stack) => has(stack, 'lintFile') && has(stack, 'parseModel') },
  { name: 'lint: rules on the rendered output', floor: '', test: (stack) => has(stack, 'lintFile') },
  { name: 'mapping findings back (source map, fixes)', floor: '', test: (stack) => has(stack, 'lintTemplate') },
  { name: 'other (render setup, lintChart)', floor: '', test: (stack) => has(stack, 'lintChart') || has(stack, 'renderChart') },
];
const has = (stack, name) => stack.some((frame) => frame === name || (frame.startsWith(name) && /^\d+$/.test(frame.slice(name.length))));

function post(session, method, params = {}) {
  return new Promise((done, fail) => session.post(method, params, (error, result) => (error ? fail(error) : done(result))));
}

/** In a child process: both cases of one run, as { case: { cpuMs, shares: { phase: fraction } } }. */
async function child() {
  const require = createRequire(import.meta.url);
  const { loadCharts } = await import('./helm-charts.mjs');
  const { lintChart, helmRenderer } = require(engine);
  const charts = loadCharts(CORPUS_DIR);
  const target = charts.find(({ root }) => root === join(CORPUS_DIR, chart));
  if (!target) throw new Error(`no chart ${chart} in the corpus`);
  const render = helmRenderer();
  const session = new Session();
  session.connect();
  if (alloc) {
    await post(session, 'HeapProfiler.enable');
    const allocated = async () => {
      await post(session, 'HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      lintChart(target.sources, target.root, { render });
      return allocationShares((await post(session, 'HeapProfiler.stopSampling')).profile);
    };
    // Each case in its own process: the chart's first render leaves its parses cached.
    const cold = args.includes('--cold');
    if (!cold) for (const { root, sources } of charts.slice(0, charts.indexOf(target))) lintChart(sources, root, { render });
    process.stdout.write(JSON.stringify({ [cold ? 'cold' : 'first']: await allocated() }));
    return;
  }
  for (const { root, sources } of charts.slice(0, charts.indexOf(target))) lintChart(sources, root, { render });
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  const profiled = async (times) => {
    await post(session, 'Profiler.start');
    const start = process.cpuUsage();
    for (let time = 0; time < times; time++) lintChart(target.sources, target.root, { render });
    const used = process.cpuUsage(start);
    const { profile } = await post(session, 'Profiler.stop');
    return { cpuMs: (used.user + used.system) / 1000 / times, shares: shares(profile) };
  };
  const first = await profiled(1);
  lintChart(target.sources, target.root, { render });
  const warm = await profiled(WARM_RENDERS);
  process.stdout.write(JSON.stringify({ first, warm }));
}

function shares(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const id of node.children ?? []) parent.set(id, node.id);
  const counts = {};
  let total = 0;
  for (const id of profile.samples) {
    const stack = [];
    for (let at = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at).callFrame.functionName);
    const leaf = stack[0];
    if (leaf === '(idle)' || leaf === '(program)') continue;
    const phase = PHASES.find((candidate) => candidate.test(stack, leaf))?.name ?? 'outside the lint (profiler, harness)';
    counts[phase] = (counts[phase] ?? 0) + 1;
    total++;
  }
  return Object.fromEntries(Object.entries(counts).map(([phase, count]) => [phase, count / total]));
}

/** The sampled heap profile's bytes by phase, as { cpuMs: total MB, shares } (the CPU case's shape). */
function allocationShares(profile) {
  const bytes = {};
  let total = 0;
  const walk = (node, stack) => {
    const here = [node.callFrame.functionName, ...stack];
    if (node.selfSize > 0) {
      const phase = PHASES.find((candidate) => candidate.test(here, here[0]))?.name ?? 'outside the lint (profiler, harness)';
      bytes[phase] = (bytes[phase] ?? 0) + node.selfSize;
      total += node.selfSize;
    }
    for (const child of node.children) walk(child, here);
  };
  walk(profile.head, []);
  return { cpuMs: total / 1e6, shares: Object.fromEntries(Object.entries(bytes).map(([phase, size]) => [phase, size / total])) };
}

if (args.includes('--child')) {
  await child();
} else {
  const loadAtStart = load(1);
  const samples = [];
  for (let run = 0; run < runs; run++) {
    const sample = {};
    for (const extra of alloc ? [['--alloc', '--cold'], ['--alloc']] : [[]]) {
      const outcome = spawnSync(process.execPath, [process.argv[1], chart, '--engine', engine, '--child', ...extra], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      if (outcome.status !== 0) throw new Error(`run ${run + 1} failed:\n${outcome.stderr}`);
      Object.assign(sample, JSON.parse(outcome.stdout));
    }
    samples.push(sample);
  }
  const cases = alloc
    ? [
        ['cold', 'cold (first in a fresh process), MB allocated'],
        ['first', 'first render in corpus order, MB allocated'],
      ]
    : [
        ['first', 'first render in corpus order CPU ms'],
        ['warm', 'warm re-render CPU ms'],
      ];
  const phaseNames = [...PHASES.map((phase) => phase.name), 'outside the lint (profiler, harness)'];
  const ms = (key, phase) => median(samples.map((sample) => sample[key].cpuMs * (sample[key].shares[phase] ?? 0)));
  const lines = [
    `\`${chart}\` with \`${engine.startsWith(REPO_ROOT) ? engine.slice(REPO_ROOT.length + 1) : engine}\`, CPU ms by phase (CPU time of the case × the phase's share of its profile samples, sampled every 0.2 ms; median of ${runs} fresh processes); load average ${loadAtStart} at the start, ${load(1)} at the end. Garbage collection on other threads is in the total, not in a phase.`,
    '',
    ...(alloc ? ['Allocation by phase instead (sampled every 4 KiB, objects later collected included; MB, medians):', ''] : []),
    `| phase | ${cases.map(([, label]) => label).join(' | ')} | floor? |`,
    `| --- | ${cases.map(() => '---').join(' | ')} | --- |`,
    ...phaseNames.map((phase) => `| ${phase} | ${cases.map(([key]) => ms(key, phase).toFixed(alloc ? 1 : 0)).join(' | ')} | ${PHASES.find((candidate) => candidate.name === phase)?.floor ?? ''} |`),
    `| **total (${alloc ? 'MB allocated' : 'process CPU, all threads'})** | ${cases.map(([key]) => median(samples.map((sample) => sample[key].cpuMs)).toFixed(alloc ? 1 : 0)).join(' | ')} | |`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
