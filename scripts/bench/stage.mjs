// One benchmark stage, run in its own process: `node scripts/bench/stage.mjs <stage> [--quick]`.
// Prints one JSON line: files, bytes, the in-process loop time, per-file times (ms) and peak RSS (MiB).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LINTED_KINDS, REPO_ROOT, CORPUS_DIR, loadCorpus, summarise } from './corpus.mjs';

const require = createRequire(import.meta.url);
const [stage] = process.argv.slice(2);
const quick = process.argv.includes('--quick');
// parse-list brings its own files: it does not pay for reading the corpus index.
const corpus = stage === 'parse-list' ? [] : loadCorpus({ quick }).filter((file) => LINTED_KINDS.has(file.kind));

/** The engine bundle the Helm stages load: this checkout's, or another build's (`BENCH_ENGINE`, for before/after runs). */
const HELM_ENGINE = process.env.BENCH_ENGINE ?? join(REPO_ROOT, 'dist', 'engine.js');

/** CPU milliseconds (user + system, all threads: garbage collection included) since `start` (a process.cpuUsage()). */
function cpuMsSince(start) {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const isYaml = (file) => file.kind === 'compose' || file.kind === 'kubernetes' || file.kind === 'helm-template';

/** The parse floor of one file: the parser its kind needs, nothing else. */
function parseFloorFile(file, text) {
  if (isYaml(file)) require('yaml').parseAllDocuments(text);
  else if (file.kind === 'dockerfile') require('dockerfile-ast').DockerfileParser.parse(text);
  else require('jsonc-parser').parseTree(text, [], { disallowComments: true });
}

/** The engine's YAML parse as a `parseAllDocuments`: compose is YAML 1.2, Kubernetes 1.1 (as rules/models/yaml.ts). */
function engineYaml() {
  const { parseYamlDocuments } = require(join(REPO_ROOT, 'dist', 'engine.js'));
  const options = { prettyErrors: false, uniqueKeys: false, strict: false };
  return { parseAllDocuments: (text, kind) => parseYamlDocuments(text, { ...options, version: kind === 'kubernetes' ? '1.1' : '1.2' }) };
}

/** Runs `work` on each selected file (text already read) and records per-file milliseconds. */
async function measure(select, work) {
  // Only the files stridelint recognises (a `_helpers.tpl` of a chart is not one): the floor and the
  // engine always see the same set.
  const { detectKind } = require(join(REPO_ROOT, 'dist', 'engine.js'));
  const candidates = corpus.filter(select);
  const candidateTexts = candidates.map((file) => readFileSync(file.abs, 'utf8'));
  const keep = candidates.map((file, index) => detectKind(file.abs, candidateTexts[index]) !== undefined);
  const files = candidates.filter((_, index) => keep[index]);
  const texts = candidateTexts.filter((_, index) => keep[index]);
  const times = [];
  const perFile = [];
  const started = performance.now();
  for (let i = 0; i < files.length; i++) {
    const t0 = performance.now();
    await work(files[i], texts[i]);
    const elapsed = performance.now() - t0;
    times.push(elapsed);
    perFile.push([files[i].path, elapsed]);
  }
  const loopMs = performance.now() - started;
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  return { files: files.length, bytes, loopMs, perFileMs: summarise(times), slowest: perFile.sort((a, b) => b[1] - a[1]).slice(0, 3), times: Object.fromEntries(perFile) };
}

const stages = {
  // Reading alone (text already read is re-read here, so this is the read floor).
  async read() {
    const files = corpus;
    const times = [];
    let bytes = 0;
    const started = performance.now();
    for (const file of files) {
      const t0 = performance.now();
      bytes += Buffer.byteLength(readFileSync(file.abs, 'utf8'));
      times.push(performance.now() - t0);
    }
    return { files: files.length, bytes, loopMs: performance.now() - started, perFileMs: summarise(times) };
  },
  // The parse floor: the parser each kind needs, nothing else.
  async parse() {
    return measure(() => true, parseFloorFile);
  },
  // The floor with Helm charts counted as the CLI reads them: the files linted on their own (the parse floor's
  // files outside chart units) read and parsed, then each chart's floor (see 'floor-charts'; `data` as the next
  // argument: the templates read, not parsed). No stack traces are captured for the parsers' errors here (the
  // engine does not capture them either; templates make the YAML parser raise thousands).
  async 'floor-with-charts'() {
    Error.stackTraceLimit = 0;
    const { loadCharts, chartFolders, inChartUnit, chartFloor } = await import('./helm-charts.mjs');
    const templates = process.argv[3] !== 'data';
    const roots = chartFolders(CORPUS_DIR);
    const single = await measure((file) => !inChartUnit(file.abs, roots), parseFloorFile);
    const YAML = require('yaml');
    const charts = loadCharts(CORPUS_DIR, { quick, contents: false });
    let bytes = 0;
    const started = performance.now();
    for (const { sources } of charts) bytes += chartFloor([...sources.files.keys()], (text) => YAML.parseAllDocuments(text), { templates });
    const chartsMs = performance.now() - started;
    return { files: single.files, charts: charts.length, bytes: single.bytes + bytes, loopMs: single.loopMs + chartsMs, singleMs: single.loopMs, chartsMs, perFileMs: single.perFileMs };
  },
  // The floor for a given list of files (`parse-list <files.json> [engine]`: [{ abs, kind }], kinds as the CLI
  // named them): each read and parsed with its kind's parser, or only read for kinds without one. Compose and
  // Kubernetes with yaml's parseAllDocuments, or with `engine` the engine's own YAML parse (parseYamlDocuments of
  // dist/engine.js, the options rules/models/yaml.ts passes: it is faster than yaml's, so a lower floor).
  async 'parse-list'() {
    const YAML = process.argv[4] === 'engine' ? engineYaml() : require('yaml');
    const { DockerfileParser } = require('dockerfile-ast');
    const { parseTree } = require('jsonc-parser');
    const files = JSON.parse(readFileSync(process.argv[3], 'utf8'));
    const times = [];
    let bytes = 0;
    const started = performance.now();
    for (const file of files) {
      const t0 = performance.now();
      const text = readFileSync(file.abs, 'utf8');
      bytes += text.length;
      if (file.kind === 'compose' || file.kind === 'kubernetes') YAML.parseAllDocuments(text, file.kind);
      else if (file.kind === 'dockerfile') DockerfileParser.parse(text);
      else if (file.kind === 'daemon' || file.kind === 'docker-config') parseTree(text, [], { disallowComments: true });
      times.push(performance.now() - t0);
    }
    return { files: files.length, bytes, loopMs: performance.now() - started, perFileMs: summarise(times) };
  },
  // stridelint's engine alone, per file (the bundle that the CLI and the server use).
  async engine() {
    const { lintFile } = require(join(REPO_ROOT, 'dist', 'engine.js'));
    return measure(() => true, (file, text) => lintFile(text, file.abs));
  },
  // Peer: dockerfile-utils validate() (what the Docker extension's language server runs) on the Dockerfiles.
  async 'peer-dockerfile-utils'() {
    const { validate } = require('dockerfile-utils');
    return measure((file) => file.kind === 'dockerfile', (file, text) => validate(text));
  },
  // stridelint on the same Dockerfiles, for the paired ratio.
  async 'engine-dockerfile'() {
    const { lintFile } = require(join(REPO_ROOT, 'dist', 'engine.js'));
    return measure((file) => file.kind === 'dockerfile', (file, text) => lintFile(text, file.abs));
  },
  // Peer: yaml-language-server doValidation on compose and Kubernetes files, schemas served locally.
  async 'peer-yaml-language-server'() {
    const { getLanguageService } = require('yaml-language-server');
    const { TextDocument } = require('vscode-languageserver-textdocument');
    const composeSchemaUri = pathToFileURL(join(CORPUS_DIR, '..', '..', 'schemas', 'compose-spec.json')).href;
    const service = getLanguageService({
      schemaRequestService: async (uri) => {
        if (uri === composeSchemaUri) return readFileSync(new URL(uri), 'utf8');
        throw new Error(`no network: ${uri}`);
      },
      workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).toString() },
    });
    service.configure({ validate: true, hover: false, completion: false, format: false, isKubernetes: true, schemas: [{ uri: composeSchemaUri, fileMatch: ['*compose*.y*ml'] }] });
    let version = 0;
    return measure((file) => file.kind === 'compose' || file.kind === 'kubernetes', async (file, text) => {
      const document = TextDocument.create(pathToFileURL(file.abs).href, 'yaml', ++version, text);
      await service.doValidation(document, file.kind === 'kubernetes');
    });
  },
  // Helm: each corpus chart rendered and linted as one unit (lintChart with the renderer and a parse cache
  // shared across charts, as the CLI runs them), in corpus order: the first pass is the CLI's case (each chart
  // rendered once; the first chart also pays the renderer's code warm-up), the second pass renders the same
  // charts again with their parses cached (the language server's re-render).
  async helm() {
    const { loadCharts } = await import('./helm-charts.mjs');
    const { lintChart, helmRenderer } = require(HELM_ENGINE);
    const charts = loadCharts(CORPUS_DIR, { quick });
    const render = helmRenderer();
    let templates = 0;
    let bytes = 0;
    for (const { sources } of charts) for (const data of sources.files.values()) bytes += data.length;
    const pass = () => {
      const perChart = [];
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      templates = 0;
      const perChartCpu = [];
      for (const { root, sources } of charts) {
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        const result = lintChart(sources, root, { render });
        perChart.push([root.slice(CORPUS_DIR.length + 1), performance.now() - t0]);
        perChartCpu.push([root.slice(CORPUS_DIR.length + 1), cpuMsSince(cpu0)]);
        templates += result.templates.length;
      }
      return { loopMs: performance.now() - started, cpuMs: cpuMsSince(cpuStarted), perChart, perChartCpu };
    };
    const first = pass();
    const warm = pass();
    const describe = ({ loopMs, cpuMs, perChart, perChartCpu }) => ({
      loopMs,
      cpuMs,
      perFileMs: summarise(perChart.map(([, ms]) => ms)),
      perFileCpuMs: summarise(perChartCpu.map(([, ms]) => ms)),
      slowest: [...perChart].sort((a, b) => b[1] - a[1]).slice(0, 3),
      times: Object.fromEntries(perChart),
      cpuTimes: Object.fromEntries(perChartCpu),
    });
    return { files: charts.length, templates, bytes, ...describe(first), warm: describe(warm) };
  },
  // The floor of each chart: its source set as the CLI builds it (the chart's files and those of the workspace
  // charts it depends on) read from disk and the renderer's input YAML-parsed (see chartFloor), templates
  // included (`times`) and without them (`dataTimes`: Chart.yaml and values files only). Per chart, in the helm
  // stage's order; no stack traces captured, as in 'floor-with-charts'.
  async 'floor-charts'() {
    Error.stackTraceLimit = 0;
    const { loadCharts, chartFloor } = await import('./helm-charts.mjs');
    const YAML = require('yaml');
    const charts = loadCharts(CORPUS_DIR, { quick, contents: false });
    const parse = (text) => YAML.parseAllDocuments(text);
    const perChart = [];
    const dataTimes = {};
    let bytes = 0;
    const started = performance.now();
    for (const { root, sources } of charts) {
      const paths = [...sources.files.keys()];
      const name = root.slice(CORPUS_DIR.length + 1);
      let t0 = performance.now();
      bytes += chartFloor(paths, parse);
      perChart.push([name, performance.now() - t0]);
      t0 = performance.now();
      chartFloor(paths, parse, { templates: false });
      dataTimes[name] = performance.now() - t0;
    }
    return { files: charts.length, bytes, loopMs: performance.now() - started, perFileMs: summarise(perChart.map(([, ms]) => ms)), dataMs: summarise(Object.values(dataTimes)), slowest: [...perChart].sort((a, b) => b[1] - a[1]).slice(0, 3), times: Object.fromEntries(perChart), dataTimes };
  },
  // One chart rendered and linted in a fresh process (`stage.mjs helm-cold <chart path in the corpus>`): the
  // cold case, code and caches empty.
  async 'helm-cold'() {
    const { loadCharts } = await import('./helm-charts.mjs');
    const { lintChart, helmRenderer } = require(HELM_ENGINE);
    const wanted = process.argv[3];
    const charts = loadCharts(CORPUS_DIR, { only: wanted });
    if (charts.length !== 1) throw new Error(`no chart ${wanted} in the corpus`);
    const [{ root, sources }] = charts;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    lintChart(sources, root, { render: helmRenderer() });
    const elapsed = performance.now() - t0;
    return { files: 1, loopMs: elapsed, cpuMs: cpuMsSince(cpu0), perFileMs: summarise([elapsed]), times: { [wanted]: elapsed } };
  },
  async 'engine-yaml'() {
    const { lintFile } = require(join(REPO_ROOT, 'dist', 'engine.js'));
    return measure((file) => file.kind === 'compose' || file.kind === 'kubernetes', (file, text) => lintFile(text, file.abs));
  },
};

if (!stages[stage]) {
  process.stderr.write(`unknown stage "${stage}"; stages: ${Object.keys(stages).join(', ')}\n`);
  process.exit(2);
}
const result = await stages[stage]();
result.stage = stage;
result.rssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
