// Before/after for the CLI as a whole process (issue 17): `node scripts/bench/cli-compare.mjs <before cli.js> [<after cli.js>] [--runs N] [-- <after's own options>]`
// (e.g. `-- --workers 1`: the after build's runs, cold and warm, get those options).
// On the bench's same files (the realworld corpus without its Helm charts, alone in a temporary folder), runs
// the read+parse floor, then each build cold and warm from its own --cache, alternating so that every side sees
// the same machine load; prints medians of wall time, CPU time (user + system) and peak RSS, and the load.
// `after` defaults to this checkout's dist/cli.js. Copy the before build's dist/ into this checkout (e.g.
// .bench-tmp/dist/) so that it finds node_modules.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sameFiles } from './cli-stages.mjs';
import { median, REPO_ROOT } from './corpus.mjs';
import { load } from './bench-args.mjs';

const dashes = process.argv.indexOf('--', 2);
const args = process.argv.slice(2, dashes < 0 ? undefined : dashes);
const afterOptions = dashes < 0 ? [] : process.argv.slice(dashes + 1);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const builds = args.filter((arg, index) => !arg.startsWith('--') && (runsAt < 0 || index !== runsAt + 1)).map((path) => resolve(path));
if (builds.length === 0 || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: node scripts/bench/cli-compare.mjs <before cli.js> [<after cli.js>] [--runs N]\n');
  process.exit(2);
}
if (builds.length === 1) builds.push(join(REPO_ROOT, 'dist', 'cli.js'));

/** One process: wall ms, and its own CPU ms and peak RSS (written at exit by rss-probe.cjs). */
function measured(nodeArgs) {
  const probeFile = join(work, `probe-${process.hrtime.bigint()}`);
  const started = performance.now();
  const outcome = spawnSync(process.execPath, ['--require', join(REPO_ROOT, 'scripts', 'bench', 'rss-probe.cjs'), ...nodeArgs], { env: { ...process.env, STRIDELINT_BENCH_RSS_FILE: probeFile }, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = performance.now() - started;
  if (outcome.status !== 0 && outcome.status !== 1) throw new Error(`${nodeArgs.join(' ')} failed (exit ${outcome.status}):\n${outcome.stderr}`);
  const [rssMiB, cpuMs] = readFileSync(probeFile, 'utf8').split(' ').map(Number);
  rmSync(probeFile);
  return { wallMs, cpuMs, rssMiB, status: outcome.status };
}

const work = mkdtempSync(join(tmpdir(), 'sl-cli-compare-'));
try {
  const folder = join(work, 'same');
  const { list, files } = sameFiles(folder, measured);
  const loadAtStart = load();
  const cli = (build, index, extra = []) => measured([build, folder, '--format', 'json', '--output', join(work, `out-${index}.json`), ...(index === builds.length - 1 ? afterOptions : []), ...extra]);
  const cacheOf = (index) => ['--cache', '--cache-location', join(work, `cache-${index}`)];
  builds.forEach((build, index) => cli(build, index, cacheOf(index)));
  const samples = { floor: [], builds: builds.map(() => ({ cold: [], warm: [] })) };
  for (let run = 0; run < runs; run++) {
    samples.floor.push(measured([join(REPO_ROOT, 'scripts', 'bench', 'stage.mjs'), 'parse-list', list]));
    builds.forEach((build, index) => {
      samples.builds[index].cold.push(cli(build, index));
      samples.builds[index].warm.push(cli(build, index, cacheOf(index)));
    });
    process.stderr.write(`run ${run + 1}/${runs} done (load ${load()})\n`);
  }
  const same = builds.map((_, index) => readFileSync(join(work, `out-${index}.json`), 'utf8'));
  const pick = (list, field) => median(list.map((sample) => sample[field]));
  const floor = { wall: pick(samples.floor, 'wallMs'), cpu: pick(samples.floor, 'cpuMs') };
  const row = (name, list) => `| ${name} | ${Math.round(pick(list, 'wallMs'))} | ${(pick(list, 'wallMs') / floor.wall).toFixed(2)}× | ${Math.round(pick(list, 'cpuMs'))} | ${(pick(list, 'cpuMs') / floor.cpu).toFixed(2)}× | ${Math.round(pick(list, 'rssMiB'))} |`;
  const lines = [
    `${files} files, ${runs} runs alternated, medians; load ${loadAtStart} at the start, ${load()} at the end. JSON outputs of the builds ${same.every((text) => text === same[0]) ? 'identical' : 'DIFFER'}.`,
    '',
    '| process | wall ms | × floor | CPU ms | × floor CPU | peak RSS MiB |',
    '| --- | --- | --- | --- | --- | --- |',
    row('floor: read + parse', samples.floor),
    ...builds.flatMap((build, index) => [row(`${build}${index === builds.length - 1 && afterOptions.length ? ` ${afterOptions.join(' ')}` : ''} cold`, samples.builds[index].cold), row(`${build} --cache warm`, samples.builds[index].warm)]),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
