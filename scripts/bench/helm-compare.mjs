// Before/after for the Helm renderer: `node scripts/bench/helm-compare.mjs <before engine.js> [<after engine.js>] [--runs N]`.
// Runs the Helm stage (`stage.mjs helm`, each run its own process) and a cold single-chart render of airflow with
// each engine bundle, alternating before/after so both see the same machine load, and prints a Markdown table of
// CPU milliseconds (the machine is shared: wall time says more about the neighbours than about the code).
// `after` defaults to this checkout's dist/engine.js. Build the before bundle from another checkout (`npm run build`
// there) and copy its dist/engine.js somewhere inside this checkout (e.g. .bench-tmp/), so it finds node_modules.
import { spawnSync } from 'node:child_process';

import { join, resolve } from 'node:path';
import { median, REPO_ROOT } from './corpus.mjs';
import { load } from './bench-args.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const engines = args.filter((arg, index) => !arg.startsWith('--') && (runsAt < 0 || index !== runsAt + 1)).map((path) => resolve(path));
if (engines.length === 0 || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: node scripts/bench/helm-compare.mjs <before engine.js> [<after engine.js>] [--runs N]\n');
  process.exit(2);
}
if (engines.length === 1) engines.push(join(REPO_ROOT, 'dist', 'engine.js'));
const LARGEST = 'bitnami__charts/bitnami/airflow';
const SHOWN = [LARGEST, 'bitnami__charts/bitnami/harbor', 'bitnami__charts/bitnami/argo-cd'];

function stage(engine, stageArgs) {
  const outcome = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'bench', 'stage.mjs'), ...stageArgs], { env: { ...process.env, BENCH_ENGINE: engine }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (outcome.status !== 0) throw new Error(`stage ${stageArgs.join(' ')} with ${engine} failed:\n${outcome.stderr}`);
  return JSON.parse(outcome.stdout);
}

const loadAtStart = load();
const samples = engines.map(() => ({ first: [], warm: [], cold: [], firstBy: {}, warmBy: {} }));
for (let run = 0; run < runs; run++) {
  engines.forEach((engine, index) => {
    const helm = stage(engine, ['helm']);
    const cold = stage(engine, ['helm-cold', LARGEST]);
    const sample = samples[index];
    sample.first.push(helm.cpuMs);
    sample.warm.push(helm.warm.cpuMs);
    sample.cold.push(cold.cpuMs);
    for (const chart of SHOWN) {
      (sample.firstBy[chart] ??= []).push(helm.cpuTimes[chart]);
      (sample.warmBy[chart] ??= []).push(helm.warm.cpuTimes[chart]);
    }
    process.stderr.write(`run ${run + 1}/${runs} ${index === 0 ? 'before' : 'after'}: all charts ${Math.round(helm.cpuMs)} ms CPU, airflow cold ${Math.round(cold.cpuMs)} ms CPU\n`);
  });
}

const cell = (values) => `${Math.round(median(values))} (${values.map((value) => Math.round(value)).join(', ')})`;
const short = (chart) => chart.slice(chart.lastIndexOf('/') + 1);
const lines = [
  `CPU ms, median of ${runs} alternating runs (each run's value in brackets); load average ${loadAtStart} at the start, ${load()} at the end.`,
  '',
  `| engine | all charts, first render | ${SHOWN.map((chart) => `${short(chart)} first`).join(' | ')} | all charts, warm re-render | ${short(LARGEST)} warm | ${short(LARGEST)} cold (fresh process) |`,
  `| --- | --- | ${SHOWN.map(() => '---').join(' | ')} | --- | --- | --- |`,
  ...samples.map((sample, index) => `| ${index === 0 ? 'before' : 'after'} (\`${engines[index].startsWith(REPO_ROOT) ? engines[index].slice(REPO_ROOT.length + 1) : engines[index]}\`) | ${cell(sample.first)} | ${SHOWN.map((chart) => cell(sample.firstBy[chart])).join(' | ')} | ${cell(sample.warm)} | ${cell(sample.warmBy[LARGEST])} | ${cell(sample.cold)} |`),
];
process.stdout.write(`${lines.join('\n')}\n`);
