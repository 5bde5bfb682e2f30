import type { SourceSet } from '../source-map';
import { readMetadata } from './metadata';
import { loadYamlCached } from './values-yaml';
import { satisfiesRange } from './version-range';

interface WorkspaceChart {
  root: string;
  version: string;
}

/** Chart name → the chart directories of that name in a source set (built once per source set). */
const indexes = new WeakMap<SourceSet, Map<string, WorkspaceChart[]>>();

/**
 * A chart named `name` elsewhere in the source set, for a dependency that is not vendored: one whose version
 * satisfies `range` when possible, and among those the one nearest to `fromRoot` in the directory tree.
 */
export function findWorkspaceChart(sources: SourceSet, name: string, range: string, fromRoot: string): string | undefined {
  const candidates = (indexOf(sources).get(name) ?? []).filter((chart) => chart.root !== fromRoot && !chart.root.startsWith(`${fromRoot}/`));
  if (candidates.length === 0) return undefined;
  const matching = candidates.filter((chart) => !range || satisfiesRange(chart.version, range) !== false);
  const pool = matching.length > 0 ? matching : candidates;
  return pool.sort((a, b) => commonPrefix(b.root, fromRoot) - commonPrefix(a.root, fromRoot) || (a.root < b.root ? -1 : 1))[0].root;
}

function indexOf(sources: SourceSet): Map<string, WorkspaceChart[]> {
  let index = indexes.get(sources);
  if (index) return index;
  index = new Map();
  for (const [path, data] of sources.files) {
    if (!path.endsWith('/Chart.yaml') || path.includes('!/')) continue;
    const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
    const metadata = readMetadata(loadYamlCached(text, path).value);
    if (!metadata.name) continue;
    const root = path.slice(0, -'/Chart.yaml'.length);
    index.set(metadata.name, [...(index.get(metadata.name) ?? []), { root, version: metadata.version }]);
  }
  indexes.set(sources, index);
  return index;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
