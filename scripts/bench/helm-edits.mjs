// The Helm edit stage (issue 14): airflow, the largest corpus chart, opened in the language server (its
// templates and values.yaml), then edits timed from `didChange` to the last `publishDiagnostics` they cause:
// (a) a values toggle one template reads (web.containerSecurityContext.runAsNonRoot), (b) a line added to and
// removed from one template, (c) the text of a define of _helpers.tpl that 10 templates include changed and back. `--baseline
// <server.js>` runs another build's server (e.g. the main checkout's) on the same edits in the same run. The
// engine figure: lintChart in-process on the same texts, incremental (the server's renderer and lint cache)
// and full.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { join } from 'node:path';
import { CORPUS_DIR, REPO_ROOT, summarise } from './corpus.mjs';
import { loadCharts } from './helm-charts.mjs';
import { startServer, uriOf } from './lsp-client.mjs';
import { fixed, flag, load } from './bench-args.mjs';

const require = createRequire(import.meta.url);
const CHART = 'bitnami__charts/bitnami/airflow';
/** A file's diagnostics are all in once no publication arrived for this long after the edited file's own. */
const QUIET_MS = 300;
const fmt = fixed(1);
const settings = (section) => (section === 'stridelint' ? {} : section === 'files.exclude' ? {} : null);

/** The three edits, each a pair that toggles: [file, edit to apply, edit that undoes it] as LSP changes. */
function editCases(root) {
  const values = `${root}/values.yaml`;
  const valuesText = readFileSync(values, 'utf8');
  const webAt = valuesText.indexOf('\nweb:\n');
  const nonRoot = valuesText.indexOf('runAsNonRoot: true', valuesText.indexOf('containerSecurityContext:', webAt));
  const position = (text, offset) => ({ line: text.slice(0, offset).split('\n').length - 1, character: offset - text.lastIndexOf('\n', offset - 1) - 1 });
  const at = position(valuesText, nonRoot + 'runAsNonRoot: '.length);
  const lines = valuesText.split('\n');
  const commentLine = lines.slice(0, at.line).findLastIndex((text) => text.trim().startsWith('#'));
  const range = (start, length) => ({ start, end: { line: start.line, character: start.character + length } });
  const helpers = `${root}/templates/_helpers.tpl`;
  const helpersText = readFileSync(helpers, 'utf8');
  const web = position(helpersText, helpersText.indexOf('-web"', helpersText.indexOf('{{- define "airflow.web.fullname"')) + '-web'.length);
  const template = `${root}/templates/web/deployment.yaml`;
  const line = '# edited\n';
  return [
    { label: '(a) values.yaml: web.containerSecurityContext.runAsNonRoot toggled', path: values, apply: { range: range(at, 4), text: 'false' }, undo: { range: range(at, 5), text: 'true' } },
    { label: '(b) templates/web/deployment.yaml: a line added, removed', path: template, apply: { range: range({ line: 0, character: 0 }, 0), text: line }, undo: { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' } },
    { label: '(c) _helpers.tpl: the define airflow.web.fullname (10 templates include it) writes `-webx`, then `-web`', path: helpers, apply: { range: range(web, 0), text: 'x' }, undo: { range: range(web, 1), text: '' } },
    // Typing: every edit gives a text not seen before, so values.yaml is parsed again each time (a toggle's two texts stay cached).
    { label: '(d) values.yaml: typing at the end of the comment line nearest above `web.containerSecurityContext.runAsNonRoot`, one character per edit', path: values, change: (i) => ({ range: range({ line: commentLine, character: lines[commentLine].length + i }, 0), text: 'x' }) },
  ];
}

/** The LSP change of the `i`-th edit of a case: a toggle's apply and undo in turn, or a typing case's next keystroke. */
const changeOf = (edit, i) => (edit.change ? edit.change(i) : i % 2 === 0 ? edit.apply : edit.undo);

/** One server: opens the chart's templates and values.yaml, then times each case's edits. */
async function serverRun(serverPath, root, cases, edits) {
  const files = loadCharts(CORPUS_DIR, { only: CHART })[0].sources.files;
  const opened = [...files.keys()].filter((path) => path.startsWith(`${root}/templates/`) || path === `${root}/values.yaml`);
  let last = 0;
  let published = new Set();
  const server = await startServer({
    args: [serverPath, '--stdio'],
    rootPath: join(root, '..'),
    initializationOptions: { scanOnStartup: false },
    configuration: settings,
    onPublish: (params, now) => {
      last = now;
      published.add(params.uri);
    },
  });
  await server.initialized();
  const versions = new Map();
  const quiet = () =>
    new Promise((resolve) => {
      const check = () => (performance.now() - last >= QUIET_MS ? resolve() : setTimeout(check, QUIET_MS / 4));
      setTimeout(check, QUIET_MS);
    });
  try {
    for (const path of opened) {
      versions.set(path, 1);
      await server.open(uriOf(path), path.endsWith('.tpl') ? 'helm' : 'yaml', files.get(path), 1);
    }
    await server.waitForDiagnostics((p) => p.uri === uriOf(opened.at(-1)), 300000);
    await quiet();
    const rows = [];
    for (const edit of cases) {
      const times = [];
      const counts = [];
      for (let i = 0; i < edits; i++) {
        const uri = uriOf(edit.path);
        const version = versions.get(edit.path) + 1;
        versions.set(edit.path, version);
        published = new Set();
        const own = server.waitForDiagnostics((p) => p.uri === uri && p.version === version, 120000);
        const t0 = performance.now();
        await server.change(uri, version, [changeOf(edit, i)]);
        await own;
        await quiet();
        times.push(last - t0);
        counts.push(published.size);
      }
      // The first edit of each kind runs the incremental path's code for the first time (JIT warm-up): shown apart.
      rows.push({ label: edit.label, ...summarise(times), first: times[0], rest: summarise(times.slice(1)), files: summarise(counts).p50 });
    }
    return rows;
  } finally {
    await server.stop();
  }
}

/** The engine alone: lintChart on the same texts, incremental and full, CPU and wall time per edit. */
function engineRun(root, cases, edits) {
  const engine = require(join(REPO_ROOT, 'dist', 'engine.js'));
  const files = new Map(loadCharts(CORPUS_DIR, { only: CHART })[0].sources.files);
  const apply = (text, change) => {
    const offset = (position) => text.split('\n').slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
    return text.slice(0, offset(change.range.start)) + change.text + text.slice(offset(change.range.end));
  };
  const variants = { incremental: { render: engine.incrementalHelmRenderer(), lintCache: new engine.TemplateLintCache() }, full: { render: engine.helmRenderer() } };
  const lint = (variant) => engine.lintChart({ files }, root, variants[variant]);
  for (const variant of Object.keys(variants)) for (let i = 0; i < 3; i++) lint(variant); // warm, as a running server is
  const rows = [];
  for (const edit of cases) {
    const samples = { incremental: { wall: [], cpu: [] }, full: { wall: [], cpu: [] } };
    for (let i = 0; i < edits; i++) {
      files.set(edit.path, apply(files.get(edit.path), changeOf(edit, i)));
      for (const variant of ['incremental', 'full']) {
        const cpu = process.cpuUsage();
        const t0 = performance.now();
        lint(variant);
        samples[variant].wall.push(performance.now() - t0);
        const used = process.cpuUsage(cpu);
        samples[variant].cpu.push((used.user + used.system) / 1000);
      }
    }
    rows.push({ label: edit.label, incremental: { wall: summarise(samples.incremental.wall), cpu: summarise(samples.incremental.cpu) }, full: { wall: summarise(samples.full.wall), cpu: summarise(samples.full.cpu) } });
  }
  return rows;
}

export async function helmEditStage({ log, edits = 20, baseline }) {
  const root = join(CORPUS_DIR, CHART);
  const cases = editCases(root);
  const loadStart = load(1);
  const servers = [['this build', join(REPO_ROOT, 'dist', 'server.js')], ...(baseline ? [['baseline', baseline]] : [])];
  const results = [];
  for (const [name, path] of servers) {
    log(`  helm edits: ${name} (${path})`);
    results.push({ name, path, rows: await serverRun(path, root, cases, edits) });
  }
  log('  helm edits: engine in-process');
  const engineRows = engineRun(root, cases, edits);
  const loadEnd = load(1);
  return [
    '### Helm: an edit in the largest chart → its diagnostics (language server over stdio)',
    '',
    `\`bitnami/airflow\` (its templates and values.yaml open, redis, postgresql and common beside it), ${edits} edits per case, each toggling the previous one ((d): each adding one more character); timed from sending \`didChange\` to the last \`publishDiagnostics\` it caused (the edited file's own version first, then every other file published until ${QUIET_MS} ms pass without one). Load average ${loadStart} at the start, ${loadEnd} at the end.`,
    '',
    '| server | edit | p50 ms | p99 ms | max ms | first edit ms | p99 ms without the first | files published (p50) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.flatMap(({ name, path, rows }) => rows.map((row) => `| ${name} (\`${path.replace(REPO_ROOT, '.')}\`) | ${row.label} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${fmt(row.max)} | ${fmt(row.first)} | ${fmt(row.rest.p99)} | ${row.files} |`)),
    '',
    'Engine alone (`lintChart` in-process on the same texts after 3 warm-up lints: incremental = the server\'s renderer and lint cache; full = a full render and lint, template parses cached):',
    '',
    '| edit | incremental p50 ms (CPU ms) | p99 ms (CPU ms) | full p50 ms (CPU ms) | p99 ms (CPU ms) |',
    '| --- | --- | --- | --- | --- |',
    ...engineRows.map((row) => `| ${row.label} | ${fmt(row.incremental.wall.p50)} (${fmt(row.incremental.cpu.p50)}) | ${fmt(row.incremental.wall.p99)} (${fmt(row.incremental.cpu.p99)}) | ${fmt(row.full.wall.p50)} (${fmt(row.full.cpu.p50)}) | ${fmt(row.full.wall.p99)} (${fmt(row.full.cpu.p99)}) |`),
  ];
}

// `node scripts/bench/helm-edits.mjs [--edits N] [--baseline path/to/server.js]`: this stage alone, as Markdown.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const section = await helmEditStage({ log: (text) => process.stderr.write(`${text}\n`), edits: Number(flag('--edits') ?? 20), baseline: flag('--baseline') });
  process.stdout.write(`${section.join('\n')}\n`);
}
