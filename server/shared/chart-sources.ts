import { existsSync, readdirSync, readFileSync, type BigIntStats } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SourceSet } from '../../rules/models/helm/source-map';
import { parseYamlDocument } from '../../rules/models/yaml-cst';
import { readTree } from './source-tree';

/**
 * The adapters' side of Helm charts: which files form a chart unit, and the read-only source set a chart is
 * rendered from (its own files, plus workspace charts of the names its Chart.yaml depends on, since
 * dependencies are rarely vendored). Paths are absolute with `/` separators.
 */

/** Files read into a chart's source set at most (a chart is small; a runaway folder is not a chart). */
const MAX_CHART_FILES = 5_000;
/** How many levels of workspace dependencies are followed (a depends on b depends on c…). */
const MAX_DEPENDENCY_DEPTH = 5;

function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}

/** Chart folders among the given files (folders holding a Chart.yaml), subcharts under `charts/` left out. */
export function chartRoots(files: readonly string[]): string[] {
  const roots = files.filter((file) => toPosix(file).endsWith('/Chart.yaml')).map((file) => toPosix(dirname(file)));
  return roots.filter((root) => !roots.some((other) => other !== root && root.startsWith(`${other}/charts/`))).sort();
}

/** The chart unit a file belongs to: its templates, subcharts, Chart.yaml and values files (not crds/, docs, ci/). */
export function chartOf(file: string, roots: readonly string[], valuesFiles: (root: string) => readonly string[] = () => []): string | undefined {
  const path = toPosix(file);
  let best: string | undefined;
  for (const root of roots) {
    if (!path.startsWith(`${root}/`) || (best && best.length >= root.length)) continue;
    const inside = path.slice(root.length + 1);
    if (/^(?:templates|charts)\//.test(inside) || inside === 'Chart.yaml' || inside === 'values.yaml' || valuesFiles(root).includes(path)) best = root;
  }
  return best;
}

/** Chart name → chart folders, from Chart.yaml files on disk. */
export class WorkspaceCharts {
  private readonly byName = new Map<string, string[]>();
  private readonly known = new Set<string>();
  /** Added, Chart.yaml not read yet (in the order added: a tie between copies keeps that order). */
  private readonly unread: string[] = [];
  /**
   * Each Chart.yaml's name and dependencies by path, with the text they were parsed from: read again at every
   * lookup (an edit shows), parsed again only when that text changed (a scan looks up each chart's own and its
   * dependencies' Chart.yaml, which named() parsed already).
   */
  private readonly parsed = new Map<string, { text: string; fields: ChartYamlFields | undefined }>();

  /**
   * Adds the charts of these folders (Chart.yaml read from disk) and of their sibling folders. `listed` gets
   * every path whose change could change the charts found: the parent folders, the siblings, their Chart.yaml.
   */
  addWithSiblings(roots: readonly string[], listed?: string[]): void {
    for (const root of roots) {
      this.add(root);
      const parent = toPosix(dirname(root));
      listed?.push(parent);
      let siblings: string[] = [];
      try {
        siblings = readdirSync(parent).map((name) => toPosix(join(parent, name)));
      } catch {
        continue;
      }
      for (const sibling of siblings) {
        listed?.push(sibling);
        if (!existsSync(`${sibling}/Chart.yaml`)) continue;
        listed?.push(`${sibling}/Chart.yaml`);
        this.add(sibling);
      }
    }
  }

  add(root: string): void {
    if (this.known.has(root)) return;
    this.known.add(root);
    this.unread.push(root);
  }

  /** Chart name → folders; Chart.yaml files are read when a dependency is first looked up (a scan adds every chart, most have none). */
  private named(): Map<string, string[]> {
    for (const root of this.unread.splice(0)) {
      const metadata = this.metadataOf(`${root}/Chart.yaml`);
      if (metadata?.name) this.byName.set(metadata.name, [...(this.byName.get(metadata.name) ?? []), root]);
    }
    return this.byName;
  }

  /**
   * Folders of workspace charts named like a dependency of `root` that is not vendored, followed transitively.
   * Of several charts of that name (copies of a repository, forks side by side), the nearest to the chart
   * that depends on it: the one sharing the most leading folders with it, as a user would expect.
   */
  dependencyRoots(root: string): string[] {
    const found: string[] = [];
    let frontier = [root];
    for (let depth = 0; depth < MAX_DEPENDENCY_DEPTH && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const chart of frontier) {
        for (const name of this.metadataOf(`${chart}/Chart.yaml`)?.dependencies ?? []) {
          const candidates = (this.named().get(name) ?? []).filter((candidate) => candidate !== root && !candidate.startsWith(`${root}/`));
          for (const candidate of nearestTo(chart, candidates)) {
            if (found.includes(candidate)) continue;
            found.push(candidate);
            next.push(candidate);
          }
        }
      }
      frontier = next;
    }
    return found;
  }

  private metadataOf(file: string): ChartYamlFields | undefined {
    return readChartMetadata(file, (text) => {
      const known = this.parsed.get(file);
      if (known?.text === text) return known.fields;
      const fields = chartYamlFields(text);
      this.parsed.set(file, { text, fields });
      return fields;
    });
  }
}

/** The folders among `candidates` that share the most leading folders with `chart` (all of them on a tie). */
function nearestTo(chart: string, candidates: readonly string[]): string[] {
  const parts = chart.split('/');
  const shared = (candidate: string): number => {
    const other = candidate.split('/');
    let depth = 0;
    while (depth < parts.length && depth < other.length && parts[depth] === other[depth]) depth++;
    return depth;
  };
  const best = Math.max(0, ...candidates.map(shared));
  return candidates.filter((candidate) => shared(candidate) === best);
}

interface ChartYamlFields {
  name?: string;
  dependencies: readonly string[];
}

/** A Chart.yaml's name and dependency names (undefined: not YAML, or not a map). Throws nothing. */
function chartYamlFields(text: string): ChartYamlFields | undefined {
  try {
    const value = parseYamlDocument(text).toJS() as { name?: unknown; dependencies?: Array<{ name?: unknown }> } | null;
    if (!value || typeof value !== 'object') return undefined;
    const dependencies = Array.isArray(value.dependencies) ? value.dependencies.map((dependency) => String(dependency?.name ?? '')).filter(Boolean) : [];
    return { name: typeof value.name === 'string' ? value.name : undefined, dependencies };
  } catch {
    return undefined;
  }
}

/** `fieldsOf`: Chart.yaml's text → its fields (chartYamlFields, or a remembered result of it). */
function readChartMetadata(file: string, fieldsOf: (text: string) => ChartYamlFields | undefined): ChartYamlFields | undefined {
  try {
    const fields = fieldsOf(readFileSync(file, 'utf8'));
    if (!fields) return undefined;
    // Helm 2 charts list them in requirements.yaml.
    if (fields.dependencies.length === 0 && existsSync(join(dirname(file), 'requirements.yaml'))) {
      const requirements = parseYamlDocument(readFileSync(join(dirname(file), 'requirements.yaml'), 'utf8')).toJS() as { dependencies?: Array<{ name?: unknown }> } | null;
      if (Array.isArray(requirements?.dependencies)) return { name: fields.name, dependencies: requirements.dependencies.map((dependency) => String(dependency?.name ?? '')).filter(Boolean) };
    }
    return fields;
  } catch {
    return undefined;
  }
}

/**
 * The source set of a chart: its files and its workspace dependencies' files, read from disk, with `overlay`
 * (the editor's unsaved documents) winning over the disk. `listed` gets every folder listed and file met,
 * `statted` each file's stats as it was read (readTree).
 */
export function readChartSources(
  root: string,
  workspace: WorkspaceCharts,
  maxBytes: number,
  overlay: ReadonlyMap<string, string> = new Map(),
  listed?: string[],
  statted?: Map<string, BigIntStats>,
): SourceSet {
  const files = new Map<string, string | Uint8Array>();
  for (const folder of [root, ...workspace.dependencyRoots(root)]) readTree(folder, { maxBytes, maxFiles: MAX_CHART_FILES }, files, listed, statted);
  for (const [path, text] of overlay) if (path.startsWith(`${root}/`) || files.has(path)) files.set(path, text);
  return { files };
}
