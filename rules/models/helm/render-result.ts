import type { SourceLocation, TracedText } from './source-map';

/** Options of one chart render; defaults are `helm template`'s. */
export interface HelmRenderOptions {
  /** Values files applied after the chart's own `values.yaml`, in order (paths in the source set). */
  valuesFiles?: string[];
  /**
   * `--set` (`asString` false), `--set-string` (`asString` true), `--set-json` and `--set-file` (`kind`)
   * expressions, applied after the values files: all --set-json, then --set, --set-string, --set-file, as Helm
   * does, each kind in order.
   */
  set?: { expression: string; asString: boolean; kind?: 'json' | 'file' }[];
  /** The text of each file a `--set-file` names, keyed as written there (the adapter reads them, not the engine). */
  setFiles?: Record<string, string>;
  /** Default `release-name`. */
  releaseName?: string;
  /** Default `default`; an empty string is allowed. */
  namespace?: string;
  /** Default Helm's built-in kube version (v1.20.0 as in Helm's own tests; the CLI may choose a newer one). */
  kubeVersion?: string;
  /** Added to Helm's built-in API versions. */
  apiVersions?: string[];
}

/** One rendered template file (`# Source: <chart>/templates/x.yaml`), hooks and NOTES.txt excluded from linting. */
export interface RenderedTemplate {
  /** Helm's template name: `<chart name>/templates/x.yaml`, subcharts `<chart>/charts/<sub>/templates/y.yaml`. */
  name: string;
  /** The template file's path in the source set. */
  file: string;
  /** The rendered text (after Helm removes `<no value>`) with its source map. */
  output: TracedText;
  /** Set for `helm.sh/hook` documents and tests; `helm template` prints them, linting skips nothing. */
  hook?: string;
}

/** Why a template (or the whole chart) could not be analysed; each becomes one `stridelint/not-analysed` finding. */
export interface RenderProblem {
  reason: 'parse-error' | 'exec-error' | 'missing-dependency' | 'fail' | 'required' | 'budget' | 'bad-chart' | 'bad-values';
  message: string;
  /** Where: the template position, the Chart.yaml dependency, the values line… */
  location: SourceLocation;
  /**
   * The template file (source set path) this problem kept from being analysed, when it is about one template:
   * the location may lie in a helper that template included.
   */
  template?: string;
}

export interface ChartRenderResult {
  /** The chart's name (Chart.yaml `name`) and its directory in the source set. */
  chart: { name: string; root: string };
  templates: RenderedTemplate[];
  problems: RenderProblem[];
  /** The values files that were read, in the order applied (for messages: "with the chart's default values"). */
  valuesFiles: string[];
  /**
   * Set when `helm template` would refuse the whole chart (a library chart, an incompatible `kubeVersion`);
   * Helm's message. Whatever rendered is still in `templates`.
   */
  error?: string;
  /** The root chart's rendered NOTES.txt (not linted, not printed by `helm template`). */
  notes?: string;
  /** Subcharts' rendered NOTES.txt by template name (`web/charts/db/templates/NOTES.txt`); Helm drops them. */
  subchartNotes?: Map<string, string>;
  /** The chart's and its subcharts' `crds/` files (`<chart>/crds/x.yaml`), printed by `--include-crds`. */
  crds?: { name: string; file: string; text: string }[];
}
