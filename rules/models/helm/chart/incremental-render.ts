import type { ChartRenderResult, HelmRenderOptions } from '../render-result';
import type { SourceSet } from '../source-map';
import type { TemplateParseCache } from '../template';
import type { ParsedTemplate } from '../template/tree';
import type { ReadLog, ValueWrite } from '../template/read-log';
import type { GoMap, GoValue } from '../value';
import type { ActiveChart } from './dependencies';
import type { TemplateOutcome } from './engine';
import { DEFAULT_RENDER_LIMITS, renderChart, type RenderLimits } from './render';
import { meets, shiftOutcome, textChange, type TextChange } from './source-shift';
import type { ChartValues } from './values';
import { carryReads, diffValues, markChanged, readsChanged, type Pristine, type ValuesChange } from './values-diff';

/**
 * Re-renders only what an edit can change (the language server renders a chart after every keystroke). Each
 * render records what every top-level template read (values maps and keys, `define`s looked up, `.Files`);
 * the next render of the same chart runs a template again only when
 * - a values key it read changed (the old and new coalesced values compared: values files, subchart scoping,
 *   `global` and imports all show there),
 * - it looked up a template whose text the edit touched (a `define` in `_helpers.tpl`, or its own file),
 * - it read `.Files` and one of those files changed,
 * and reuses its earlier output otherwise, its source map moved onto the edited files. Anything else renders
 * the whole chart: a file added or removed, Chart.yaml or any file not known to be a template, values or
 * `.Files` file, other render options, subcharts enabled differently, a template that does not parse (now or
 * before), a `define` added or removed. Writes into `.Values` (`set .Values.x …`: the templates after see
 * them) are recorded: a reused template's writes are made again, and a template run again marks what it wrote
 * as changed for the templates after it.
 */
export class IncrementalChartRenderer {
  private readonly charts = new Map<string, ChartState>();
  /** What the last render did (for tests and the bench). */
  lastRender: { full: boolean; executed: string[]; reused: number } = { full: true, executed: [], reused: 0 };

  constructor(
    private readonly cache?: TemplateParseCache,
    private readonly limits: RenderLimits = DEFAULT_RENDER_LIMITS,
  ) {}

  render(sources: SourceSet, chartRoot: string, options: HelmRenderOptions): ChartRenderResult {
    const root = chartRoot.replace(/\/+$/, '');
    const previous = this.charts.get(root);
    const optionsKey = JSON.stringify(options);
    const parsed = new Map<string, TemplateBlocks>();
    const outcomes = new Map<string, TemplateOutcome>();
    let values: ChartValues | undefined;
    let plan: Plan | undefined;
    const stats = { full: true, executed: [] as string[], reused: 0 };
    const planNow = (): Plan => (plan ??= previous && values && previous.optionsKey === optionsKey ? planFor(previous, sources, values, parsed) : FULL);
    const result = renderChart(sources, root, options, this.limits, this.cache, {
      valuesReady: (ready) => (values = ready),
      parsed: (file, templates) => parsed.set(file, blocksOf(templates)),
      reuse: (name) => {
        const current = planNow();
        stats.full = current === FULL;
        const earlier = current === FULL ? undefined : previous!.outcomes.get(name);
        const reused = earlier && reuseOutcome(earlier, current as IncrementalPlan);
        if (reused) stats.reused++;
        else stats.executed.push(name);
        return reused;
      },
      observe: (outcome) => {
        outcomes.set(outcome.name, outcome);
        // What a template run again writes into `.Values` may differ now: later templates that read it run again too.
        if (plan && plan !== FULL && outcome.reads.writes.size > 0 && stats.executed.includes(outcome.name)) markWrites(plan, outcome);
      },
    });
    this.lastRender = stats;
    if (!values) {
      this.charts.delete(root);
      return result;
    }
    this.charts.set(root, {
      optionsKey,
      files: new Map(sources.files), // a copy: the caller may change its map in place
      values: values.values,
      structure: structureOf(values.root),
      valuesFiles: new Set([...valuesFilesOf(values.root), ...(options.valuesFiles ?? [])]),
      dataFiles: new Set(dataFilesOf(values.root)),
      blocks: parsed,
      outcomes,
      pristine: pristineOf(outcomes.values()),
    });
    return result;
  }

  /** Forgets a chart's state (its next render is a full one). */
  forget(chartRoot: string): void {
    this.charts.delete(chartRoot.replace(/\/+$/, ''));
  }
}

/** A template file's templates (its body and `define`s): names, where each is written, its parse tree. */
interface TemplateBlocks {
  names: string;
  blocks: { name: string; start: number; end: number; template: ParsedTemplate }[];
}

interface ChartState {
  optionsKey: string;
  files: ReadonlyMap<string, string | Uint8Array>;
  /** The coalesced values the outcomes read. */
  values: GoMap;
  structure: string;
  valuesFiles: Set<string>;
  /** Files some chart's `.Files` holds. */
  dataFiles: Set<string>;
  blocks: Map<string, TemplateBlocks>;
  outcomes: Map<string, TemplateOutcome>;
  /** Values entries as they were before the templates wrote into them. */
  pristine: Pristine;
}

interface IncrementalPlan {
  /** Templates whose text an edit touched. */
  names: Set<string>;
  changes: Map<string, TextChange>;
  values: ValuesChange;
  dataChanged: boolean;
  /** New map → previous map, made when a template run again wrote into `.Values`. */
  previousOf?: Map<GoMap, GoMap>;
}

const FULL = 'full' as const;
type Plan = IncrementalPlan | typeof FULL;

function planFor(previous: ChartState, sources: SourceSet, values: ChartValues, parsed: Map<string, TemplateBlocks>): Plan {
  if (previous.structure !== structureOf(values.root)) return FULL;
  const plan: IncrementalPlan = { names: new Set(), changes: new Map(), values: diffValues(previous.values, values.values, previous.pristine), dataChanged: false };
  for (const path of new Set([...previous.files.keys(), ...sources.files.keys()])) {
    const before = previous.files.get(path);
    const after = sources.files.get(path);
    if (before === after || (before instanceof Uint8Array && after instanceof Uint8Array && Buffer.compare(before, after) === 0)) continue;
    if (typeof before !== 'string' || typeof after !== 'string') return FULL; // added, removed, or an archive that changed
    const change = textChange(before, after);
    plan.changes.set(path, change);
    let known = false;
    const blocks = previous.blocks.get(path);
    if (blocks) {
      const now = parsed.get(path);
      if (!now || now.names !== blocks.names) return FULL;
      for (const block of blocks.blocks) {
        // An edit that leaves the tree as it was (a comment, spaces inside an action) only moves what follows.
        if (meets(change, block.start, block.end) && !sameTree(block.template, now.blocks.find((other) => other.name === block.name)?.template)) plan.names.add(block.name);
      }
      known = true;
    }
    if (previous.dataFiles.has(path)) known = plan.dataChanged = true;
    if (previous.valuesFiles.has(path)) known = true;
    if (!known) return FULL;
  }
  return plan;
}

/** The earlier outcome, moved onto the edited files, when nothing it read changed; undefined to render it again. */
function reuseOutcome(earlier: TemplateOutcome, plan: IncrementalPlan): TemplateOutcome | undefined {
  const log = earlier.reads;
  if (plan.dataChanged && log.files) return undefined;
  // Error messages name the line and column they stopped at: those may have moved.
  if (earlier.problem && plan.changes.size > 0) return undefined;
  for (const name of log.names) if (plan.names.has(name)) return undefined;
  if (readsChanged(log.reads, plan.values)) return undefined;
  const reads = carryReads(log.reads, plan.values);
  const moved = reads && [...log.writes.keys()].every((map) => plan.values.counterpart.has(map)) && shiftOutcome(earlier, plan.changes);
  if (!moved) return undefined;
  return { ...moved, reads: { ...log, reads, writes: replayWrites(log.writes, plan.values) } };
}

/**
 * A reused template's writes into `.Values`, made again on the new values (the templates after it read them),
 * as the new render's log of them.
 */
function replayWrites(writes: ReadLog['writes'], change: ValuesChange): ReadLog['writes'] {
  const replayed: ReadLog['writes'] = new Map();
  for (const [map, keys] of writes) {
    const next = change.counterpart.get(map)!;
    const entries = new Map<string, ValueWrite>();
    for (const [key, { after }] of keys) {
      // The map's own methods: outside a template's run they note nothing.
      entries.set(key, { before: next.get(key), after });
      if (after === undefined) next.delete(key);
      else next.set(key, after);
    }
    replayed.set(next, entries);
  }
  return replayed;
}

/** Marks the keys a template wrote as changed (by the previous tree's maps), so that later readers run again. */
function markWrites(plan: IncrementalPlan, outcome: TemplateOutcome): void {
  plan.previousOf ??= new Map([...plan.values.counterpart].map(([previous, next]) => [next, previous]));
  for (const [map, keys] of outcome.reads.writes) {
    const previous = plan.previousOf.get(map);
    // A map the previous render did not have: whoever reads it reached it through a changed key.
    if (previous) for (const key of keys.keys()) markChanged(plan.values, previous, key);
  }
}

/** The first `before` of each written entry, in render order. */
function pristineOf(outcomes: Iterable<TemplateOutcome>): Pristine {
  const pristine = new Map<GoMap, Map<string, GoValue | undefined>>();
  for (const outcome of outcomes) {
    for (const [map, keys] of outcome.reads.writes) {
      let entries = pristine.get(map);
      if (!entries) pristine.set(map, (entries = new Map()));
      for (const [key, { before }] of keys) if (!entries.has(key)) entries.set(key, before);
    }
  }
  return pristine;
}

/**
 * Each template's extent: a file's body is the whole file; a `define`/`block` runs from its action to the end
 * of its `{{ end }}` (trim markers included: they change the text next to them).
 */
function blocksOf(templates: readonly ParsedTemplate[]): TemplateBlocks {
  const text = templates[0]?.source.text ?? '';
  const body = templates[0]?.source.name;
  const blocks = templates.map((template) => {
    if (template.name === body) return { name: template.name, start: 0, end: text.length, template };
    const close = text.indexOf('}}', template.root.end);
    return { name: template.name, start: template.root.start, end: close < 0 ? text.length : close + 2, template };
  });
  return { names: templates.map((template) => template.name).sort().join('\0'), blocks };
}

/** Whether two parses of a template are the same but for positions. */
function sameTree(a: ParsedTemplate, b: ParsedTemplate | undefined): boolean {
  const withoutPositions = (key: string, value: unknown) => (key === 'start' || key === 'end' ? undefined : typeof value === 'bigint' ? `${value}n` : value);
  return b !== undefined && JSON.stringify(a.root, withoutPositions) === JSON.stringify(b.root, withoutPositions);
}

/** What decides the chart tree of a render: subcharts enabled, their names and aliases, their dependencies. */
function structureOf(chart: ActiveChart): string {
  return JSON.stringify([chart.name, chart.loaded.root, chart.dependencies, chart.subcharts.map(structureOf)]);
}

function valuesFilesOf(chart: ActiveChart): string[] {
  return [...(chart.loaded.valuesFile ? [chart.loaded.valuesFile] : []), ...chart.subcharts.flatMap(valuesFilesOf)];
}

function dataFilesOf(chart: ActiveChart): string[] {
  return [...chart.loaded.files.map((file) => file.path), ...chart.subcharts.flatMap(dataFilesOf)];
}
