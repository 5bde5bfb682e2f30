import type { GoMap } from '../value';
import type { SourceLocation, SourceSet } from '../source-map';
import type { RenderProblem } from '../render-result';
import { HelmIgnore } from './helmignore';
import { readMetadata, validateMetadata, type ChartMetadata, type DependencySpec } from './metadata';
import { ArchiveError, readChartArchive } from './tar';
import type { ValueOrigins } from './value-origins';
import { CACHED_VALUE_ORIGINS, loadValuesFileCached, loadYamlCached } from './values-yaml';
import { findWorkspaceChart } from './workspace-charts';

/** A file of a chart: `name` relative to the chart root (`templates/x.yaml`), `path` in the source set. */
export interface ChartFile {
  name: string;
  path: string;
  data: string | Uint8Array;
}

/**
 * A chart as Helm's loader builds it (pkg/chart/loader), read from a source set. Charts inside a `.tgz` get
 * paths `<archive path>!/<entry>`: they have no file of their own.
 */
export interface LoadedChart {
  root: string;
  metadata: ChartMetadata;
  /** Where each dependency entry of Chart.yaml (or requirements.yaml) is written. */
  dependencyLocations: SourceLocation[];
  chartFile: string;
  /** The chart's own `values.yaml` (empty when there is none). */
  values: GoMap;
  valuesFile?: string;
  templates: ChartFile[];
  /** What `.Files` sees: everything but Chart.yaml, values.yaml, templates/ and charts/. */
  files: ChartFile[];
  /** Vendored under charts/ and, for dependencies that are not, charts of that name found in the source set. */
  subcharts: LoadedChart[];
}

export interface ChartLoadResult {
  chart?: LoadedChart;
  problems: RenderProblem[];
}

const MAX_CHART_DEPTH = 10;

/** Loads the chart at `root` (a directory in the source set, or a `.tgz` file in it). Never throws. */
export function loadChart(sources: SourceSet, root: string): ChartLoadResult {
  const problems: RenderProblem[] = [];
  const root_ = root.replace(/\/+$/, '');
  const data = sources.files.get(root_);
  const files = data instanceof Uint8Array && root_.endsWith('.tgz') ? archiveFiles(root_, data, problems) : directoryFiles(sources, root_);
  const chart = files && buildChart(sources, root_, files, problems, 0);
  return { chart, problems };
}

function directoryFiles(sources: SourceSet, root: string): ChartFile[] {
  const prefix = `${root}/`;
  const files: ChartFile[] = [];
  for (const [path, data] of sources.files) {
    if (path.startsWith(prefix)) files.push({ name: path.slice(prefix.length), path, data });
  }
  return files;
}

/** The entries of a chart archive, with the archive's top directory (the chart name) stripped. */
function archiveFiles(archive: string, bytes: Uint8Array, problems: RenderProblem[]): ChartFile[] | undefined {
  try {
    return readChartArchive(bytes).flatMap((entry) => {
      const slash = entry.path.indexOf('/');
      if (slash < 0) return [];
      return [{ name: entry.path.slice(slash + 1), path: `${archive}!/${entry.path}`, data: entry.data }];
    });
  } catch (error) {
    const message = error instanceof ArchiveError ? error.message : String(error);
    problems.push({ reason: 'bad-chart', message: `cannot read chart archive ${archive}: ${message}`, location: { file: archive, start: 0, end: 0 } });
    return undefined;
  }
}

function buildChart(sources: SourceSet, root: string, all: ChartFile[], problems: RenderProblem[], depth: number): LoadedChart | undefined {
  const ignore = new HelmIgnore(textOf(all.find((file) => file.name === '.helmignore')));
  const files = all.filter((file) => !ignore.ignoresFile(file.name));
  const chartYaml = files.find((file) => file.name === 'Chart.yaml');
  const chartFile = chartYaml?.path ?? `${root}/Chart.yaml`;
  if (!chartYaml) {
    problems.push({ reason: 'bad-chart', message: `Chart.yaml file is missing in ${root}`, location: { file: root, start: 0, end: 0 } });
    return undefined;
  }
  const metadataOrigins = CACHED_VALUE_ORIGINS;
  const loaded = loadYamlCached(textOf(chartYaml), chartYaml.path);
  if (loaded.error) {
    problems.push({ reason: 'bad-chart', message: `cannot load Chart.yaml: ${loaded.error.message}`, location: { file: chartYaml.path, start: loaded.error.start, end: loaded.error.end } });
    return undefined;
  }
  const metadata = readMetadata(loaded.value);
  const dependencyLocations = locationsOf(loaded.value, metadataOrigins, chartYaml.path);
  const requirements = files.find((file) => file.name === 'requirements.yaml');
  if (requirements && metadata.dependencies.length === 0) {
    const required = loadYamlCached(textOf(requirements), requirements.path);
    metadata.dependencies = readMetadata(required.value).dependencies;
    dependencyLocations.splice(0, dependencyLocations.length, ...locationsOf(required.value, metadataOrigins, requirements.path));
  }
  const invalid = validateMetadata(metadata);
  if (invalid) {
    problems.push({ reason: 'bad-chart', message: `validation: ${invalid}`, location: { file: chartYaml.path, start: 0, end: 0 } });
    return undefined;
  }

  const chart: LoadedChart = { root, metadata, dependencyLocations, chartFile: chartYaml.path, values: new Map(), templates: [], files: [], subcharts: [] };
  const subchartFiles = new Map<string, ChartFile[]>();
  for (const file of files) {
    const name = file.name;
    if (name === 'Chart.yaml' || name === 'Chart.lock' || name === 'requirements.lock' || name === 'values.schema.json') continue;
    if (name === 'values.yaml') {
      const values = loadValuesFileCached(textOf(file), file.path);
      if (values.error) problems.push({ reason: 'bad-values', message: `cannot load values.yaml: ${values.error.message}`, location: { file: file.path, start: values.error.start, end: values.error.end } });
      chart.values = values.values;
      chart.valuesFile = file.path;
    } else if (name.startsWith('templates/')) {
      chart.templates.push({ ...file, data: textOf(file) });
    } else if (name.startsWith('charts/') && !name.endsWith('.prov')) {
      const rest = name.slice('charts/'.length);
      const key = rest.split('/')[0];
      const entries = subchartFiles.get(key);
      if (entries) entries.push({ ...file, name: rest });
      else subchartFiles.set(key, [{ ...file, name: rest }]);
    } else if (name !== 'requirements.yaml' || metadata.apiVersion === 'v1') {
      chart.files.push(file);
    }
  }
  if (depth >= MAX_CHART_DEPTH) {
    problems.push({ reason: 'bad-chart', message: `subcharts nested deeper than ${MAX_CHART_DEPTH} levels are not loaded`, location: { file: chartYaml.path, start: 0, end: 0 } });
    return chart;
  }
  for (const [key, entries] of [...subchartFiles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (key.startsWith('_') || key.startsWith('.')) continue;
    let subFiles: ChartFile[] | undefined;
    if (key.endsWith('.tgz')) {
      const archive = entries.find((entry) => entry.name === key);
      if (!archive || typeof archive.data === 'string') continue;
      subFiles = archiveFiles(archive.path, archive.data, problems);
    } else {
      subFiles = entries.flatMap((entry) => (entry.name.includes('/') ? [{ ...entry, name: entry.name.slice(key.length + 1) }] : []));
    }
    const subRoot = `${root}/charts/${key}`;
    const sub = subFiles && buildChart(sources, subRoot, subFiles, problems, depth + 1);
    if (sub) chart.subcharts.push(sub);
  }
  addWorkspaceDependencies(sources, chart, problems, depth);
  return chart;
}

/**
 * Dependencies that are not vendored under charts/: a `file://` repository is read from the source set; any
 * other is looked up by name among the charts the adapter put in the source set (bitnami/common beside the
 * bitnami charts). Helm would refuse to render the chart; here the templates that do not need it still render.
 */
function addWorkspaceDependencies(sources: SourceSet, chart: LoadedChart, problems: RenderProblem[], depth: number): void {
  chart.metadata.dependencies.forEach((dependency: DependencySpec, index) => {
    if (chart.subcharts.some((sub) => sub.metadata.name === dependency.name)) return;
    const location = chart.dependencyLocations[index] ?? { file: chart.chartFile, start: 0, end: 0 };
    const local = dependency.repository.startsWith('file://') ? joinPath(chart.root, dependency.repository.slice('file://'.length)) : undefined;
    const root = local && sources.files.has(`${local}/Chart.yaml`) ? local : findWorkspaceChart(sources, dependency.name, dependency.version, chart.root);
    if (!root) {
      problems.push({
        reason: 'missing-dependency',
        message: `dependency "${dependency.name}"${dependency.version ? ` (${dependency.version})` : ''}${dependency.repository ? ` from ${dependency.repository}` : ''} is neither under charts/ nor in the workspace`,
        location,
      });
      return;
    }
    const sub = buildChart(sources, root, directoryFiles(sources, root), problems, depth + 1);
    if (sub) chart.subcharts.push(sub);
  });
}

function locationsOf(raw: unknown, origins: ValueOrigins, file: string): SourceLocation[] {
  const dependencies = raw instanceof Map ? raw.get('dependencies') : undefined;
  if (!Array.isArray(dependencies)) return [];
  return dependencies.map((_, index) => {
    const origin = origins.entry(dependencies, index);
    return origin ? { file: origin.file, start: origin.start, end: origin.end } : { file, start: 0, end: 0 };
  });
}

/** A chart file's text (UTF-8, BOM removed as Helm's loader does). */
export function textOf(file: ChartFile | undefined): string {
  if (!file) return '';
  const text = typeof file.data === 'string' ? file.data : Buffer.from(file.data).toString('utf8');
  return text.replace(/^\uFEFF/, '');
}

function joinPath(base: string, relative: string): string {
  const parts = base.split('/');
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}
