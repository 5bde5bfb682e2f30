// The CLI as a whole process (issue 17): against the read+parse floor on the same files, warm from --cache,
// and its peak RSS at 1× and 4× the corpus. Inputs are built in a temporary folder (the same-files folder from
// copies, the memory rows' from hard links, copies where links fail); nothing in the corpus is written.
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { CORPUS_DIR, REPO_ROOT, filesUnder, median } from './corpus.mjs';
import { checked, fixed } from './bench-args.mjs';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const STAGE = join(REPO_ROOT, 'scripts', 'bench', 'stage.mjs');

function place(source, target, copy = false) {
  mkdirSync(dirname(target), { recursive: true });
  if (copy) return copyFileSync(source, target);
  try {
    linkSync(source, target);
  } catch {
    copyFileSync(source, target);
  }
}

/** Every folder of the corpus holding a Chart.yaml: the Helm charts, left out of the same-files comparison. */
function chartFolders(files) {
  return files.filter((file) => file.endsWith('/Chart.yaml')).map((file) => `${dirname(file)}/`);
}

/**
 * The non-Helm files the CLI lints, alone in a folder: the corpus without its charts, then without every
 * file the CLI did not lint (found by one CLI run), so the CLI walks exactly the files the floor parses.
 * Copies, not hard links: a link made to a corpus file anywhere else on the machine (another bench) moves the
 * shared inode's ctime, and --cache (which stamps files by ctime) would then never find a file unchanged.
 */
export function sameFiles(folder, timed) {
  const all = filesUnder(CORPUS_DIR);
  const charts = chartFolders(all);
  for (const file of all) if (!charts.some((chart) => file.startsWith(chart))) place(file, join(folder, relative(CORPUS_DIR, file)), true);
  const out = join(folder, '..', 'probe.json');
  const probe = timed([CLI, folder, '--format', 'json', '--output', out]);
  if (probe.status === 2) throw new Error(`the CLI failed:\n${probe.stderr}`);
  // Paths as the CLI shows them: relative to its working folder (this one), or absolute outside it.
  const linted = JSON.parse(readFileSync(out, 'utf8')).files.map((file) => ({ abs: resolve(file.path), kind: file.kind }));
  const keep = new Set(linted.map((file) => file.abs));
  for (const file of filesUnder(folder)) if (!keep.has(file)) rmSync(file);
  if (linted.length === 0) throw new Error('the CLI linted none of the corpus files');
  const list = join(folder, '..', 'files.json');
  writeFileSync(list, JSON.stringify(linted));
  return { list, files: linted.length };
}

/** The corpus `copies` times over in one folder (c1/, c2/, …), for the memory rows; `withCharts` false leaves the Helm charts out. */
export function corpusCopies(folder, copies, withCharts) {
  const all = filesUnder(CORPUS_DIR);
  const charts = withCharts ? [] : chartFolders(all);
  const files = all.filter((file) => !charts.some((chart) => file.startsWith(chart)));
  for (let copy = 1; copy <= copies; copy++) for (const file of files) place(file, join(folder, `c${copy}`, relative(CORPUS_DIR, file)));
}

const fmt = fixed(2);

/** Markdown lines for BENCHMARKS.md. `timed(args)` runs node with args and returns wallMs, rssMiB, status. */
export function cliStages({ log, runs, timed }) {
  const work = mkdtempSync(join(tmpdir(), 'sl-bench-cli-'));
  try {
    const folder = join(work, 'same');
    const { list, files } = sameFiles(folder, timed);
    const output = join(work, 'out.json');
    const cache = join(work, 'bench.cache');
    const cli = (extra = []) => timed([CLI, folder, '--format', 'json', '--output', output, ...extra]);
    const cached = (location = cache) => cli(['--cache', '--cache-location', location]);
    // The cache written, then settled: files copied less than RACY_MS before the first run get their stamps in
    // the second, and the run after that (nothing linted anew) records the whole run, which the warm rows replay.
    checked(cached());
    checked(cached());
    checked(cached());
    // The same folder holding a symbolic link to / (issue 17): the walk must not follow it.
    const withRootLink = () => {
      const link = join(folder, 'rootfs');
      symlinkSync('/', link);
      try {
        return checked(cli());
      } finally {
        unlinkSync(link);
      }
    };
    // A copy of the settled cache under another name: its record is of other arguments (the cache's location is
    // one), so the run uses the per-file entries, as the first run with nothing changed after an edit does.
    const unrecorded = join(work, 'unrecorded', 'bench.cache');
    mkdirSync(dirname(unrecorded));
    const samples = { floor: [], cold: [], warm: [], unrecorded: [], link: [] };
    for (let run = 0; run < runs; run++) {
      // Interleaved, so that a change of the machine's load touches every side alike.
      samples.floor.push(checked(timed([STAGE, 'parse-list', list])));
      samples.cold.push(checked(cli()));
      samples.warm.push(checked(cached()));
      copyFileSync(cache, unrecorded);
      samples.unrecorded.push(checked(cached(unrecorded)));
      samples.link.push(withRootLink());
      // The link came and went: the folder's times moved, so the record no longer holds. Recorded again, untimed.
      checked(cached());
      log(`  cli same files run ${run + 1}/${runs}: floor ${Math.round(samples.floor.at(-1).wallMs)} ms, cli ${Math.round(samples.cold.at(-1).wallMs)} ms, cli --cache warm ${Math.round(samples.warm.at(-1).wallMs)} ms (without its run record ${Math.round(samples.unrecorded.at(-1).wallMs)} ms), cli with a link to / ${Math.round(samples.link.at(-1).wallMs)} ms`);
    }
    const wall = (side) => median(samples[side].map((sample) => sample.wallMs));
    const rss = (side) => median(samples[side].map((sample) => sample.rssMiB));
    const cpu = (side) => median(samples[side].map((sample) => sample.cpuMs));

    rmSync(folder, { recursive: true, force: true });
    // Peak RSS is near-deterministic: one run per input.
    const memory = [];
    for (const withCharts of [false, true]) {
      for (const copies of [1, 4]) {
        const corpus = join(work, `x${copies}`);
        corpusCopies(corpus, copies, withCharts);
        const outcome = timed([CLI, corpus, '--format', 'json', '--output', output]);
        if (outcome.status === 2) throw new Error(`the CLI failed:\n${outcome.stderr}`);
        log(`  cli ${copies}× corpus${withCharts ? '' : ' without charts'}: ${Math.round(outcome.wallMs)} ms, ${Math.round(outcome.rssMiB)} MiB`);
        const report = JSON.parse(readFileSync(output, 'utf8'));
        memory.push({ label: `${copies}× corpus, ${withCharts ? 'Helm charts included' : 'without its Helm charts'}`, files: report.files.length, findings: report.findings.length, wallMs: outcome.wallMs, rssMiB: outcome.rssMiB });
        rmSync(corpus, { recursive: true, force: true });
      }
    }
    return [
      '### CLI whole process against the floor, same files (issue 17)',
      '',
      `The same ${files} files on both sides: every file of \`../shared/corpus/realworld\` outside its Helm charts (folders with a Chart.yaml) that the CLI lints, alone in a temporary folder (the rest removed, so the CLI walks only them). Floor: one process, one thread, that reads each file and parses it with the parser its kind needs (yaml, dockerfile-ast, jsonc-parser; a plain read for kinds without one), taking the file list as given. CLI: \`stridelint <folder> --format json --output FILE\` (walk, configuration, detection, all rules, fingerprints, JSON written), with its default lint workers (from 200 files, one per core besides its main thread, at most 3; the floor runs in one thread). Runs interleaved, medians of ${runs}.`,
      '',
      '| process | wall s | × floor | peak RSS MiB |',
      '| --- | --- | --- | --- |',
      `| floor: read + parse | ${fmt(wall('floor') / 1000)} | 1.00× | ${fmt(rss('floor'), 0)} |`,
      `| stridelint CLI | ${fmt(wall('cold') / 1000)} | ${fmt(wall('cold') / wall('floor'))}× | ${fmt(rss('cold'), 0)} |`,
      `| stridelint CLI --cache, nothing changed (the run replayed from its record) | ${fmt(wall('warm') / 1000)} | ${fmt(wall('warm') / wall('floor'))}× | ${fmt(rss('warm'), 0)} |`,
      `| stridelint CLI --cache, nothing changed, no record of the run yet (each file's entry; the run recorded) | ${fmt(wall('unrecorded') / 1000)} | ${fmt(wall('unrecorded') / wall('floor'))}× | ${fmt(rss('unrecorded'), 0)} |`,
      `| stridelint CLI, the folder holding a symbolic link to / | ${fmt(wall('link') / 1000)} | ${fmt(wall('link') / wall('floor'))}× | ${fmt(rss('link'), 0)} |`,
      '',
      `Targets: CLI ≤ 1.2× the floor; warm from the cache ≤ 0.2×; with a link to / as without it (here ${fmt(wall('link') / wall('cold'))}× the time without). CPU time (user + system, medians): floor ${fmt(cpu('floor') / 1000)} s, CLI ${fmt(cpu('cold') / 1000)} s (${fmt(cpu('cold') / cpu('floor'))}×), warm ${fmt(cpu('warm') / 1000)} s (${fmt(cpu('warm') / cpu('floor'))}×), without its record ${fmt(cpu('unrecorded') / 1000)} s (${fmt(cpu('unrecorded') / cpu('floor'))}×). A run with nothing changed replays the last run's record when it has the same arguments and every path it read keeps its stamp; a run that linted nothing anew records itself (so the first run after an edit, or after the files' times moved, goes through each file's entry and writes the record).`,
      '',
      '### CLI peak memory, 1× and 4× the corpus (issue 17)',
      '',
      'The corpus once and four times over in one folder (hard-linked copies c1/…c4/), without and with its Helm charts, each linted by one CLI process writing JSON to a file (one run each). Findings are written as files finish (JSON spools its sections to a temporary file). With the charts, a chart’s workspace dependency is the nearest chart of that name (`WorkspaceCharts.dependencyRoots`): each copy’s charts read their own copy’s dependencies (before 2026-12-02’s fix, every copy’s: 12 folders instead of 3 for airflow).',
      '',
      '| input | files | findings | wall s | peak RSS MiB |',
      '| --- | --- | --- | --- | --- |',
      ...memory.map((row) => `| ${row.label} | ${row.files} | ${row.findings} | ${fmt(row.wallMs / 1000)} | ${fmt(row.rssMiB, 0)} |`),
      '',
      `Peak RSS at 4× / at 1× (target ≤ 1.3×): **${fmt(memory[1].rssMiB / memory[0].rssMiB)}×** without the charts, ${fmt(memory[3].rssMiB / memory[2].rssMiB)}× with them.`,
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
