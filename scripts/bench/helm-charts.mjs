// The Helm stage's input: every chart of the corpus (a folder with Chart.yaml, subcharts under charts/ left
// out) as the source set the adapters build: its files, plus sibling charts named by its dependencies.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function filesUnder(root, into) {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '.git' && entry.name !== 'node_modules') filesUnder(path, into);
    } else if (entry.isFile() && statSync(path).size < 20_000_000) {
      into.set(path, entry.name.endsWith('.tgz') ? new Uint8Array(readFileSync(path)) : readFileSync(path, 'utf8'));
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

/** Each chart of the corpus with its source set (read once, before timing). */
export function loadCharts(corpusDir) {
  const YAML = require('yaml');
  const nameOf = (root) => {
    try {
      return YAML.parse(readFileSync(join(root, 'Chart.yaml'), 'utf8'))?.name;
    } catch {
      return undefined;
    }
  };
  return chartFolders(corpusDir).map((root) => {
    const files = new Map();
    filesUnder(root, files);
    let dependencies = [];
    try {
      dependencies = (YAML.parse(readFileSync(join(root, 'Chart.yaml'), 'utf8'))?.dependencies ?? []).map((dependency) => dependency?.name);
    } catch {
      // a broken Chart.yaml: the renderer reports it
    }
    for (const sibling of readdirSync(dirname(root))) {
      const path = join(dirname(root), sibling);
      if (path !== root && existsSync(join(path, 'Chart.yaml')) && dependencies.includes(nameOf(path))) filesUnder(path, files);
    }
    return { root, sources: { files } };
  });
}
