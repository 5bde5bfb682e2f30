// The engine alone on the corpus Dockerfiles, two builds alternating in one process:
// `node --interrupt-budget=1000000 scripts/bench/dockerfile-engine-ab.mjs <old dist/engine.js> [--rounds N]`
// (the language server's V8 budget; leave it out for node's default). CPU ms per file of `lintFile` over the 637
// files, per round, the order of the two builds alternating; the first two rounds are warm-up. Then every corpus
// file (all kinds) is linted by both builds, with and without fingerprints, and the results compared as JSON.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT, loadCorpus, median } from './corpus.mjs';
import { load } from './bench-args.mjs';

const require = createRequire(import.meta.url);
const roundsAt = process.argv.indexOf('--rounds');
const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 10;
const builds = [
  { label: `baseline (${process.argv[2]})`, engine: require(process.argv[2]), ms: [] },
  { label: 'this build', engine: require(join(REPO_ROOT, 'dist', 'engine.js')), ms: [] },
];
const corpus = loadCorpus().map((file) => ({ ...file, text: readFileSync(file.abs, 'utf8') }));
const dockerfiles = corpus.filter((file) => file.kind === 'dockerfile');

for (let round = 0; round < rounds; round++) {
  for (const build of round % 2 ? builds : [...builds].reverse()) {
    const start = process.cpuUsage();
    for (const file of dockerfiles) build.engine.lintFile(file.text, file.abs, { languageId: 'dockerfile' });
    const used = process.cpuUsage(start);
    if (round >= 2) build.ms.push((used.user + used.system) / 1000 / dockerfiles.length);
  }
}
let same = 0;
const differing = [];
for (const file of corpus) {
  for (const fingerprints of [false, true]) {
    const [before, after] = builds.map((build) => JSON.stringify(build.engine.lintFile(file.text, file.path, { fingerprints })));
    if (before === after) same++;
    else differing.push(file.path);
  }
}
const lines = ['| build | lintFile CPU ms per Dockerfile, median | rounds |', '| --- | --- | --- |'];
for (const build of builds) lines.push(`| ${build.label} | ${median(build.ms).toFixed(3)} | ${build.ms.map((ms) => ms.toFixed(3)).join(', ')} |`);
lines.push('', `- ${dockerfiles.length} Dockerfiles, ${rounds - 2} timed rounds; V8 flags: ${process.execArgv.join(' ') || "node's defaults"}.`);
lines.push(`- Findings: ${same} of ${corpus.length * 2} lints identical (${corpus.length} corpus files, with and without fingerprints)${differing.length ? `; differing: ${[...new Set(differing)].slice(0, 5).join(', ')}` : ''}.`);
lines.push(`- Load average at the end: ${load()}.`);
process.stdout.write(`${lines.join('\n')}\n`);
