// `npm run bench [-- --quick] [-- --runs N]`: every stage in its own process, medians of several runs,
// written as a dated section at the top of BENCHMARKS.md. The last line printed is the ratio of the
// whole CLI run to the parse floor, the number CI watches (quick mode fails when it doubles).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { CORPUS_DIR, REPO_ROOT, median } from './corpus.mjs';
import { cliStages } from './cli-stages.mjs';
import { lspStages } from './lsp-stages.mjs';
import { timed } from './timed.mjs';
import { fixed, flag, has, load, numberFlag } from './bench-args.mjs';

const quick = has('--quick');
// `--only cli`: just the CLI-process rows of issue 17 (same-files floor ratio, --cache warm, RSS 1×/4×).
const onlyCli = flag('--only') === 'cli';
// `--only helm`: just the Helm charts section (issue 14: the largest chart cold and warm, p50/p99/max over the charts).
const onlyHelm = flag('--only') === 'helm';
const runs = numberFlag('--runs', quick ? 1 : 3);
const log = (text) => process.stderr.write(`${text}\n`);
let loadStart = '';

function build() {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function stage(name, args = []) {
  const samples = [];
  for (let run = 0; run < runs; run++) {
    const outcome = timed([join(REPO_ROOT, 'scripts', 'bench', 'stage.mjs'), name, ...args, ...(quick ? ['--quick'] : [])]);
    if (outcome.status !== 0) throw new Error(`stage ${name} failed:\n${outcome.stderr}`);
    samples.push({ ...JSON.parse(outcome.stdout), wallMs: outcome.wallMs, rssMiB: outcome.rssMiB });
    log(`  ${name} run ${run + 1}/${runs}: ${Math.round(outcome.wallMs)} ms`);
  }
  const pick = (fn) => median(samples.map(fn));
  const first = samples[0];
  return {
    name,
    files: first.files,
    bytes: first.bytes,
    loopMs: pick((s) => s.loopMs),
    wallMs: pick((s) => s.wallMs),
    p50: pick((s) => s.perFileMs.p50),
    p99: pick((s) => s.perFileMs.p99),
    max: pick((s) => s.perFileMs.max),
    rssMiB: pick((s) => s.rssMiB),
    slowest: first.slowest,
    times: first.times,
    // 'floor-with-charts': its two parts and its chart count.
    charts: first.charts,
    dataTimes: first.dataTimes,
    singleMs: pick((s) => s.singleMs),
    chartsMs: pick((s) => s.chartsMs),
  };
}

function cliStage(corpusDir) {
  const samples = [];
  const out = join(mkdtempSync(join(tmpdir(), 'sl-bench-out-')), 'out.json');
  for (let run = 0; run < runs; run++) {
    const outcome = timed([join(REPO_ROOT, 'dist', 'cli.js'), corpusDir, '--format', 'json', '--output', out, '--fail-on', 'error']);
    if (outcome.status === 2) throw new Error(`the CLI failed:\n${outcome.stderr}`);
    samples.push(outcome);
    log(`  cli run ${run + 1}/${runs}: ${Math.round(outcome.wallMs)} ms`);
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(join(out, '..'), { recursive: true, force: true });
  return { name: 'cli', files: report.files.length, findings: report.findings.length, wallMs: median(samples.map((s) => s.wallMs)), rssMiB: median(samples.map((s) => s.rssMiB)) };
}

/** Paired per-file ratio: the peer's time over stridelint's, file by file (median and total). */
function paired(peer, ours) {
  const ratios = [];
  for (const [path, peerMs] of Object.entries(peer.times)) {
    const ourMs = ours.times[path];
    if (ourMs > 0) ratios.push(peerMs / ourMs);
  }
  const total = Object.values(peer.times).reduce((a, b) => a + b, 0) / Object.values(ours.times).reduce((a, b) => a + b, 0);
  return { medianRatio: median(ratios), totalRatio: total };
}

const fmt = fixed(1);
const mb = (bytes) => bytes / 1e6;

function row(label, s) {
  const seconds = s.loopMs / 1000;
  return `| ${label} | ${s.files} | ${fmt(s.files / seconds, 0)} | ${fmt(mb(s.bytes) / seconds, 2)} | ${fmt(s.p50, 2)} | ${fmt(s.p99, 1)} | ${fmt(s.max, 0)} | ${fmt(s.wallMs / 1000, 2)} | ${fmt(s.rssMiB, 0)} |`;
}

/** The V8 flags the CLI and the language server set for themselves (server/shared/v8-tiering.ts): the Helm stages run with them. */
const CLI_V8_FLAGS = [`--interrupt-budget=${readFileSync(join(REPO_ROOT, 'server', 'shared', 'v8-tiering.ts'), 'utf8').match(/INTERRUPT_BUDGET = ([\d_]+)/)[1].replaceAll('_', '')}`];

/** The Helm stages: first render and warm re-render per chart, the per-chart floor, cold renders of the slowest charts, the floor with charts. */
function helmStages() {
  const samples = [];
  for (let run = 0; run < runs; run++) {
    const outcome = timed([...CLI_V8_FLAGS, join(REPO_ROOT, 'scripts', 'bench', 'stage.mjs'), 'helm']);
    if (outcome.status !== 0) throw new Error(`stage helm failed:\n${outcome.stderr}`);
    samples.push({ ...JSON.parse(outcome.stdout), rssMiB: outcome.rssMiB });
    log(`  helm run ${run + 1}/${runs}: ${Math.round(outcome.wallMs)} ms`);
  }
  const summary = (get) => ({
    p50: median(samples.map((s) => get(s).perFileMs.p50)),
    p99: median(samples.map((s) => get(s).perFileMs.p99)),
    max: median(samples.map((s) => get(s).perFileMs.max)),
    loopMs: median(samples.map((s) => get(s).loopMs)),
    cpuMs: median(samples.map((s) => get(s).cpuMs)),
    cpuP50: median(samples.map((s) => get(s).perFileCpuMs.p50)),
    cpuMax: median(samples.map((s) => get(s).perFileCpuMs.max)),
    // Each chart's median over the runs, slowest first; its CPU milliseconds by chart.
    perChart: Object.keys(get(samples[0]).times).map((chart) => [chart, median(samples.map((s) => get(s).times[chart]))]).sort((a, b) => b[1] - a[1]),
    cpuByChart: Object.fromEntries(Object.keys(get(samples[0]).cpuTimes).map((chart) => [chart, median(samples.map((s) => get(s).cpuTimes[chart]))])),
  });
  const first = summary((s) => s);
  const warm = summary((s) => s.warm);
  const floor = stage('floor-charts');
  const cold = first.perChart.slice(0, 3).map(([chart]) => {
    const times = [];
    const cpuTimes = [];
    for (let run = 0; run < runs; run++) {
      const outcome = timed([...CLI_V8_FLAGS, join(REPO_ROOT, 'scripts', 'bench', 'stage.mjs'), 'helm-cold', chart]);
      if (outcome.status !== 0) throw new Error(`stage helm-cold ${chart} failed:\n${outcome.stderr}`);
      const result = JSON.parse(outcome.stdout);
      times.push(result.loopMs);
      cpuTimes.push(result.cpuMs);
    }
    log(`  helm-cold ${chart}: ${times.map((ms) => Math.round(ms)).join(', ')} ms`);
    return [chart, median(times), median(cpuTimes)];
  });
  const floorWithCharts = stage('floor-with-charts');
  const floorWithChartData = stage('floor-with-charts', ['data']);
  return { charts: samples[0].files, templates: samples[0].templates, bytes: samples[0].bytes, rssMiB: median(samples.map((s) => s.rssMiB)), first, warm, floor, cold, floorWithCharts, floorWithChartData };
}

/** The largest chart's render + lint in each case the Helm stages measure (issue 14's target: ≤ 100 ms). */
function largestChartTable(helm, chart) {
  const perChart = (s) => s.perChart.find(([name]) => name === chart)?.[1];
  const cold = helm.cold.find(([name]) => name === chart);
  const row = (label, wall, cpu) => `| ${label} | ${fmt(wall, 0)} | ${fmt(cpu, 0)} |`;
  return [
    `Largest chart \`${chart}\` (target ≤ 100 ms), render + lint, medians of ${runs} run(s):`,
    '',
    '| case | wall ms | CPU ms |',
    '| --- | --- | --- |',
    row('cold: first thing a fresh process renders (a CLI run on that chart alone)', cold?.[1], cold?.[2]),
    row('first render in corpus order (the CLI on the whole corpus: the charts before it rendered first, so code partly warm)', perChart(helm.first), helm.first.cpuByChart[chart]),
    row('warm re-render in the same process (the language server after the first render)', perChart(helm.warm), helm.warm.cpuByChart[chart]),
  ];
}

function helmSection(helm, cli) {
  const named = (list) => list.map(([chart, ms]) => `\`${chart}\` ${fmt(ms, 0)}`).join(', ');
  // Wall (CPU) milliseconds of the slowest charts.
  const namedWithCpu = (list, cpuByChart) => list.map(([chart, ms]) => `\`${chart}\` ${fmt(ms, 0)} (${fmt(cpuByChart[chart], 0)})`).join(', ');
  const largestCpu = (s) => s.cpuByChart[largest?.[0]];
  const largest = helm.first.perChart.find(([chart]) => chart.endsWith('/airflow'));
  const ratioTo = (floorTimes) => median(helm.first.perChart.map(([chart, ms]) => ms / floorTimes[chart]).filter(Number.isFinite));
  const dataFloor = Object.values(helm.floor.dataTimes ?? {});
  const dataSorted = [...dataFloor].sort((a, b) => a - b);
  const row = (label, s) => `| ${label} | ${helm.charts} | ${fmt(s.p50, 0)} | ${fmt(s.p99, 0)} | ${fmt(s.max, 0)} | ${fmt(s.cpuP50, 0)} | ${fmt(s.cpuMax, 0)} | ${fmt(s.loopMs / 1000, 2)} | ${fmt(s.cpuMs / 1000, 2)} | ${namedWithCpu(s.perChart.slice(0, 3), s.cpuByChart)} |`;
  const lines = [
    '### Helm charts (render + lint per chart)',
    '',
    `Every chart of the corpus (${helm.charts} charts, ${helm.templates} rendered templates; subcharts and the workspace charts they depend on, such as bitnami/common, rendered with them), rendered in-process and linted as one unit (\`lintChart\`), one template parse cache for the run as in the CLI, with the CLI's V8 flags (\`${CLI_V8_FLAGS.join(' ')}\`). Milliseconds per chart, wall clock and CPU time (user + system, all threads, garbage collection included: the machine is shared, so CPU says more); medians of ${runs} run(s), each run its own process.`,
    '',
    '| case | charts | p50 ms/chart | p99 ms/chart | max ms | p50 CPU ms/chart | max CPU ms | total s | total CPU s | slowest: wall ms (CPU ms) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    row('first render in the run (the CLI: each chart once, corpus order; the first chart also pays the code warm-up)', helm.first),
    row('warm re-render (same process, template and values parses cached: the language server)', helm.warm),
    `| cold: a fresh process renders one chart (the three slowest above) | ${helm.cold.length} | | | ${fmt(Math.max(...helm.cold.map(([, ms]) => ms)), 0)} | | ${fmt(Math.max(...helm.cold.map(([, , cpu]) => cpu)), 0)} | | | ${namedWithCpu(helm.cold, Object.fromEntries(helm.cold.map(([chart, , cpu]) => [chart, cpu])))} |`,
    `| floor per chart: its source set read, templates and YAML files YAML-parsed | ${helm.floor.files} | ${fmt(helm.floor.p50, 0)} | ${fmt(helm.floor.p99, 0)} | ${fmt(helm.floor.max, 0)} | | | ${fmt(helm.floor.loopMs / 1000, 2)} | | ${named(helm.floor.slowest)} |`,
    `| data floor per chart: its source set read, only Chart.yaml and values files parsed | ${dataFloor.length} | ${fmt(dataSorted[Math.floor(dataSorted.length / 2)], 0)} | | ${fmt(dataSorted[dataSorted.length - 1], 0)} | | | ${fmt(dataFloor.reduce((a, b) => a + b, 0) / 1000, 2)} | | |`,
    '',
    ...largestChartTable(helm, largest?.[0]),
    '',
    `- Render + lint (first render) / the chart's floor: median ${fmt(ratioTo(helm.floor.times), 2)}× over the charts; / its data floor: median ${fmt(ratioTo(helm.floor.dataTimes ?? {}), 1)}×. The floor parses templates as the parse floor does, as YAML streams; the \`yaml\` parser's error recovery on \`{{ }}\` text is costly, so the data floor is the stricter comparison. Peak RSS of the helm stage ${fmt(helm.rssMiB, 0)} MiB.`,
    `- Target: the largest chart (\`${largest?.[0]}\`) renders and lints in ≤ 100 ms. Measured (wall ms, CPU ms): first render in the run ${fmt(largest?.[1], 0)}, ${fmt(largestCpu(helm.first), 0)}; warm re-render ${fmt(helm.warm.perChart.find(([chart]) => chart === largest?.[0])?.[1], 0)}, ${fmt(largestCpu(helm.warm), 0)}; cold in a fresh process ${fmt(helm.cold.find(([chart]) => chart === largest?.[0])?.[1], 0)}, ${fmt(helm.cold.find(([chart]) => chart === largest?.[0])?.[2], 0)}.`,
    '- A chart\'s source set is what the CLI reads for it: the chart folder and the workspace charts it depends on. The floors read all of it (a `.tgz` is read, not unpacked) and parse what the renderer parses: `templates/**/*.{yaml,yml,tpl}`, Chart.yaml, requirements.yaml and values files, not crds/ or ci/. No stack traces are captured for parser errors in the floors (the engine captures none either).',
  ];
  if (cli) {
    const withTemplates = helm.floorWithCharts;
    const data = helm.floorWithChartData;
    lines.push(`- **Whole corpus with Helm: CLI process / floor process ${fmt(cli.wallMs / withTemplates.wallMs, 2)}× with the templates YAML-parsed in the floor, ${fmt(cli.wallMs / data.wallMs, 2)}× with only the charts' YAML files parsed** (CLI ${fmt(cli.wallMs / 1000, 2)} s; floors ${fmt(withTemplates.wallMs / 1000, 2)} s and ${fmt(data.wallMs / 1000, 2)} s). The CLI walks every corpus file, lints ${cli.files} files (each chart as one unit: its templates, values files and Chart.yaml, rendered with its dependencies; every other file on its own) and writes the JSON report. The floor reads and parses the ${withTemplates.files} files the CLI lints on their own (the parse floor's files outside chart units; in-process ${fmt(withTemplates.singleMs / 1000, 2)} s) and the source sets of the ${withTemplates.charts} charts (in-process ${fmt(withTemplates.chartsMs / 1000, 2)} s, or ${fmt(data.chartsMs / 1000, 2)} s without the templates).`);
  }
  return lines;
}

async function main() {
  if (!existsSync(join(CORPUS_DIR, 'index.json'))) {
    log(`bench: the real-world corpus is not beside this checkout (${CORPUS_DIR}); nothing to measure.`);
    // CI's quick guard skips, as the tests that read the shared corpus do; a full run asked for by hand fails.
    process.exit(quick ? 0 : 2);
  }
  build();
  loadStart = load(1);
  if (onlyCli) return writeOnly('CLI process rows only', 'cli', cliStages({ log, runs, timed }));
  if (onlyHelm) return writeOnly('Helm charts only', 'helm', helmSection(helmStages()));
  log(`bench: ${quick ? 'quick' : 'full'} mode, ${runs} run(s) per stage`);
  const read = stage('read');
  const parse = stage('parse');
  const engine = stage('engine');
  // The whole CLI always walks the whole corpus: only in the full run.
  const cli = quick ? undefined : cliStage(CORPUS_DIR);
  const floorWall = quick ? NaN : timed([join(REPO_ROOT, 'scripts', 'bench', 'stage.mjs'), 'parse']).wallMs;
  const cliRatio = cli ? cli.wallMs / floorWall : engine.loopMs / parse.loopMs;
  let peers = [];
  let lsp = [];
  if (!quick) {
    const dockerUtils = stage('peer-dockerfile-utils');
    const oursDocker = stage('engine-dockerfile');
    const yamlLs = stage('peer-yaml-language-server');
    const oursYaml = stage('engine-yaml');
    peers = [
      { label: '`dockerfile-utils` validate() (Dockerfiles)', peer: dockerUtils, ours: oursDocker, ratio: paired(dockerUtils, oursDocker) },
      { label: '`yaml-language-server` doValidation() (compose + Kubernetes)', peer: yamlLs, ours: oursYaml, ratio: paired(yamlLs, oursYaml) },
    ];
    lsp = await lspStages({ log, runs });
  }
  const helm = quick ? undefined : helmStages();

  const date = new Date().toISOString().slice(0, 10);
  const lines = [
    `## ${date} — ${quick ? 'quick' : 'full'} run`,
    '',
    `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}, load average ${loadStart} at the start, ${load(1)} at the end (other jobs share the machine). Corpus: \`../shared/corpus/realworld\`${quick ? ' (every 8th file of each kind)' : ''}. Medians of ${runs} run(s); each stage its own process.`,
    '',
    '| stage | files | files/s | MB/s | p50 ms/file | p99 ms/file | max ms | wall s | peak RSS MiB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    row('floor: read', read),
    row('floor: read + parse (yaml, dockerfile-ast, jsonc-parser)', parse),
    row('stridelint engine, per file (parse + all rules)', engine),
    ...(cli ? [`| stridelint CLI, whole process (walk, detect, parse, rules, JSON) | ${cli.files} linted | | | | | | ${fmt(cli.wallMs / 1000, 2)} | ${fmt(cli.rssMiB, 0)} |`] : []),
    '',
    `- **Engine / parse floor (in-process, same files): ${fmt(engine.loopMs / parse.loopMs, 2)}×.**${cli ? ` Whole CLI process / parse-floor process: ${fmt(cli.wallMs / floorWall, 2)}× (${fmt(cli.wallMs / 1000, 2)} s vs ${fmt(floorWall / 1000, 2)} s; the CLI also walks every corpus file, reads the ${cli.files} it lints and writes ${cli.findings} findings as JSON).` : ''}`,
    `- Slowest files for the engine: ${engine.slowest.map(([path, ms]) => `\`${path}\` ${fmt(ms, 0)} ms`).join(', ')}; for the parse floor: ${parse.slowest.map(([path, ms]) => `\`${path}\` ${fmt(ms, 0)} ms`).join(', ')}.`,
  ];
  if (peers.length) {
    lines.push('', '### Peers on the same files, same run', '', '| peer | files | p50 ms/file | p99 ms/file | stridelint p50 | stridelint p99 | per-file ratio (median) | total time ratio | peer peak RSS MiB |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const { label, peer, ours, ratio } of peers) {
      lines.push(`| ${label} | ${peer.files} | ${fmt(peer.p50, 2)} | ${fmt(peer.p99, 1)} | ${fmt(ours.p50, 2)} | ${fmt(ours.p99, 1)} | ${fmt(ratio.medianRatio, 1)}× | ${fmt(ratio.totalRatio, 1)}× | ${fmt(peer.rssMiB, 0)} |`);
    }
    lines.push('', 'Ratios are the peer’s time over stridelint’s on the same file (above 1 means stridelint is faster). yaml-language-server gets the compose-spec schema from `../shared/schemas` (served locally); no Kubernetes schema can be fetched offline, so its Kubernetes validation here is YAML plus its built-in checks only — an underestimate of its normal cost.');
  }
  if (helm) lines.push('', ...helmSection(helm, cli));
  if (!quick) lines.push('', ...cliStages({ log, runs, timed }));
  for (const section of lsp) lines.push('', ...section);
  lines.push('');
  const section = lines.join('\n');
  const benchmarksPath = join(REPO_ROOT, 'BENCHMARKS.md');
  const header = '# Benchmarks\n\nWritten by `npm run bench` (newest first). Targets (goals, not unit-test assertions): whole-corpus lint ≤ 1.5× the parse floor; ≥ 10× faster per file than each peer; edit → diagnostics p99 ≤ 50 ms on a 2,000-line manifest (engine ≤ 10 ms); cold scan of 10,000 files ≤ 5 s; server RSS ≤ 150 MB after it.\n\n';
  const previous = existsSync(benchmarksPath) ? readFileSync(benchmarksPath, 'utf8').replace(/^# Benchmarks\n[\s\S]*?(?=^## )/m, '') : '';
  if (!quick) writeFileSync(benchmarksPath, header + section + '\n' + previous);
  process.stdout.write(section + '\n');
  if (quick) {
    const baselinePath = join(REPO_ROOT, 'scripts', 'bench', 'quick-baseline.json');
    const baseline = existsSync(baselinePath) ? JSON.parse(readFileSync(baselinePath, 'utf8')).engineToFloor : undefined;
    process.stdout.write(`stridelint/floor ratio: ${fmt(cliRatio, 2)}${baseline ? ` (baseline ${fmt(baseline, 2)})` : ''}\n`);
    if (baseline && cliRatio > 2 * baseline) {
      process.stderr.write(`bench: the engine/floor ratio more than doubled (${fmt(cliRatio, 2)} vs ${fmt(baseline, 2)})\n`);
      process.exit(1);
    }
  } else {
    process.stdout.write(`stridelint/floor ratio: ${fmt(cliRatio, 2)}\n`);
  }
}

/** `--only cli` / `--only helm`: its rows as a section of their own, at the top of BENCHMARKS.md like a full run's. */
function writeOnly(title, only, rows) {
  const date = new Date().toISOString().slice(0, 10);
  const section = [`## ${date} — ${title} (\`npm run bench -- --only ${only}\`)`, '', `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, load average ${loadStart} at the start, ${load(1)} at the end (other jobs share the machine).`, '', ...rows.map((row) => row.replace(/^### /, '#### ')), ''].join('\n');
  const benchmarksPath = join(REPO_ROOT, 'BENCHMARKS.md');
  const text = readFileSync(benchmarksPath, 'utf8');
  const at = text.search(/^## /m);
  writeFileSync(benchmarksPath, at < 0 ? `${text}\n${section}\n` : `${text.slice(0, at)}${section}\n${text.slice(at)}`);
  process.stdout.write(`${section}\n`);
}

await main();
