// The YAML parse of compose and Kubernetes files, by stage (issue 17): yaml's parseAllDocuments, against yaml's Lexer +
// our CST (rules/models/yaml-cst.ts) + yaml's Composer, against the same + our Composer (rules/models/yaml-compose.ts,
// yaml's Composer where ours gives up). One bundle (yaml with its debug switches compiled out, as the product ships it),
// one thread, warm passes over the real-world corpus (compose files as YAML 1.2, Kubernetes files as YAML 1.1).
//
//   node scripts/bench/yaml-compose.mjs [--runs 7] [--every 1]     CPU and allocation per warm pass, modes interleaved
//   node scripts/bench/yaml-compose.mjs --child MODE --passes N [--every 4]   one process (for callgrind: instructions
//     of a warm pass = (passes 3 − passes 1) / 2)
// MODE: yaml | cst (lexer + our CST only) | cst-yaml (+ yaml's Composer) | cst-ours (+ our Composer)
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, loadCorpus } from './corpus.mjs';
import { warmPassRounds } from './warm-pass-rounds.mjs';

const MODES = ['yaml', 'cst-yaml', 'cst-ours', 'cst'];
const { values } = parseArgs({
  options: {
    child: { type: 'string' },
    passes: { type: 'string', default: '3' },
    every: { type: 'string', default: '1' },
    runs: { type: 'string', default: '7' },
    bundle: { type: 'string', default: '/tmp/yaml-compose-bench/bundle.cjs' },
  },
});

function texts(every) {
  const out = [];
  let index = 0;
  for (const file of loadCorpus()) {
    if (file.kind !== 'compose' && file.kind !== 'kubernetes') continue;
    if (index++ % every !== 0) continue;
    out.push({ text: readFileSync(file.abs, 'utf8'), version: file.kind === 'kubernetes' ? '1.1' : '1.2' });
  }
  return out;
}

if (values.child) {
  const api = createRequire(import.meta.url)(values.bundle);
  const inputs = texts(Number(values.every));
  const options = { '1.1': { prettyErrors: false, uniqueKeys: false, strict: false, version: '1.1' }, '1.2': { prettyErrors: false, uniqueKeys: false, strict: false, version: '1.2' } };
  const run = {
    yaml: (input) => api.parseAllDocuments(input.text, options[input.version]),
    cst: (input) => api.parseCst(input.text),
    'cst-yaml': (input) => api.withYamlComposer(input.text, options[input.version]),
    'cst-ours': (input) => api.withOurComposer(input.text, options[input.version]),
  }[values.child];
  if (!run) throw new Error(`unknown mode ${values.child}`);
  for (let pass = 0; pass < Number(values.passes); pass++) {
    process.stdout.write(`pass ${pass}\n`);
    const cpu = process.cpuUsage();
    let documents = 0;
    for (const input of inputs) {
      const result = run(input);
      documents += result.length;
    }
    const used = process.cpuUsage(cpu);
    process.stdout.write(`cpu ${pass} ${((used.user + used.system) / 1000).toFixed(1)} ${documents}\n`);
  }
} else {
  mkdirSync(join(values.bundle, '..'), { recursive: true });
  const { build } = await import('esbuild');
  const { yamlDebugLoggingOff } = await import('../yaml-debug-logging-off.mjs');
  const contents = `
    const { Composer, parseAllDocuments } = require('yaml');
    const { parseCst } = require('./rules/models/yaml-cst');
    const { composeYamlDocuments } = require('./rules/models/yaml-compose');
    function viaComposer(tokens, options) {
      const composer = new Composer(options);
      const documents = Array.from(composer.compose(tokens));
      return documents.length > 0 ? documents : Object.assign([], { empty: true }, composer.streamInfo());
    }
    module.exports = {
      parseAllDocuments,
      parseCst,
      withYamlComposer: (text, options) => viaComposer(parseCst(text), options),
      withOurComposer: (text, options) => { const tokens = parseCst(text); return composeYamlDocuments(tokens, options) ?? viaComposer(tokens, options); },
    };`;
  await build({ stdin: { contents, resolveDir: REPO_ROOT, loader: 'js' }, bundle: true, platform: 'node', format: 'cjs', outfile: values.bundle, plugins: [yamlDebugLoggingOff], mainFields: ['module', 'main'], logLevel: 'error' });
  warmPassRounds({ script: import.meta.filename ?? new URL(import.meta.url).pathname, modes: MODES, runs: Number(values.runs), childArgs: ['--every', values.every, '--bundle', values.bundle] });
}
