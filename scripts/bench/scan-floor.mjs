// The read+parse floor of the workspace scan (issue 17: cold scan of 10,000 files ≤ 8 s on 2 cores): the same
// 10,000 files the scan benches use (the realworld corpus copied ~2.56×), each read and parsed with the parser and
// the options the engine uses for its kind, nothing else:
//   node scripts/bench/scan-floor.mjs [--files 10000] [--runs 1] [--threads 2] [--folder DIR] [--parser yaml|engine|both]
// - compose / Kubernetes (kustomization files included): with `--parser yaml` (the default) yaml's
//   `parseAllDocuments` with the options `rules/models/yaml.ts` passes (YAML 1.1 for Kubernetes kinds, 1.2 for
//   compose); with `--parser engine` the engine's own `parseYamlDocuments` (yaml's Lexer, our CST stage and Composer:
//   rules/models/yaml-cst.ts, yaml-compose.ts), which `rules/models/yaml.ts` calls; `both` alternates the two in each
//   run. Both from dist/engine.js, the bundle's copy of yaml (its debug switches compiled out, as shipped).
//   Dockerfiles: dockerfile-ast; daemon.json and Docker config: jsonc-parser's `parseTree`; the other kinds (.env,
//   systemd units) are read only.
// - a Helm chart (a folder with Chart.yaml, its templates/, charts/, Chart.yaml, values.yaml as the scan takes
//   them): its renderer inputs read, Chart.yaml and values files parsed as the Helm model does (`parseDocument`,
//   yaml-1.1, merge keys), templates NOT parsed (Helm renders them) but each rendered template's output parsed as
//   the lint parses it (as compose / Kubernetes files, YAML 1.1). The charts are rendered by this checkout's engine before
//   the timing; the render itself is not floor.
// - not in the floor: kustomize builds' outputs (derived texts, as the rendering), the facts phase, rules.
// Prints the CPU of one process doing all of it (one thread) and the wall and CPU of `--threads` processes doing a
// share each at the same time (shares balanced by bytes): CPU / threads is the wall two idle cores would give.
// Runs in child processes so that each measures only its own work (process.cpuUsage: its JS thread and V8's
// helpers, GC included, as the scan's CPU figure from /proc includes them).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, filesUnder, median } from './corpus.mjs';
import { flag, load, numberFlag } from './bench-args.mjs';
import { inChartUnit, loadCharts } from './helm-charts.mjs';
import { replicateCorpus } from './lsp-stages.mjs';

const require = createRequire(import.meta.url);
const SELF = fileURLToPath(import.meta.url);

/** Parse options as the engine's own calls (rules/models/yaml.ts, rules/models/helm/chart/values-yaml.ts). */
const STREAM = { prettyErrors: false, uniqueKeys: false, strict: false };
const VALUES = { schema: 'yaml-1.1', merge: true, uniqueKeys: false, prettyErrors: false };
/** Kinds the Kubernetes model parses as YAML 1.1 (go-yaml readers); compose is YAML 1.2. */
const YAML_VERSION = { kubernetes: '1.1', compose: '1.2' };

/** Child: parses its share (a job file) and prints { cpuMs, wallMs, files, bytes } on stdout. */
function child(jobFile, parser) {
  const engine = require(join(REPO_ROOT, 'dist', 'engine.js'));
  const YAML = { parseAllDocuments: engine.yamlParseAllDocuments, parseDocument: engine.yamlParseDocument };
  if (!YAML.parseAllDocuments || !engine.parseYamlDocuments) throw new Error('dist/engine.js does not export the YAML parsers: npm run build');
  const parseStream = parser === 'engine' ? engine.parseYamlDocuments : YAML.parseAllDocuments;
  const { DockerfileParser } = require('dockerfile-ast');
  const { parseTree } = require('jsonc-parser');
  const jobs = JSON.parse(readFileSync(jobFile, 'utf8'));
  let bytes = 0;
  let files = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const job of jobs) {
    if (job.chart) {
      for (const { path, parse } of job.inputs) {
        const text = readFileSync(path, 'utf8');
        bytes += text.length;
        files++;
        if (parse) YAML.parseDocument(text.replace(/^\uFEFF/, ''), VALUES);
      }
      for (const text of job.rendered) parseStream(text, { ...STREAM, version: '1.1' });
      continue;
    }
    const text = readFileSync(job.path, 'utf8');
    bytes += text.length;
    files++;
    if (job.kind in YAML_VERSION) parseStream(text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text, { ...STREAM, version: YAML_VERSION[job.kind] });
    else if (job.kind === 'dockerfile') DockerfileParser.parse(text);
    else if (job.kind === 'daemon' || job.kind === 'docker-config') parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  }
  const used = process.cpuUsage(cpu);
  process.stdout.write(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - started, files, bytes }));
}

/** The floor's jobs for a folder: one per plain file of a stridelint kind, one per chart (rendered here, untimed). */
export function floorJobs(folder) {
  const { detectKind, helmRenderer } = require(join(REPO_ROOT, 'dist', 'engine.js'));
  const charts = loadCharts(folder);
  const roots = charts.map((chart) => chart.root);
  const jobs = [];
  for (const path of filesUnder(folder)) {
    if (inChartUnit(path, roots)) continue;
    const text = readFileSync(path, 'utf8');
    const kind = detectKind(path, text);
    if (kind !== undefined) jobs.push({ path, kind, bytes: text.length });
  }
  const render = helmRenderer();
  for (const { root, sources } of charts) {
    const inputs = [...sources.files.keys()]
      .filter((path) => inChartUnit(path, [root]) || !path.startsWith(`${root}/`))
      .filter((path) => /\/templates\/.*\.(?:ya?ml|tpl)$|\/(?:Chart|requirements)\.yaml$|\/values[^/]*\.ya?ml$/.test(path) && !path.endsWith('.tgz'))
      .map((path) => ({ path, parse: !/\/templates\//.test(path) }));
    let rendered = [];
    try {
      rendered = render(sources, root, {}).templates.filter((template) => !template.name.endsWith('/NOTES.txt') && template.output.text.trim() !== '').map((template) => template.output.text);
    } catch {
      // a chart the renderer refuses: its inputs are still read and parsed
    }
    const bytes = inputs.reduce((sum, input) => sum + statSync(input.path).size, 0) + rendered.reduce((sum, text) => sum + text.length, 0);
    jobs.push({ chart: root, inputs, rendered, bytes });
  }
  return jobs;
}

/** Shares balanced by bytes (largest first, each to the lightest share). */
function shares(jobs, count) {
  const out = Array.from({ length: count }, () => ({ bytes: 0, jobs: [] }));
  for (const job of [...jobs].sort((a, b) => b.bytes - a.bytes)) {
    const lightest = out.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    lightest.jobs.push(job);
    lightest.bytes += job.bytes;
  }
  return out.map((share) => share.jobs);
}

function runChild(jobFile, parser) {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, [SELF, '--child', jobFile, parser], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    process_.stdout.on('data', (chunk) => (out += chunk));
    process_.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`floor child exited ${code}`))));
  });
}

/**
 * The floor of a folder's scan, `runs` times: one process doing all of it, then `threads` processes at once,
 * a share each. Returns medians: { plain, charts, rendered, files, one: { cpuMs, wallMs }, many: { cpuMs, wallMs } }.
 * With `parsers` (several), the parsers take turns within each run (order alternated run by run) and the answer is
 * one such result per parser, keyed by parser.
 */
export async function scanFloor(folder, { runs = 1, threads = 2, parser = 'yaml', parsers, log = () => {} } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'sl-bench-floor-'));
  try {
    const jobs = floorJobs(folder);
    const all = join(work, 'all.json');
    writeFileSync(all, JSON.stringify(jobs));
    const parts = shares(jobs, threads).map((share, index) => {
      const file = join(work, `share-${index}.json`);
      writeFileSync(file, JSON.stringify(share));
      return file;
    });
    const charts = jobs.filter((job) => job.chart);
    const arms = parsers ?? [parser];
    const one = Object.fromEntries(arms.map((arm) => [arm, []]));
    const many = Object.fromEntries(arms.map((arm) => [arm, []]));
    for (let run = 0; run < runs; run++) {
      for (const arm of run % 2 === 0 ? arms : [...arms].reverse()) {
        one[arm].push(await runChild(all, arm));
        const results = await Promise.all(parts.map((part) => runChild(part, arm)));
        many[arm].push({ wallMs: Math.max(...results.map((r) => r.wallMs)), cpuMs: results.reduce((sum, r) => sum + r.cpuMs, 0) });
        log(`  scan floor run ${run + 1}/${runs}${arms.length > 1 ? ` (${arm})` : ''}: one thread ${(one[arm].at(-1).cpuMs / 1000).toFixed(2)} s CPU (${(one[arm].at(-1).wallMs / 1000).toFixed(2)} s wall); ${threads} threads: ${(many[arm].at(-1).cpuMs / 1000).toFixed(2)} s CPU, slowest share ${(many[arm].at(-1).wallMs / 1000).toFixed(2)} s wall; load ${load()}`);
      }
    }
    const pick = (list, key) => median(list.map((item) => item[key]));
    const result = (arm) => ({
      parser: arm,
      plain: jobs.length - charts.length,
      charts: charts.length,
      rendered: charts.reduce((sum, job) => sum + job.rendered.length, 0),
      files: one[arm][0].files,
      threads,
      one: { cpuMs: pick(one[arm], 'cpuMs'), wallMs: pick(one[arm], 'wallMs') },
      many: { cpuMs: pick(many[arm], 'cpuMs'), wallMs: pick(many[arm], 'wallMs') },
    });
    return parsers ? Object.fromEntries(arms.map((arm) => [arm, result(arm)])) : result(parser);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The floor's table rows (median figures of scanFloor). */
export function floorRows(floor) {
  const s = (ms) => (ms / 1000).toFixed(2);
  return [
    `| floor of the scan: read + parse only (${floor.parser === 'engine' ? "the engine's YAML parse" : "yaml's parseAllDocuments"}) | files read | CPU s | wall s | CPU / threads s |`,
    '| --- | --- | --- | --- | --- |',
    `| one thread | ${floor.files} | ${s(floor.one.cpuMs)} | ${s(floor.one.wallMs)} | |`,
    `| ${floor.threads} processes at once, a share each (by bytes) | ${floor.files} | ${s(floor.many.cpuMs)} | ${s(floor.many.wallMs)} (slowest share) | ${s(floor.many.cpuMs / floor.threads)} |`,
  ];
}

async function main() {
  const fileCount = numberFlag('--files', 10000);
  const given = flag('--folder');
  const folder = given ?? replicateCorpus(fileCount);
  try {
    const parser = flag('--parser') ?? 'yaml';
    const parsers = parser === 'both' ? ['yaml', 'engine'] : [parser];
    if (!parsers.every((arm) => arm === 'yaml' || arm === 'engine')) throw new Error(`--parser yaml|engine|both, not ${parser}`);
    console.log(`${given ? folder : `${fileCount} files copied from the realworld corpus`}; compose and Kubernetes parsed by ${parsers.map((arm) => (arm === 'engine' ? "the engine's parseYamlDocuments" : "yaml's parseAllDocuments")).join(' and ')}; load ${load()}`);
    const floors = await scanFloor(folder, { runs: numberFlag('--runs', 1), threads: numberFlag('--threads', 2), parsers, log: console.log });
    for (const arm of parsers) {
      const floor = floors[arm];
      console.log(`--parser ${arm}: ${floor.plain} plain files of a stridelint kind, ${floor.charts} Helm charts (${floor.rendered} rendered templates parsed); load ${load()}`);
      for (const row of floorRows(floor)) console.log(row);
    }
  } finally {
    if (!given) rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') child(process.argv[3], process.argv[4]);
else if (process.argv[1] === SELF) await main();
