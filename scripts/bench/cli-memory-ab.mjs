// The CLI's peak RSS at 1× and 4× the corpus (issue 17), a baseline build against this checkout's, in one run:
//   node scripts/bench/cli-memory-ab.mjs --baseline <folder holding dist/> [--runs N] [--charts]
// The inputs of `npm run bench -- --only cli`'s memory rows (the realworld corpus once and four times over in one
// folder, hard links; without its Helm charts unless --charts), each CLI writing JSON to a file. Runs alternate
// (before, after, for 1× then 4×, N rounds): single runs vary by ±30 % in RSS on a shared machine. Prints the
// medians of peak RSS, wall and CPU time, whether both sides wrote the same JSON, and the load average.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT, median } from './corpus.mjs';
import { corpusCopies } from './cli-stages.mjs';
import { timed } from './timed.mjs';
import { checked, fixed, flag, has, load } from './bench-args.mjs';

const baselineRoot = flag('--baseline');
if (!baselineRoot) throw new Error('usage: node scripts/bench/cli-memory-ab.mjs --baseline <folder holding dist/> [--runs N] [--charts]');
const runs = Number(flag('--runs') ?? 3);
const withCharts = has('--charts');
const CLIS = { before: join(resolve(baselineRoot), 'dist', 'cli.js'), after: join(REPO_ROOT, 'dist', 'cli.js') };
const fmt = fixed(2);

const work = mkdtempSync(join(tmpdir(), 'sl-bench-memory-'));
try {
  const loadStart = load();
  const samples = {};
  const outputs = {};
  for (const copies of [1, 4]) corpusCopies(join(work, `x${copies}`), copies, withCharts);
  for (let run = 0; run < runs; run++) {
    for (const copies of [1, 4]) {
      for (const side of ['before', 'after']) {
        const output = join(work, `${side}${copies}.json`);
        const outcome = checked(timed([CLIS[side], join(work, `x${copies}`), '--format', 'json', '--output', output]));
        (samples[`${side}${copies}`] ??= []).push(outcome);
        outputs[`${side}${copies}`] = readFileSync(output, 'utf8');
        process.stderr.write(`  run ${run + 1}/${runs} ${copies}× ${side}: ${Math.round(outcome.rssMiB)} MiB, ${Math.round(outcome.wallMs)} ms wall, ${Math.round(outcome.cpuMs)} ms CPU\n`);
      }
    }
  }
  const med = (key, field) => median(samples[key].map((sample) => sample[field]));
  const row = (side) => `| ${side === 'before' ? `before (${baselineRoot})` : 'after (this checkout)'} | ${fmt(med(`${side}1`, 'rssMiB'), 0)} | ${fmt(med(`${side}4`, 'rssMiB'), 0)} | **${fmt(med(`${side}4`, 'rssMiB') / med(`${side}1`, 'rssMiB'))}×** | ${fmt(med(`${side}1`, 'wallMs') / 1000)} / ${fmt(med(`${side}4`, 'wallMs') / 1000)} | ${fmt(med(`${side}1`, 'cpuMs') / 1000)} / ${fmt(med(`${side}4`, 'cpuMs') / 1000)} |`;
  const same = [1, 4].map((copies) => `${copies}×: ${outputs[`before${copies}`] === outputs[`after${copies}`] ? 'identical' : 'DIFFERENT'}`).join(', ');
  process.stdout.write(
    [
      `The realworld corpus ${withCharts ? 'with' : 'without'} its Helm charts, 1× and 4× (hard-linked copies), medians of ${runs} alternating runs; load average ${loadStart} at the start, ${load()} at the end. JSON output before/after: ${same}.`,
      '',
      '| CLI | peak RSS 1× MiB | peak RSS 4× MiB | 4× / 1× | wall s 1× / 4× | CPU s 1× / 4× |',
      '| --- | --- | --- | --- | --- | --- |',
      row('before'),
      row('after'),
      '',
    ].join('\n'),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
