// Opening a Dockerfile, interleaved: `node scripts/bench/dockerfile-open-ab.mjs [--passes N] [--baseline DIR] [--node-flags A,B]`.
// The peer (dockerfile-language-server-nodejs), this build and optionally a baseline build run as servers at the
// same time; each corpus Dockerfile is opened on each of them in turn (didOpen → its publishDiagnostics, then
// didClose), the order rotating per file and pass, so that a change of the machine's load touches every side
// alike (the `peer` stage of lsp-stages.mjs runs the servers one after another). Per-file medians over the passes
// after one warm-up pass; the ratio is the peer's time over ours per file. Server CPU from /proc over the timed passes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, loadCorpus, median } from './corpus.mjs';
import { startServer, uriOf } from './lsp-client.mjs';

const flag = (name) => (process.argv.indexOf(name) > 0 ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const passes = Number(flag('--passes') ?? 3);
const nodeFlags = flag('--node-flags')?.split(',') ?? [];
const sides = [
  { label: 'peer', args: [join(REPO_ROOT, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver'), '--stdio'] },
  ...(flag('--baseline') ? [{ label: `baseline (${flag('--baseline')})`, args: [...nodeFlags, join(flag('--baseline'), 'dist', 'server.js'), '--stdio'] }] : []),
  { label: 'this build', args: [...nodeFlags, join(REPO_ROOT, 'dist', 'server.js'), '--stdio'] },
];
const files = loadCorpus()
  .filter((file) => file.kind === 'dockerfile')
  .map((file) => ({ ...file, text: readFileSync(file.abs, 'utf8') }));
const settings = (section) => (section === 'stridelint' || section === 'files.exclude' ? {} : null);
const cpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

async function openOnce(server, file) {
  const uri = uriOf(file.abs);
  const published = server.waitForDiagnostics((params) => params.uri === uri, 30000);
  const start = performance.now();
  await server.open(uri, 'dockerfile', file.text, 1);
  const { at } = await published;
  await server.close(uri);
  return at - start;
}

for (const side of sides) {
  side.server = await startServer({ args: side.args, initializationOptions: { scanOnStartup: false }, configuration: settings });
  await side.server.initialized();
  side.times = files.map(() => []);
  for (const file of files) await openOnce(side.server, file); // warm-up
  side.cpuStart = cpuMs(side.server.child.pid);
}
for (let pass = 0; pass < passes; pass++) {
  for (let index = 0; index < files.length; index++) {
    for (let turn = 0; turn < sides.length; turn++) {
      const side = sides[(turn + index + pass) % sides.length];
      side.times[index].push(await openOnce(side.server, files[index]));
    }
  }
}
const fmt = (value, digits = 2) => value.toFixed(digits);
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
lines.push(`- Load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}.`);
for (const side of sides) await side.server.stop();
process.stdout.write(`${lines.join('\n')}\n`);
