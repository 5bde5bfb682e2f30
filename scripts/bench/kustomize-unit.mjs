// A workspace scan's kustomize unit (the whole corpus's kustomizations as one unit, as scan-units.ts lints it),
// in one process, for instruction counts (callgrind), allocation and profiles of its read, against any source tree:
//   node scripts/bench/kustomize-unit.mjs [--tree DIR] [--passes 2] [--out FILE] [--bundle-only FILE]
// `--tree`: a checkout or an unpacked `git archive` (its node_modules must resolve from DIR). Per pass it times
// `readKustomizeSources` alone (the read and its rounds of builds) and then the unit's whole lint
// (`UnitLinter.lint`), and prints CPU and the JS heap allocated (v8.GCProfiler, as plain-lint-loop.mjs counts it).
// `--out FILE`: the first pass's read (files, fetched, listed) and the unit's outcome, to compare two trees.
// `--bundle-only FILE`: writes the bundle and stops (run it with `node --single-threaded` under callgrind or with
// --cpu-prof; set PASSES / OUT in the environment then, and ONLY=read or ONLY=unit for one of the two; CORPUS
// for another folder, e.g. several copies of the corpus).
import { resolve } from 'node:path';
import { flag } from './bench-args.mjs';
import { bundleAndRun, MEASURED_PASSES } from './bundled-loop.mjs';
import { CORPUS_DIR, REPO_ROOT } from './corpus.mjs';

const tree = resolve(flag('--tree', REPO_ROOT));

const ENTRY = `
import { readdirSync, writeFileSync } from 'node:fs';
import { measured } from ${MEASURED_PASSES};
import { emptyConfig } from './rules/engine';
import { kustomizeBuildOptions } from './rules/engine/kustomize/build-options';
import { KUSTOMIZATION_FILE_NAMES } from './rules/models/kustomize/kustomization';
import { keepingParsedDocuments } from './rules/models/kustomize/parse';
import { readKustomizeSources } from './server/shared/kustomize-sources';
import { UnitLinter } from './server/lsp/scan-units';

const root = process.env.CORPUS ?? ${JSON.stringify(CORPUS_DIR)};
const dirs = [];
const walk = (folder) => {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) walk(folder + '/' + entry.name);
    else if (KUSTOMIZATION_FILE_NAMES.includes(entry.name)) dirs.push(folder);
  }
};
walk(root);
dirs.sort();
const config = emptyConfig(root);

function reported(label, work) {
  const { result, cpuMs, allocatedMiB } = measured(work);
  console.log('  ' + label + ': ' + cpuMs.toFixed(0) + ' ms CPU, ' + allocatedMiB.toFixed(1) + ' MiB allocated (from the first GC on)');
  return result;
}

for (let n = 0; n < Number(process.env.PASSES ?? 2); n++) {
  console.log('pass ' + (n + 1) + ': ' + dirs.length + ' kustomization folders');
  const listed = [];
  const read = process.env.ONLY === 'unit' ? undefined : reported('readKustomizeSources', () => keepingParsedDocuments(() => readKustomizeSources(dirs, { maxBytes: 20_000_000, boundary: root, build: kustomizeBuildOptions(config), listed })));
  const outcome = process.env.ONLY === 'read' ? undefined : reported('UnitLinter.lint (read, builds, lint)', () => new UnitLinter().lint({ unit: 'kustomize', root, dirs, config, overlay: [] }));
  if (n === 0 && process.env.OUT && read && outcome) {
    const files = [...read.files].map(([path, text]) => [path, typeof text === 'string' ? text.length : 'bytes:' + text.length]);
    writeFileSync(process.env.OUT, JSON.stringify({ files, fetched: read.fetched, listed, builds: [...(read.builds ?? new Map()).keys()], outcome }, null, 1));
  }
}
`;

await bundleAndRun(tree, ENTRY, 'kustomize-unit');
