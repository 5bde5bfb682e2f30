import { IncrementalChartRenderer } from '../../models/helm/chart/incremental-render';
import { DEFAULT_RENDER_LIMITS, renderChart } from '../../models/helm/chart/render';
import { TemplateParseCache } from '../../models/helm/template';
import type { ChartRenderer } from './lint-chart';

/**
 * The Helm renderer the adapters use. `cache` keeps parsed templates by file text, so that a language server
 * re-rendering a chart after a keystroke re-parses only the file that changed. `values: 'once'` for a caller that
 * renders each chart once (the CLI without --fix): no copy of the coalesced values is kept for a re-render.
 */
export function helmRenderer(cache: TemplateParseCache = new TemplateParseCache(), values: 'remember' | 'once' = 'remember'): ChartRenderer {
  return (sources, chartRoot, options) => renderChart(sources, chartRoot, options, DEFAULT_RENDER_LIMITS, cache, undefined, values);
}

/**
 * For the language server: each chart's next render runs only the templates an edit can change (see
 * IncrementalChartRenderer); parsed templates are kept by file text as above.
 */
export function incrementalHelmRenderer(cache: TemplateParseCache = new TemplateParseCache()): ChartRenderer {
  const renderer = new IncrementalChartRenderer(cache);
  return (sources, chartRoot, options) => renderer.render(sources, chartRoot, options);
}

/** For one-shot runs (the CLI's `render`): no cache shared between charts, no values kept for a re-render. */
export const renderHelmChart: ChartRenderer = (sources, chartRoot, options) => renderChart(sources, chartRoot, options, DEFAULT_RENDER_LIMITS, undefined, undefined, 'once');
