// Opening a Dockerfile, interleaved: `node scripts/bench/dockerfile-open-ab.mjs [--passes N] [--baseline DIR] [--this DIR]
// [--node-flags A,B] [--baseline-node-flags A,B]` (the sides and their flags: dockerfile-sides.mjs).
// The peer (dockerfile-language-server-nodejs), this build and optionally a baseline build run as servers at the
// same time; each corpus Dockerfile is opened on each of them in turn (didOpen → its publishDiagnostics, then
// didClose), the order rotating per file and pass, so that a change of the machine's load touches every side
// alike (the `peer` stage of lsp-stages.mjs runs the servers one after another). Per-file medians over the passes
// after one warm-up pass; the ratio is the peer's time over ours per file. Server CPU from /proc over the timed passes.
// The baseline's and this build's diagnostics are compared per file (every publish of every pass): the count of
// files whose diagnostics differ is printed.
import { readFileSync } from 'node:fs';
import { median } from './corpus.mjs';
import { corpusDockerfiles, dockerfileSides, openOnce, startSide } from './dockerfile-sides.mjs';
import { fixed, flag, load } from './bench-args.mjs';

const passes = Number(flag('--passes') ?? 3);
const sides = dockerfileSides();
const files = corpusDockerfiles();
const cpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

for (const side of sides) {
  side.server = await startSide(side);
  side.times = files.map(() => []);
  side.published = files.map(() => new Set());
  for (const [index, file] of files.entries()) side.published[index].add((await openOnce(side.server, file)).diagnostics); // warm-up
  side.cpuStart = cpuMs(side.server.child.pid);
}
for (let pass = 0; pass < passes; pass++) {
  for (let index = 0; index < files.length; index++) {
    for (let turn = 0; turn < sides.length; turn++) {
      const side = sides[(turn + index + pass) % sides.length];
      const { ms, diagnostics } = await openOnce(side.server, files[index]);
      side.times[index].push(ms);
      side.published[index].add(diagnostics);
    }
  }
}
const fmt = fixed(2);
const perFile = (side) => side.times.map((samples) => median(samples));
const lines = ['| server | files | p50 ms/file | total s | server CPU ms/file |', '| --- | --- | --- | --- | --- |'];
for (const side of sides) {
  const times = perFile(side);
  lines.push(`| ${side.label} | ${files.length} | ${fmt(median(times))} | ${fmt(times.reduce((a, b) => a + b, 0) / 1000)} | ${fmt((cpuMs(side.server.child.pid) - side.cpuStart) / (passes * files.length))} |`);
}
lines.push('');
const peer = perFile(sides[0]);
for (const side of sides.slice(1)) {
  const ours = perFile(side);
  lines.push(`- Per-file ratio peer/${side.label}: median ${fmt(median(peer.map((time, index) => time / ours[index])), 3)}× (${passes} interleaved passes).`);
}
if (sides.length === 3) {
  const [, baseline, ours] = sides;
  const differing = files.filter((_file, index) => baseline.published[index].size !== 1 || ours.published[index].size !== 1 || [...baseline.published[index]][0] !== [...ours.published[index]][0]);
  lines.push(`- Diagnostics: ${files.length - differing.length} of ${files.length} files published the same diagnostics on both stridelint servers in every pass${differing.length ? ` (differing: ${differing.slice(0, 5).map((file) => file.path).join(', ')})` : ''}.`);
}
lines.push(`- Load average at the end: ${load()}.`);
for (const side of sides) await side.server.stop();
process.stdout.write(`${lines.join('\n')}\n`);
