// Before/after of the CLI's warm --cache run (issue 17: ≤ 0.2× the read+parse floor), in one run on the same input:
//   node scripts/bench/cli-cache-ab.mjs --baseline <folder holding dist/> [--runs N] [--keep FOLDER] [--baseline-first]
// The same files as `npm run bench -- --only cli` (the realworld corpus without its Helm charts, only the files
// the CLI lints; copied, so that no other bench's hard link moves their ctime). Each CLI gets its own cache file,
// written by one cold --cache run and a second run (files stamped while racily new are stamped then); then,
// interleaved: the floor, then the two warm runs, the baseline's first in odd rounds, this checkout's first in even
// ones (`--baseline-first`: always the baseline first, as before). Checks that both warm outputs equal
// an uncached run's of the same CLI. Prints a markdown table with wall and CPU seconds and the load average.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT, median } from './corpus.mjs';
import { sameFiles } from './cli-stages.mjs';
import { timed } from './timed.mjs';
import { checked, fixed, flag, has, load } from './bench-args.mjs';

const baselineRoot = flag('--baseline');
if (!baselineRoot) throw new Error('usage: node scripts/bench/cli-cache-ab.mjs --baseline <folder holding dist/> [--runs N]');
const runs = Number(flag('--runs') ?? 5);
const CLIS = { before: join(resolve(baselineRoot), 'dist', 'cli.js'), after: join(REPO_ROOT, 'dist', 'cli.js') };
const STAGE = join(REPO_ROOT, 'scripts', 'bench', 'stage.mjs');
const fmt = fixed(2);

const work = mkdtempSync(join(tmpdir(), 'sl-bench-cache-'));
try {
  const loadStart = load();
  const folder = join(work, 'same');
  const { list, files } = sameFiles(folder, timed);
  const outputOf = (side, warm) => join(work, `${side}${warm ? '-warm' : ''}.json`);
  const run = (side, warm) => checked(timed([CLIS[side], folder, '--format', 'json', '--output', outputOf(side, warm), ...(warm ? ['--cache', '--cache-location', join(work, `${side}.cache`)] : [])]), { quiet: true });
  for (const side of ['before', 'after']) {
    run(side, false);
    run(side, true);
    run(side, true);
  }
  const samples = { floor: [], before: [], after: [] };
  for (let index = 0; index < runs; index++) {
    samples.floor.push(checked(timed([STAGE, 'parse-list', list]), { quiet: true }));
    // The order alternates round by round (the first build of a round was favoured by 6-14 %); --baseline-first keeps the old order.
    for (const side of index % 2 === 0 || has('--baseline-first') ? ['before', 'after'] : ['after', 'before']) samples[side].push(run(side, true));
    process.stderr.write(`  run ${index + 1}/${runs}: floor ${Math.round(samples.floor.at(-1).wallMs)} ms, before ${Math.round(samples.before.at(-1).wallMs)} ms, after ${Math.round(samples.after.at(-1).wallMs)} ms\n`);
  }
  const same = (side) => readFileSync(outputOf(side, false), 'utf8') === readFileSync(outputOf(side, true), 'utf8');
  const wall = (side) => median(samples[side].map((sample) => sample.wallMs)) / 1000;
  const cpu = (side) => median(samples[side].map((sample) => sample.cpuMs)) / 1000;
  const rss = (side) => median(samples[side].map((sample) => sample.rssMiB));
  console.log(`CLI --cache, nothing changed: ${files} files (realworld corpus without its Helm charts, copied), medians of ${runs} interleaved runs. Load average ${loadStart} before, ${load()} after.`);
  console.log('');
  console.log('| process | wall s | × floor (wall) | CPU s | × floor (CPU) | peak RSS MiB | warm output = uncached output |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  console.log(`| floor: read + parse | ${fmt(wall('floor'))} | 1.00× | ${fmt(cpu('floor'))} | 1.00× | ${fmt(rss('floor'), 0)} | |`);
  for (const side of ['before', 'after']) {
    console.log(`| ${side === 'before' ? `baseline (${baselineRoot})` : 'this checkout'} --cache warm | ${fmt(wall(side))} | ${fmt(wall(side) / wall('floor'))}× | ${fmt(cpu(side))} | ${fmt(cpu(side) / cpu('floor'))}× | ${fmt(rss(side), 0)} | ${same(side) ? 'yes' : 'NO'} |`);
  }
} finally {
  if (!has('--keep')) rmSync(work, { recursive: true, force: true });
  else process.stderr.write(`kept ${work}\n`);
}
