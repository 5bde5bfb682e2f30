// The first Dockerfiles a fresh server opens (its code not yet warm: what a user sees after starting the editor):
// `node scripts/bench/dockerfile-first-open.mjs [--servers N] [--opens K]` + the sides' options of
// dockerfile-sides.mjs. N fresh processes per side, started in turn (the order rotating); each opens K corpus
// Dockerfiles one after another (didOpen → publishDiagnostics, then didClose), server i starting at corpus file
// i·K on every side. Medians over the servers of the first open and of opens 2..K; per-file ratio peer/ours.

import { median } from './corpus.mjs';
import { corpusDockerfiles, dockerfileSides, openOnce, startSide } from './dockerfile-sides.mjs';
import { fixed, flag, load } from './bench-args.mjs';

const servers = Number(flag('--servers') ?? 10);
const opens = Number(flag('--opens') ?? 10);
const sides = dockerfileSides().map((side) => ({ ...side, first: [], later: [] }));
const files = corpusDockerfiles();

for (let run = 0; run < servers; run++) {
  for (let turn = 0; turn < sides.length; turn++) {
    const side = sides[(turn + run) % sides.length];
    const server = await startSide(side);
    for (let index = 0; index < opens; index++) {
      const file = files[(run * opens + index) % files.length];
      const { ms } = await openOnce(server, file);
      (index === 0 ? side.first : side.later).push({ file: file.path, ms });
    }
    await server.stop();
  }
}
const fmt = fixed(2);
const lines = [`| server | first open, median ms (${servers} servers) | opens 2..${opens}, median ms |`, '| --- | --- | --- |'];
for (const side of sides) lines.push(`| ${side.label} | ${fmt(median(side.first.map((sample) => sample.ms)))} | ${fmt(median(side.later.map((sample) => sample.ms)))} |`);
lines.push('');
const byFile = (samples) => new Map(samples.map((sample) => [sample.file, sample.ms]));
for (const side of sides.slice(1)) {
  for (const which of ['first', 'later']) {
    const peer = byFile(sides[0][which]);
    const ours = [...byFile(side[which])];
    lines.push(`- ${side.label}, ${which === 'first' ? 'first open' : `opens 2..${opens}`}: per-file ratio peer/ours, median ${median(ours.map(([file, ms]) => peer.get(file) / ms)).toFixed(3)}×.`);
  }
}
lines.push(`- Load average at the end: ${load()}.`);
process.stdout.write(`${lines.join('\n')}\n`);
