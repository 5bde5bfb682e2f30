// Loading Helm values files and Chart.yaml (issue 17): yaml's parseDocument (as main parsed them) against
// parseYamlDocument (our lexer, CST stage and Composer, rules/models/yaml-cst.ts), each followed by the same loadYaml
// conversion to Go values with origins (values-yaml.ts). One bundle (yaml's debug switches compiled out, as the
// product ships it), one thread, warm passes over every values*.yaml and Chart.yaml of ../shared/corpus (realworld
// and helm).
//
//   node scripts/bench/values-parse.mjs [--runs 7]              CPU and allocation per warm pass, modes interleaved
//   node scripts/bench/values-parse.mjs --child MODE --passes N  one process (for callgrind: instructions of a warm
//     pass = (passes 3 − passes 1) / 2)
// MODE: yaml | ours
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './corpus.mjs';
import { warmPassRounds } from './warm-pass-rounds.mjs';

const MODES = ['yaml', 'ours'];
const { values } = parseArgs({
  options: {
    child: { type: 'string' },
    passes: { type: 'string', default: '3' },
    runs: { type: 'string', default: '7' },
    bundle: { type: 'string', default: '/tmp/values-parse-bench/bundle.cjs' },
  },
});

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

function texts() {
  const corpus = join(REPO_ROOT, '..', 'shared', 'corpus');
  return ['realworld', 'helm']
    .flatMap((set) => [...filesUnder(join(corpus, set))])
    .filter((path) => /\/(values[^/]*\.ya?ml|Chart\.yaml)$/.test(path))
    .sort()
    .map((path) => ({ path, text: readFileSync(path, 'utf8').replace(/^\uFEFF/, '') }));
}

if (values.child) {
  const api = createRequire(import.meta.url)(values.bundle);
  const inputs = texts();
  const run = { yaml: api.viaYaml, ours: api.viaOurs }[values.child];
  if (!run) throw new Error(`unknown mode ${values.child}`);
  for (let pass = 0; pass < Number(values.passes); pass++) {
    process.stdout.write(`pass ${pass}\n`);
    const cpu = process.cpuUsage();
    let errors = 0;
    for (const input of inputs) if (run(input.text, input.path).error) errors++;
    const used = process.cpuUsage(cpu);
    process.stdout.write(`cpu ${pass} ${((used.user + used.system) / 1000).toFixed(1)} ${inputs.length} files ${errors} errors\n`);
  }
} else {
  mkdirSync(join(values.bundle, '..'), { recursive: true });
  const { build } = await import('esbuild');
  const { yamlDebugLoggingOff } = await import('../yaml-debug-logging-off.mjs');
  const contents = `
    const { parseDocument } = require('yaml');
    const { loadYaml } = require('./rules/models/helm/chart/values-yaml');
    const { ValueOrigins } = require('./rules/models/helm/chart/value-origins');
    const HELM = { schema: 'yaml-1.1', merge: true, uniqueKeys: false, prettyErrors: false };
    module.exports = {
      viaYaml: (text, path) => loadYaml(text, path, new ValueOrigins(), parseDocument(text, HELM)),
      viaOurs: (text, path) => loadYaml(text, path, new ValueOrigins()),
    };`;
  await build({ stdin: { contents, resolveDir: REPO_ROOT, loader: 'js' }, bundle: true, platform: 'node', format: 'cjs', outfile: values.bundle, plugins: [yamlDebugLoggingOff], mainFields: ['module', 'main'], logLevel: 'error' });
  warmPassRounds({ script: import.meta.filename ?? new URL(import.meta.url).pathname, modes: MODES, runs: Number(values.runs), childArgs: ['--bundle', values.bundle] });
}
