// What a workspace scan's worker does with plain files (no Helm), in one process, for instruction counts
// (callgrind), allocation and profiles of the per-file lint, against any source tree:
//   node scripts/bench/plain-lint-loop.mjs [--tree DIR] [--passes 2] [--out FILE] [--bundle-only FILE]
// `--tree`: a checkout, or `git archive <commit>` unpacked (default: this checkout; its node_modules must resolve
// from DIR, e.g. a symlink). The loop is bundled from DIR's sources with esbuild as the build does, then run: the
// host files' facts and `setHost`, `readFactsBatch` in batches of 40 (held lints), `ScanIndex.load` and
// `HeldLints.complete`, then `take` or `lintFromDisk` per file, as scan-worker.ts does. Its files: the realworld
// corpus once, without Helm templates and files inside charts (2,582 files). Prints per pass the findings, wall and
// CPU time, and the JS heap allocated (v8.GCProfiler: heap used before each GC minus used after the previous one).
// `--out FILE`: the first pass's results (path, findings, kind, reads), to compare two trees. `--bundle-only FILE`:
// writes the bundle and stops (to run it under `valgrind --tool=callgrind node FILE` or with --cpu-prof; set
// PASSES / OUT in the environment then). For repeatable callgrind counts run node with --single-threaded.
import { resolve } from 'node:path';
import { flag } from './bench-args.mjs';
import { MEASURED, runBundledLoop } from './bundled-loop.mjs';
import { CORPUS_DIR, REPO_ROOT } from './corpus.mjs';

const tree = resolve(flag('--tree', REPO_ROOT));

const ENTRY = `${MEASURED}
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from './rules';
import { detectKind, emptyConfig, factsOfFile } from './rules/engine';
import { HOST_KINDS } from './rules/facts/host-facts';
import { HeldLints } from './server/lsp/held-lints';
import { lintFromDisk, readFactsBatch, ScanIndex } from './server/lsp/scan-task';

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
  let findings = 0;
  for (const path of plain) {
    const outcome = held.take(path) ?? lintFromDisk({ path, config, settingsKey: 's' }, index, ALL_RULES);
    findings += outcome.findings.length;
    out?.push(path + '\\t' + JSON.stringify(outcome.findings) + '\\t' + outcome.kind + '\\t' + JSON.stringify([...outcome.reads].sort()));
  }
  return findings;
}

for (let n = 0; n < Number(process.env.PASSES ?? 2); n++) {
  const out = n === 0 && process.env.OUT ? [] : undefined;
  const started = process.hrtime.bigint();
  const { result: findings, cpuMs, allocatedMiB } = measured(() => pass(out));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  console.log('pass ' + (n + 1) + ': ' + plain.length + ' files, ' + findings + ' findings, ' + wallMs.toFixed(0) + ' ms wall, ' + cpuMs.toFixed(0) + ' ms CPU, ' + allocatedMiB.toFixed(1) + ' MiB allocated (from the first GC on)');
  if (out) writeFileSync(process.env.OUT, out.join('\\n'));
}
`;

await runBundledLoop(ENTRY, tree, 'plain-lint-loop');
