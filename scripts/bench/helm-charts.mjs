// The Helm stage's input: every chart of the corpus (a folder with Chart.yaml, subcharts under charts/ left
// out) as the source set the adapters build: its files, plus sibling charts named by its dependencies.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function filesUnder(root, into, contents) {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '.git' && entry.name !== 'node_modules') filesUnder(path, into, contents);
    } else if (entry.isFile() && statSync(path).size < 20_000_000) {
      into.set(path, !contents ? '' : entry.name.endsWith('.tgz') ? new Uint8Array(readFileSync(path)) : readFileSync(path, 'utf8'));
    }
  }
}

function chartFolders(root, into = []) {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === '.git' || entry.name === 'node_modules') continue;
    const path = join(root, entry.name);
    if (existsSync(join(path, 'Chart.yaml')) && !/\/charts\/[^/]+$/.test(path)) into.push(path);
    chartFolders(path, into);
  }
  return into;
}

/**
 * Each chart of the corpus with its source set (read once, before timing). `quick`: every 8th chart; `only`: the
 * chart at that path inside the corpus; `contents: false`: paths only (each file's text left empty).
 */
export function loadCharts(corpusDir, { quick = false, only, contents = true } = {}) {
  const YAML = require('yaml');
  const nameOf = (root) => {
    try {
      return YAML.parse(readFileSync(join(root, 'Chart.yaml'), 'utf8'))?.name;
    } catch {
      return undefined;
    }
  };
  const roots = chartFolders(corpusDir).filter((root, index) => (only ? root === join(corpusDir, only) : !quick || index % 8 === 0));
  return roots.map((root) => {
    const files = new Map();
    filesUnder(root, files, contents);
    let dependencies = [];
    try {
      dependencies = (YAML.parse(readFileSync(join(root, 'Chart.yaml'), 'utf8'))?.dependencies ?? []).map((dependency) => dependency?.name);
    } catch {
      // a broken Chart.yaml: the renderer reports it
    }
    for (const sibling of readdirSync(dirname(root))) {
      const path = join(dirname(root), sibling);
      if (path !== root && existsSync(join(path, 'Chart.yaml')) && dependencies.includes(nameOf(path))) filesUnder(path, files, contents);
    }
    return { root, sources: { files } };
  });
}

/** Whether the CLI lints this file as part of a chart unit rather than on its own (its rule in server/shared/chart-sources.ts). */
export function inChartUnit(path, roots) {
  return roots.some((root) => {
    if (!path.startsWith(`${root}/`)) return false;
    const inside = path.slice(root.length + 1);
    return /^(?:templates|charts)\//.test(inside) || inside === 'Chart.yaml' || inside === 'values.yaml';
  });
}

export { chartFolders };

/** The files of a source set the renderer parses: templates, Chart.yaml, requirements.yaml and values files (not crds/, ci/ or docs). */
const RENDERER_INPUT = /\/templates\/.*\.(?:ya?ml|tpl)$|\/(?:Chart|requirements)\.yaml$|\/values[^/]*\.ya?ml$/;
const TEMPLATE = /\/templates\//;

/**
 * A chart's floor: each file of its source set read from disk (a .tgz read, not unpacked), and each file the
 * renderer parses YAML-parsed with `parse`: with `templates`, the templates too (each as a YAML stream, errors
 * and all, as the parse floor treats templates); without, only the YAML files (Chart.yaml, values files).
 * Returns the bytes read.
 */
export function chartFloor(paths, parse, { templates = true } = {}) {
  let bytes = 0;
  for (const path of paths) {
    if (path.endsWith('.tgz')) {
      bytes += readFileSync(path).length;
      continue;
    }
    const text = readFileSync(path, 'utf8');
    bytes += text.length;
    if (RENDERER_INPUT.test(path) && !/\/(?:crds|ci)\//.test(path) && (templates || !TEMPLATE.test(path))) parse(text);
  }
  return bytes;
}
