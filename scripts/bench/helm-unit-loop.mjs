// What a workspace scan's worker does with Helm charts (scan-units.ts `UnitLinter`), in one process, for
// instruction counts (callgrind), allocation and profiles of a chart unit, against any source tree:
//   node scripts/bench/helm-unit-loop.mjs [--tree DIR] [--passes 2] [--out FILE] [--bundle-only FILE]
// `--tree`: a checkout, or `git archive <commit>` unpacked (default: this checkout; its node_modules must resolve
// from DIR, e.g. a symlink). The loop is bundled from DIR's sources with esbuild as the build does, then run: each
// pass is a fresh `UnitLinter` (a scan thread's) linting every chart of the realworld corpus once (39), in corpus
// order, with the corpus's chart roots as the workspace's charts and default settings. Prints per pass the charts,
// findings and a hash of every chart's findings and key (the same from two trees: nothing found changed), wall and
// CPU time, and the JS heap allocated (measured-passes.mjs). `--out FILE`: the first pass's findings and key per
// chart. `--bundle-only FILE`: writes the bundle and stops (to run under `valgrind --tool=callgrind node
// --single-threaded FILE` or with --cpu-prof; set PASSES / OUT in the environment then). CORPUS in the
// environment: the corpus folder, when it is not beside the checkout (a worktree: /work/shared/corpus/realworld).
// CLOCK_SLOWDOWN=N in the environment: Date.now runs N times slower. Under callgrind on a loaded machine a chart's
// render can reach its wall-clock guard (60 s) and stop early, so the count is of less work (the pass line's
// findings and hash differ from a normal run's): CLOCK_SLOWDOWN=1000 keeps every render whole.
import { resolve } from 'node:path';
import { flag } from './bench-args.mjs';
import { bundleAndRun, MEASURED_PASSES } from './bundled-loop.mjs';
import { CORPUS_DIR, REPO_ROOT } from './corpus.mjs';

const tree = resolve(flag('--tree', REPO_ROOT));

const ENTRY = `
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyConfig } from './rules/engine';
import { UnitLinter } from './server/lsp/scan-units';
import { measuredPasses } from ${MEASURED_PASSES};

const CORPUS = process.env.CORPUS ?? ${JSON.stringify(CORPUS_DIR)};
const slowdown = Number(process.env.CLOCK_SLOWDOWN ?? 1);
if (slowdown > 1) {
  const realNow = Date.now;
  const start = realNow();
  Date.now = () => start + Math.floor((realNow() - start) / slowdown);
}
const all = JSON.parse(readFileSync(join(CORPUS, 'index.json'), 'utf8')).files.map((file) => join(CORPUS, file.path));
// Chart roots, a chart's vendored subcharts left to it (as the scan sorts them into units).
const roots = all.filter((path) => path.endsWith('/Chart.yaml')).map((path) => path.slice(0, -'/Chart.yaml'.length)).filter((root) => !/\\/charts\\/[^/]+$/.test(root));
const config = emptyConfig(CORPUS);

function pass(out) {
  const linter = new UnitLinter();
  const hash = createHash('sha256');
  let findings = 0;
  for (const root of roots) {
    const outcome = linter.lint({ unit: 'chart', root, charts: roots, config, overlay: [] });
    for (const [, list] of outcome.findings) findings += list.length;
    const line = root + '\\t' + JSON.stringify(outcome.findings) + '\\t' + outcome.chartKey;
    hash.update(line + '\\n');
    out?.push(line);
  }
  return { findings, hash: hash.digest('hex').slice(0, 12) };
}

measuredPasses(pass, ({ findings, hash }) => roots.length + ' charts, ' + findings + ' findings (hash ' + hash + ')');
`;

await bundleAndRun(tree, ENTRY, 'helm-unit-loop');
