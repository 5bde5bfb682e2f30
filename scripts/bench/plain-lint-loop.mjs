// What a workspace scan's worker does with plain files (no Helm), in one process, for instruction counts
// (callgrind), allocation and profiles of the per-file lint, against any source tree:
//   node scripts/bench/plain-lint-loop.mjs [--tree DIR] [--passes 2] [--out FILE] [--bundle-only FILE] [--node-flags "--expose-gc"]
// `--tree`: a checkout, or `git archive <commit>` unpacked (default: this checkout; its node_modules must resolve
// from DIR, e.g. a symlink). The loop is bundled from DIR's sources with esbuild as the build does, then run: the
// host files' facts and `setHost`, `readFactsBatch` in batches of 40 (held lints), `ScanIndex.load` and
// `HeldLints.complete`, then `take` or `lintFromDisk` per file and its JSON, as scan-worker.ts does. Its files: the realworld
// corpus once, without Helm templates and files inside charts (2,582 files). Prints per pass the findings, wall and
// CPU time, the JS heap allocated (v8.GCProfiler: heap used before each GC minus used after the previous one) and
// the collections; with `--node-flags --expose-gc` also the heap live when the facts step ends (after a full GC).
// `--out FILE`: the first pass's results (path, findings, kind, reads), to compare two trees. `--bundle-only FILE`:
// writes the bundle and stops (to run it under `valgrind --tool=callgrind node FILE` or with --cpu-prof; set
// PASSES / OUT in the environment then). For repeatable callgrind counts run node with --single-threaded.
import { resolve } from 'node:path';
import { flag } from './bench-args.mjs';
import { bundleAndRun, MEASURED_PASSES } from './bundled-loop.mjs';
import { CORPUS_DIR, REPO_ROOT } from './corpus.mjs';

const tree = resolve(flag('--tree', REPO_ROOT));

const ENTRY = `
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { ALL_RULES } from './rules';
import { detectKind, emptyConfig, factsOfFile } from './rules/engine';
import { HOST_KINDS } from './rules/facts/host-facts';
import { HeldLints } from './server/lsp/held-lints';
import { lintFromDisk, lintOutcomeJson, readFactsBatch, ScanIndex } from './server/lsp/scan-task';
import { measuredPasses } from ${MEASURED_PASSES};

const CORPUS = process.env.CORPUS ?? ${JSON.stringify(CORPUS_DIR)};
const all = JSON.parse(readFileSync(join(CORPUS, 'index.json'), 'utf8')).files.map((file) => join(CORPUS, file.path));
const roots = all.filter((path) => path.endsWith('/Chart.yaml')).map((path) => path.slice(0, -'/Chart.yaml'.length));
const inChart = (path) => roots.some((root) => path.startsWith(root + '/') && /^(?:templates\\/|charts\\/|Chart\\.yaml$|values\\.yaml$)/.test(path.slice(root.length + 1)));
const config = emptyConfig(CORPUS);
const plain = all.filter((path) => !inChart(path) && detectKind(path, readFileSync(path, 'utf8')) !== undefined);

function pass(out) {
  const held = new HeldLints();
  const host = [];
  for (const path of plain) {
    const kind = detectKind(path, '');
    const facts = kind && HOST_KINDS.has(kind) ? factsOfFile(readFileSync(path, 'utf8'), path, { config }) : undefined;
    if (facts) host.push([path, facts]);
  }
  held.setHost(host);
  const entries = [];
  for (let i = 0; i < plain.length; i += 40) {
    const items = plain.slice(i, i + 40).map((path) => ({ path, config, settingsKey: 's', lintConfig: config }));
    readFactsBatch(items, ALL_RULES, held).forEach((result, j) => result.facts && entries.push([items[j].path, result.facts]));
  }
  const index = new ScanIndex();
  index.load(entries);
  held.complete(entries);
  // With --node-flags --expose-gc: what a worker keeps live when its facts step ends (held lints, the index).
  const liveMiB = globalThis.gc ? (globalThis.gc(), getHeapStatistics().used_heap_size / 1048576) : undefined;
  let findings = 0;
  for (const path of plain) {
    // As a worker answers the scan's lint step (LintOutcomeJson).
    const outcome = lintOutcomeJson(held.take(path) ?? lintFromDisk({ path, config, settingsKey: 's' }, index, ALL_RULES));
    findings += outcome.count;
    out?.push(path + '\\t' + outcome.findingsJson + '\\t' + outcome.kind + '\\t' + JSON.stringify([...outcome.reads].sort()));
  }
  return { findings, liveMiB };
}

measuredPasses(pass, ({ findings, liveMiB }) => plain.length + ' files, ' + findings + ' findings' + (liveMiB === undefined ? '' : ', ' + liveMiB.toFixed(1) + ' MiB live at the facts step end'));
`;

await bundleAndRun(tree, ENTRY, 'plain-lint-loop');
