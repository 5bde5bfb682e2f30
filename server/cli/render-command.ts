import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderHelmChart } from '../../rules/engine/chart/default-renderer';
import { printTemplate } from '../../rules/models/helm/chart/print';
import { setFilePaths } from '../../rules/models/helm/chart/set-parser';
import type { ChartRenderResult, HelmRenderOptions } from '../../rules/models/helm/render-result';
import type { OutputSpan, SourceSet } from '../../rules/models/helm/source-map';
import { readChartSources, WorkspaceCharts } from '../shared/chart-sources';
import { toPosix } from '../shared/config-loader';
import { annotateLines, sourceLocator } from './origin-lines';
import { displayPath } from './walk';

export const RENDER_USAGE = `Usage:
  stridelint render <chart-dir | chart.tgz> [options]   print the manifests stridelint analyses, as \`helm template\` does

Options (helm template's names and defaults):
  -f, --values FILE        values file applied after the chart's values.yaml (repeatable)
  --set KEY=VALUE          set values (repeatable; comma-separated pairs)
  --set-string KEY=VALUE   set STRING values (repeatable)
  --set-json KEY=JSON      set JSON values (repeatable; or a whole JSON object: --set-json '{"a":1}')
  --set-file KEY=PATH      set values from the text of files (repeatable)
  --release-name NAME      .Release.Name (default: release-name)
  --namespace NAME         .Release.Namespace (default: default; "" allowed)
  --kube-version VERSION   .Capabilities.KubeVersion
  --api-versions VERSION   added to .Capabilities.APIVersions (repeatable; comma-separated)
  -s, --show-only PATH     only the manifests of this template (repeatable)
  --include-crds           print the chart's crds/ first
  --skip-tests             leave out test hooks
  --show-origin            end each line with "# from <template>:<line>" (and the values line it printed)`;

export interface RenderArgs {
  chart?: string;
  options: HelmRenderOptions;
  showOnly: string[];
  includeCrds: boolean;
  skipTests: boolean;
  showOrigin: boolean;
}

export class RenderUsageError extends Error {}

/** Parses `stridelint render`'s arguments (after the word `render`). */
export function parseRenderArgs(argv: string[]): RenderArgs {
  const args = [...argv];
  const parsed: RenderArgs = { options: {}, showOnly: [], includeCrds: false, skipTests: false, showOrigin: false };
  const valuesFiles: string[] = [];
  const set: NonNullable<HelmRenderOptions['set']> = [];
  const apiVersions: string[] = [];
  const value = (flag: string, inline: string | undefined, allowEmpty = false): string => {
    const next = inline ?? args.shift();
    if (next === undefined || (inline === undefined && next.startsWith('-') && next !== '-') || (!allowEmpty && next === '')) throw new RenderUsageError(`${flag} needs a value.`);
    return next;
  };
  while (args.length > 0) {
    const arg = args.shift() as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const [flag, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    switch (flag) {
      case '-f':
      case '--values':
        valuesFiles.push(...value(flag, inline).split(','));
        break;
      case '--set':
      case '--set-string':
        set.push({ expression: value(flag, inline), asString: flag === '--set-string' });
        break;
      case '--set-json':
      case '--set-file':
        set.push({ expression: value(flag, inline), asString: false, kind: flag === '--set-json' ? 'json' : 'file' });
        break;
      case '--release-name':
        parsed.options.releaseName = value(flag, inline);
        break;
      case '--namespace':
      case '-n':
        parsed.options.namespace = value(flag, inline, true);
        break;
      case '--kube-version':
        parsed.options.kubeVersion = value(flag, inline);
        break;
      case '--api-versions':
      case '-a':
        apiVersions.push(...value(flag, inline).split(',').filter(Boolean));
        break;
      case '-s':
      case '--show-only':
        parsed.showOnly.push(value(flag, inline));
        break;
      case '--include-crds':
        parsed.includeCrds = true;
        break;
      case '--skip-tests':
        parsed.skipTests = true;
        break;
      case '--show-origin':
        parsed.showOrigin = true;
        break;
      default:
        if (arg.startsWith('-')) throw new RenderUsageError(`unknown option "${arg}".`);
        if (parsed.chart !== undefined) throw new RenderUsageError(`one chart at a time (got "${parsed.chart}" and "${arg}").`);
        parsed.chart = arg;
    }
  }
  if (valuesFiles.length) parsed.options.valuesFiles = valuesFiles;
  if (set.length) parsed.options.set = set;
  if (apiVersions.length) parsed.options.apiVersions = apiVersions;
  return parsed;
}

/**
 * The files `--set-file` names, read here (the engine never reads files): relative to the working folder as
 * Helm reads them, `-` from standard input. A file that is not there is left out: the engine reports Helm's
 * message. Helm would download a URL; stridelint never does.
 */
function readSetFiles(options: HelmRenderOptions, cwd: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const set of options.set ?? []) {
    if (set.kind !== 'file') continue;
    for (const path of setFilePaths(set.expression)) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) throw new Error(`${path}: stridelint reads local files only and never downloads`);
      const file = resolve(cwd, path);
      if (path.trim() === '-') files[path] = readFileSync(0, 'utf8');
      else if (existsSync(file) && statSync(file).isFile()) files[path] = readFileSync(file, 'utf8');
    }
  }
  return files;
}

/** `stridelint render`: the chart rendered in-process and printed in `helm template`'s format. Exit code 0, 1 (Helm's error) or 2. */
export function runRender(argv: string[], io: { stdout: (text: string) => void; stderr: (text: string) => void; cwd: string }): number {
  let args: RenderArgs;
  try {
    args = parseRenderArgs(argv);
    if (!args.chart) throw new RenderUsageError('render needs a chart folder or a .tgz archive.');
  } catch (error) {
    io.stderr(`stridelint: ${(error as Error).message}\n\n${RENDER_USAGE}\n`);
    return 2;
  }
  const chart = toPosix(resolve(io.cwd, args.chart)).replace(/\/+$/, '');
  if (!existsSync(chart)) {
    io.stderr(`Error: path "${args.chart}" not found\n`);
    return 1;
  }
  const sources = chartSourceSet(chart);
  const valuesFiles = (args.options.valuesFiles ?? []).map((file) => toPosix(resolve(io.cwd, file)));
  for (const file of valuesFiles) {
    if (!existsSync(file)) {
      io.stderr(`Error: open ${file}: no such file or directory\n`);
      return 1;
    }
    (sources.files as Map<string, string | Uint8Array>).set(file, readFileSync(file, 'utf8'));
  }
  let setFiles: Record<string, string>;
  try {
    setFiles = readSetFiles(args.options, io.cwd);
  } catch (error) {
    io.stderr(`Error: failed parsing --set-file data: ${(error as Error).message}\n`);
    return 1;
  }
  const result = renderHelmChart(sources, chart, { ...args.options, ...(valuesFiles.length ? { valuesFiles } : {}), setFiles });
  const shown = args.showOrigin ? withOrigins(result, sources, io.cwd) : result;
  const printed = printTemplate(shown, { showOnly: args.showOnly, includeCrds: args.includeCrds, skipTests: args.skipTests });
  // Unlike helm, the templates that render are printed even when another fails: that is what stridelint analyses.
  if (printed.stdout.trim()) io.stdout(printed.stdout);
  const errors = [...(printed.error ? [printed.error] : []), ...result.problems.map((problem) => problem.message)];
  for (const error of errors) io.stderr(`Error: ${error}\n`);
  return errors.length > 0 ? 1 : 0;
}

function chartSourceSet(chart: string): SourceSet {
  if (statSync(chart).isFile()) return { files: new Map([[chart, new Uint8Array(readFileSync(chart))]]) };
  const workspace = new WorkspaceCharts();
  workspace.addWithSiblings([chart]);
  return readChartSources(chart, workspace, 20_000_000);
}

/** Each rendered line ends with `# from <template>:<line>` (and the values line it printed), for reading. */
function withOrigins(result: ChartRenderResult, sources: SourceSet, cwd: string): ChartRenderResult {
  const where = sourceLocator(sources, cwd);
  // A line is described by the span that writes its first character and the first values node printed on it.
  const describe = (line: OutputSpan[], first: number): string => {
    const head = line[0];
    const source = head.callers.length ? head.callers[0] : head.kind === 'text' ? { ...head.source, start: head.source.start + (first - head.start) } : head.source;
    const value = line.find((span) => span.value)?.value;
    return `${where(source.file, source.start)}${value ? ` (${where(value.file, value.start)})` : ''}`;
  };
  const templates = result.templates.map((template) => ({ ...template, output: { text: annotateLines(template.output, describe), spans: [] } }));
  return { ...result, templates };
}
