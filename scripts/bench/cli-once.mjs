// Before/after of the CLI's one parse per file (issue 17), in one run on the same input:
//   node scripts/bench/cli-once.mjs --baseline <folder holding dist/> [--runs N] [--one-thread]
// --one-thread adds this checkout's CLI with --workers 0 (its default lints in workers from 200 files).
// The same files as `npm run bench -- --only cli` (the realworld corpus without its Helm charts, only the files
// the CLI lints): the read+parse floor (yaml's parseAllDocuments, as the bench's row), the same floor with the
// engine's own YAML parse (lower: the CLI parses that way), the baseline's CLI and this checkout's CLI, interleaved;
// then peak RSS of both CLIs at 1× and 4× that corpus. Prints a markdown table with wall and CPU seconds and the load average.
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO_ROOT, median } from './corpus.mjs';
import { sameFiles } from './cli-stages.mjs';
import { timed } from './timed.mjs';
import { checked, fixed, flag, has, load } from './bench-args.mjs';

const baselineRoot = flag('--baseline');
if (!baselineRoot) throw new Error('usage: node scripts/bench/cli-once.mjs --baseline <folder holding dist/> [--runs N]');
const runs = Number(flag('--runs') ?? 3);
const oneThread = has('--one-thread');
const CLIS = { before: join(resolve(baselineRoot), 'dist', 'cli.js'), after: join(REPO_ROOT, 'dist', 'cli.js') };
const STAGE = join(REPO_ROOT, 'scripts', 'bench', 'stage.mjs');
const fmt = fixed(2);

/** `folder` copied `copies` times (hard links) into c1/…: the memory rows' input. */
function copiesOf(folder, copies, into) {
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
  const files = walk(folder);
  for (let copy = 1; copy <= copies; copy++) {
    for (const file of files) {
      const target = join(into, `c${copy}`, relative(folder, file));
      mkdirSync(dirname(target), { recursive: true });
      try {
        linkSync(file, target);
      } catch {
        copyFileSync(file, target);
      }
    }
  }
}

const work = mkdtempSync(join(tmpdir(), 'sl-bench-once-'));
try {
  const loadStart = load();
  const folder = join(work, 'same');
  const { list, files } = sameFiles(folder, timed);
  const output = join(work, 'out.json');
  const samples = { floor: [], engineFloor: [], before: [], after: [], single: [] };
  const sides = oneThread ? ['before', 'after', 'single'] : ['before', 'after'];
  for (let run = 0; run < runs; run++) {
    samples.floor.push(checked(timed([STAGE, 'parse-list', list])));
    samples.engineFloor.push(checked(timed([STAGE, 'parse-list', list, 'engine'])));
    for (const side of sides) samples[side].push(checked(timed([CLIS[side === 'single' ? 'after' : side], folder, '--format', 'json', '--output', output, ...(side === 'single' ? ['--workers', '0'] : [])])));
    process.stderr.write(`  run ${run + 1}/${runs}: floor ${Math.round(samples.floor.at(-1).wallMs)} ms, engine-parse floor ${Math.round(samples.engineFloor.at(-1).wallMs)} ms, ${sides.map((side) => `${side} ${Math.round(samples[side].at(-1).wallMs)} ms`).join(', ')}\n`);
  }
  const wall = (side) => median(samples[side].map((sample) => sample.wallMs)) / 1000;
  const cpu = (side) => median(samples[side].map((sample) => sample.cpuMs)) / 1000;
  const rss = (side) => median(samples[side].map((sample) => sample.rssMiB));
  const memory = {};
  for (const copies of [1, 4]) {
    const input = join(work, `x${copies}`);
    copiesOf(folder, copies, input);
    for (const side of ['before', 'after']) memory[`${side}${copies}`] = checked(timed([CLIS[side], input, '--format', 'json', '--output', output])).rssMiB;
    rmSync(input, { recursive: true, force: true });
  }
  const row = (label, side) =>
    `| ${label} | ${fmt(wall(side))} | ${fmt(wall(side) / wall('floor'))}× | ${fmt(wall(side) / wall('engineFloor'))}× | ${fmt(cpu(side))} | ${fmt(cpu(side) / cpu('floor'))}× | ${fmt(cpu(side) / cpu('engineFloor'))}× | ${fmt(rss(side), 0)} |`;
  process.stdout.write(
    [
      `${files} files (the realworld corpus without its Helm charts, as \`npm run bench -- --only cli\`), medians of ${runs} interleaved runs; load average ${loadStart} at the start, ${load()} at the end.`,
      '',
      "| process | wall s | × floor (yaml's parse) | × floor (engine's parse) | CPU s | × floor CPU (yaml's) | × floor CPU (engine's) | peak RSS MiB |",
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      row("floor: read + parse (yaml's parseAllDocuments)", 'floor'),
      row("floor: read + parse (the engine's parseYamlDocuments)", 'engineFloor'),
      row(`CLI before (${baselineRoot})`, 'before'),
      row('CLI after (this checkout)', 'after'),
      ...(oneThread ? [row('CLI after, --workers 0', 'single')] : []),
      '',
      `Peak RSS at 1× / 4× those files: before ${fmt(memory.before1, 0)} / ${fmt(memory.before4, 0)} MiB (${fmt(memory.before4 / memory.before1)}×), after ${fmt(memory.after1, 0)} / ${fmt(memory.after4, 0)} MiB (${fmt(memory.after4 / memory.after1)}×).`,
      '',
    ].join('\n'),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
