import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  BaselineError,
  ConfigurationError,
  baseName,
  DEFAULT_BASELINE_FILE,
  applyFixes,
  detectKind,
  detectKindOf,
  isIgnored,
  lintFile,
  selectFixes,
  type Finding,
  type KindContent,
  type Severity,
  type SeveritySetting,
  type StridelintConfig,
  type WorkspaceFacts,
} from '../../rules/engine';
import { ALL_RULES, ALL_RULE_METAS } from '../../rules';
import { workspaceIndex } from './workspace-index';
import { ConfigResolver, toPosix } from '../shared/config-loader';
import { readText } from '../shared/read-text';
import { baselineFilter, baselineRecorder } from './baseline';
import { formatEffectiveRules } from './format-effective';
import { githubWriter } from './format-github';
import { gitlabWriter } from './format-gitlab';
import { jsonWriter } from './format-json';
import { junitWriter } from './format-junit';
import { helmRenderOptions } from '../../rules/engine/chart/render-options';
import { chartOf, chartRoots, WorkspaceCharts } from '../shared/chart-sources';
import { isCachedFile, withoutNewFileTexts, type CachedFile } from './cached-result';
import { replayableOutput, storeOutput, worstSeverity, type FileEncoding } from './cached-output';
import { lintChartUnit } from './lint-charts';
import { forDisplay } from './unit-results';
import { lintKustomizeRun, type KustomizeRunOptions } from './lint-kustomizations';
import { cacheSigningKey } from './cache-key';
import { LintCache, cacheFilePath, cacheKey, contentHash, runningToolId, settingsDigest } from '../shared/lint-cache';
import { runRender } from './render-command';
import { rendersKustomization, runKustomizeRender } from './render-kustomization';
import { formatRulesJson, formatRulesMarkdown } from './format-rules';
import { sarifWriter } from './format-sarif';
import { textWriter } from './format-text';
import { openOutput, type OutputTarget } from './output-target';
import { collectReportInput, renderHtmlReport, renderMarkdownReport } from '../report';
import type { FileResult, RunProblem, RunResult, RunWriter } from './report-model';
import { TOOL_VERSION } from './report-model';
import { displayPath, walk } from './walk';
import { delayOptimisingCompiler } from '../shared/v8-tiering';
import { limitHeapGrowth } from './heap-growth';
import { hasSpareCore, holdSerialScavenges } from '../shared/v8-scavenges';
import { lintFromDisk, recordingWorkspace, type RunFacts } from './lint-on-disk';
import { LintPool } from './lint-pool';
import { startLintOnce, type LintedOnce, type StartedOnce } from './lint-once';
import { decodedAsCounted } from './held-output';
import { OnceThreads } from './once-workers';
import { availableParallelism } from 'node:os';
import { RunRecorder } from './run-recorder';

export const USAGE = `Usage:
  stridelint [paths…] [options]        lint files and folders (default: .)
  stridelint rules [--format json|markdown]
  stridelint rules --effective [path] [--config FILE] [--format json|markdown]
                                       each rule's severity in force and where it came from
                                       (default, a preset of extends:, rules, overrides[n], categories)
  stridelint render <chart-dir|chart.tgz> [helm template's options]
                                       print a Helm chart's manifests as stridelint renders them
  stridelint render <kustomization-dir> [--reorder legacy|none] [--load-restrictor …] [--show-origin]
                                       print a kustomization's build as \`kustomize build\` does
  stridelint report [paths…] [--format html|md] [--output FILE]
                                       the STRIDE threat-model document (default: html)
  stridelint --stdio                   start the language server (for LSP editors)

Options:
  --format FORMAT               output format (default: text):
                                  text    compiler-style lines and a summary
                                  json    the documented JSON contract
                                  sarif   SARIF 2.1.0 (GitHub code scanning, upload-sarif)
                                  github  GitHub Actions annotations (workflow commands)
                                  gitlab  GitLab Code Quality report
                                  junit   JUnit XML
  --output FILE                 write the output to FILE instead of stdout
  --fail-on error|warning|info  lowest severity that makes the exit code 1 (default: error)
  --config FILE                 use this configuration instead of the nearest .stridelint.yaml
  --rule <id>=off|info|warning|error   override one rule (repeatable)
  --fix                         apply safe fixes in place, then report what remains
  --fix-suggestions             with --fix (implied), also apply suggested fixes: those that change
                                runtime behaviour (e.g. runAsNonRoot: true), so review the diff
  --follow-symlinks             follow symbolic links to folders and to files outside the folder
                                (default: not followed, as git and ripgrep do; each one skipped is listed)
  --workers N                   lint in N worker threads besides the main one (default: from 200
                                files of the kinds it lints, one per core besides the main thread, at
                                most 3; with --cache or --fix none; 0: one thread). The output is the
                                same whatever N
  --cache                       reuse each unchanged file's findings from the last run (same content,
                                settings and stridelint build); --fix always lints afresh. The cache
                                is signed with a key outside the workspace (STRIDELINT_CACHE_KEY, else
                                a key file in the user's config folder): a cache signed otherwise is
                                ignored and rewritten
  --cache-location FILE|DIR     where the cache lives (default .stridelint-cache; never linted)
  --write-baseline [FILE.json]  record the current findings as accepted (default .stridelint-baseline.json)
  --baseline FILE               report only findings not in the baseline; say how many remain or disappeared
  --group stride                text format: list findings under their STRIDE category
  --version, --help

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or configuration error.`;

export class UsageError extends Error {}

export interface CliOptions {
  command: 'lint' | 'rules' | 'report' | 'help' | 'version';
  paths: string[];
  format: 'text' | 'json' | 'sarif' | 'github' | 'gitlab' | 'junit' | 'markdown' | 'html' | 'md';
  output?: string;
  failOn: Severity;
  config?: string;
  ruleOverrides: Record<string, SeveritySetting>;
  fix: boolean;
  /** Also apply suggestion fixes (not only safe ones); implies `fix`. */
  fixSuggestions?: boolean;
  groupByStride: boolean;
  followSymlinks?: boolean;
  cache?: boolean;
  cacheLocation?: string;
  /** Lint worker threads besides the main one (`--workers`); undefined or 0: none. */
  workers?: number;
  writeBaseline?: string;
  baseline?: string;
  effective: boolean;
}

export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { command: 'lint', paths: [], format: 'text', failOn: 'error', ruleOverrides: {}, fix: false, groupByStride: false, effective: false };
  let formatGiven = false;
  const args = [...argv];
  if (args[0] === 'rules') {
    options.command = 'rules';
    options.format = 'markdown';
    args.shift();
  } else if (args[0] === 'report') {
    options.command = 'report';
    options.format = 'html';
    args.shift();
  }
  const value = (flag: string, inline: string | undefined): string => {
    const next = inline ?? args.shift();
    if (next === undefined || (inline === undefined && next.startsWith('--'))) throw new UsageError(`${flag} needs a value.`);
    return next;
  };
  while (args.length > 0) {
    const arg = args.shift() as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (flag) {
      case '--format': {
        const format = value(flag, inline);
        const allowed = options.command === 'rules' ? ['json', 'markdown'] : options.command === 'report' ? ['html', 'md'] : ['text', 'json', 'sarif', 'github', 'gitlab', 'junit'];
        if (!allowed.includes(format)) throw new UsageError(`--format must be one of ${allowed.join(', ')} (got "${format}").`);
        options.format = format as CliOptions['format'];
        formatGiven = true;
        break;
      }
      case '--output':
      case '-o':
        options.output = value(flag, inline);
        break;
      case '--fail-on': {
        const level = value(flag, inline);
        if (!['error', 'warning', 'info'].includes(level)) throw new UsageError(`--fail-on must be error, warning or info (got "${level}").`);
        options.failOn = level as Severity;
        break;
      }
      case '--config':
        options.config = value(flag, inline);
        break;
      case '--rule': {
        const setting = value(flag, inline);
        const match = /^(.+)=(off|info|warning|error)$/.exec(setting);
        if (!match) throw new UsageError(`--rule takes <rule-id>=off|info|warning|error (got "${setting}").`);
        if (!ALL_RULE_METAS.some((meta) => meta.id === match[1])) throw new UsageError(`--rule: unknown rule "${match[1]}"; \`stridelint rules\` lists them.`);
        options.ruleOverrides[match[1]] = match[2] as SeveritySetting;
        break;
      }
      case '--fix':
        options.fix = true;
        break;
      case '--fix-suggestions':
        options.fix = true;
        options.fixSuggestions = true;
        break;
      case '--follow-symlinks':
        options.followSymlinks = true;
        break;
      case '--cache':
        options.cache = true;
        break;
      case '--workers': {
        const count = value(flag, inline);
        if (!/^\d+$/.test(count) || Number(count) > 64) throw new UsageError(`--workers takes a number of threads from 0 to 64 (got "${count}").`);
        options.workers = Number(count);
        break;
      }
      case '--cache-location':
        options.cacheLocation = value(flag, inline);
        break;
      case '--effective':
        if (options.command !== 'rules') throw new UsageError('--effective goes with the rules command: stridelint rules --effective.');
        options.effective = true;
        break;
      case '--write-baseline':
        // The file is optional; a following argument counts as it only when it names a .json file.
        options.writeBaseline = inline ?? (args[0] !== undefined && /\.json$/i.test(args[0]) ? (args.shift() as string) : DEFAULT_BASELINE_FILE);
        break;
      case '--baseline':
        options.baseline = value(flag, inline);
        break;
      case '--group': {
        const group = value(flag, inline);
        if (group !== 'stride') throw new UsageError(`--group takes "stride" (got "${group}").`);
        options.groupByStride = true;
        break;
      }
      case '--help':
      case '-h':
        options.command = 'help';
        break;
      case '--version':
      case '-v':
        options.command = 'version';
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}".`);
        options.paths.push(arg);
    }
  }
  if (options.command === 'lint' && !formatGiven) options.format = 'text';
  if (options.command === 'report' && options.fix) throw new UsageError('report does not take --fix: it describes the files as they are.');
  if (options.writeBaseline && options.baseline) throw new UsageError('--write-baseline and --baseline do not go together: write the baseline, then compare with it.');
  if (options.paths.length === 0) options.paths.push('.');
  return options;
}

function withOverrides(config: StridelintConfig, overrides: Record<string, SeveritySetting>): StridelintConfig {
  if (Object.keys(overrides).length === 0) return config;
  const rules = { ...config.rules };
  for (const [id, severity] of Object.entries(overrides)) rules[id] = { ...rules[id], severity };
  return { ...config, rules };
}

/** The lint output formats besides text, each written as the run goes. */
const WRITERS = { json: jsonWriter, sarif: sarifWriter, github: githubWriter, gitlab: gitlabWriter, junit: junitWriter };

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
const MAX_FIX_PASSES = 10;

/** Where a run's results go as they come: each file's result when it is finished, each problem when met. */
export interface LintSink {
  file(result: FileResult): void;
  problem(problem: RunProblem): void;
  /** Told, before any output, when the run will lint files anew (not all from the cache). */
  lintsAnew?(): void;
  /** With --cache: the output's encoding, and where a file's encoded output goes (false: not written). */
  encoded?: { encoding: FileEncoding; file(decoded: unknown, worst: Severity | null): void };
}

/** Lints the given paths, handing each file's result to `sink` as soon as it is finished (nothing is kept). */
export function lintRun(options: Pick<CliOptions, 'paths' | 'config' | 'ruleOverrides' | 'fix' | 'fixSuggestions' | 'followSymlinks' | 'workers'> & { cache?: LintCache }, cwd: string, sink: LintSink): void {
  const resolver = new ConfigResolver(options.config ? resolve(cwd, options.config) : undefined);
  const roots = options.paths.map((path) => resolve(cwd, path));
  for (const root of roots) {
    if (!existsSync(root)) throw new UsageError(`path does not exist: ${displayPath(root, cwd)}`);
  }
  // The plain run's lint workers load the engine while the walk goes on: from its start when asked for
  // (`--workers N`), else once the walk has found enough files for the default to start them.
  const mayUseWorkers = !options.fix && !options.cache && options.workers !== 0;
  // Lint threads on every core (the workers and this thread): serial scavenges while they run (v8-scavenges.ts).
  let releaseScavenges: (() => void) | undefined;
  const holdScavenges = (workers: number) => {
    if (!releaseScavenges && workers > 0 && !hasSpareCore(workers + 1)) releaseScavenges = holdSerialScavenges();
  };
  const startThreads = () => (threads ??= new OnceThreads(options.workers ?? defaultWorkers()));
  let threads: OnceThreads | undefined;
  if (mayUseWorkers && options.workers !== undefined) startThreads();
  let pool: LintPool | undefined;
  let started: StartedOnce | undefined;
  let once: LintedOnce | undefined;
  // Asked several times per file (walk, index, plan): resolved once (with --rule, one settings object per file, not per call, so its digest is computed once).
  const configs = new Map<string, StridelintConfig>();
  const configFor = (file: string): StridelintConfig => {
    let config = configs.get(file);
    if (!config) configs.set(file, (config = withOverrides(resolver.forFile(file), options.ruleOverrides)));
    return config;
  };
  try {
    const walked = walk(roots, (path) => {
      if (options.cache && path === options.cache.file) return true;
      const posix = toPosix(path);
      return isIgnored(resolver.forFile(path), posix);
    }, { followSymlinks: options.followSymlinks, manyFiles: mayUseWorkers && defaultWorkers() > 0 ? { count: WORKERS_FROM_FILES, counts: (file) => mayBeLinted(file, configFor(file)), found: startThreads } : undefined });
    for (const problem of walked.problems) sink.problem({ path: displayPath(problem.path, cwd), message: problem.message });
    const charts = chartUnits(walked.files, (file) => withOverrides(resolver.forFile(file), options.ruleOverrides));
    const toolId = options.cache?.toolId ?? '';
    const plainFiles = walked.files.filter((file) => !charts.unitOf(toPosix(file)));
    const shown = (file: string) => displayPath(file, cwd);
    // One parse per plain file in the plain run (no cache, no fixes): facts and lint from the same parse, in
    // lint workers besides this thread for a large run (`--workers` or runWorkers).
    // Each thread encodes its files' output in the run's format when the format can replay it (the CLI's thread
    // then only copies it into the output, and the run's serial tail is short).
    const output = sink.encoded && { encoding: sink.encoded.encoding.name, cwd };
    if (!options.fix && !options.cache) {
      const workers = options.workers ?? runWorkers(plainFiles.filter((file) => mayBeLinted(file, configFor(file))).length);
      holdScavenges(workers);
      started = startLintOnce(plainFiles, configFor, shown, { workers, threads, output });
    }
    // A chart, like a kustomization's build, is its own scope (issue 18): it sees the host's settings (`host`,
    // without the index), not the plain files' Kubernetes objects.
    // Kustomizations: each leaf built and linted as a unit; the files a build covers are not linted alone.
    const walkedPosix = walked.files.map(toPosix);
    const firstKustomization = walked.files.find((file) => /(^|[\\/])(kustomization\.ya?ml|Kustomization)$/.test(file));
    const kustomizeWith = (host: WorkspaceFacts, cache?: KustomizeRunOptions['cache']) =>
      firstKustomization ? lintKustomizeRun(walkedPosix, { config: withOverrides(resolver.forFile(firstKustomization), options.ruleOverrides), workspace: host, fix: options.fix, fixSuggestions: options.fixSuggestions, cwd, cache }) : undefined;
    // The plain run builds the kustomizations while its workers lint: they read only the host settings.
    const early = started && kustomizeWith(started.host);
    // The files the builds cover are output from the builds: their own lint is not taken, so each thread parses them for their facts alone.
    once = started?.finish(early ? (posix) => early.covers(posix) : undefined);
    const { index, host, digests, contentHashes } = once?.runIndex ?? workspaceIndex(plainFiles, configFor, shown, options.cache && { store: options.cache, toolId });
    // --cache: a result is reused when the file's text, its settings, the working folder (paths in findings are
    // shown relative to it), the build of stridelint and the answers to the fact questions its lint asked are all
    // the same. Charts and kustomizations read only the host settings.
    const unitKey = options.cache && cacheKey([toolId, digests.digestOf(['host']) ?? '', cwd]);
    const kustomize = once && !once.hostChanged ? early : kustomizeWith(host, options.cache && unitKey ? { store: options.cache, key: [unitKey] } : undefined);
    const fileKey = (config: StridelintConfig, posix: string, hash: string): string => cacheKey([toolId, cwd, settingsDigest(config), posix, hash]);
    const facts: RunFacts = { index, host };
    // What each walked file needs, in walk order: its chart's lint, its cached result, or a lint (by a worker
    // with --workers); results are handed on in walk order whoever made them.
    const planned = [];
    for (const file of walked.files) {
      const posix = toPosix(file);
      const chart = charts.unitOf(posix);
      if (!chart && kustomize?.covers(posix)) continue;
      const config = configFor(file);
      // The index read this file and hashed it: a cached result needs no second read.
      const indexedHash = contentHashes.get(posix);
      const key = !chart && options.cache && !options.fix && indexedHash ? fileKey(config, posix, indexedHash) : undefined;
      // The file's output as the format wrote it, when nothing joins other findings to the file's.
      const replay = key && sink.encoded && !kustomize?.findingsOf(posix).length ? replayableOutput(options.cache as LintCache, posix, key, sink.encoded.encoding, (reads) => digests.digestOf(reads)) : undefined;
      const entry = key && !replay ? options.cache?.get(posix, key, isCachedFile) : undefined;
      const cached = entry && entry.readsDigest === digests.digestOf(entry.reads) ? entry : undefined;
      planned.push({ file, posix, config, chart, key, replay, cached });
    }
    const toLint = planned.filter((plan) => !plan.chart && !plan.replay && !plan.cached);
    if (toLint.length > 0) sink.lintsAnew?.();
    if (options.cache && !options.fix) pool = lintPool(options.workers, toLint.length, true);
    if (pool) holdScavenges(options.workers ?? 0);
    pool?.setFacts(facts);
    toLint.forEach((plan, id) => pool?.add(id, plan.file, plan.posix, plan.config));
    // A file's result to the sink; with --cache and an encoding, as encoded output, which the cache keeps too.
    // `fresh`: the file was just linted, and its result entry set: a file is stored once, as its output when the
    // format keeps one (a later run in another format lints it again and keeps its result entry from then on).
    const emit = (posix: string, key: string | undefined, result: FileResult, reads?: Pick<CachedFile, 'reads' | 'readsDigest'>, fresh = false): void => {
      const encoded = sink.encoded;
      if (!encoded || !options.cache || !key || !reads) return sink.file(result);
      const worst = worstSeverity(result.findings);
      const decoded = storeOutput(options.cache, posix, key, encoded.encoding, encoded.encoding.encode(result), { worst, reads: reads.reads, readsDigest: reads.readsDigest });
      if (decoded === undefined) return sink.file(result);
      if (fresh) options.cache.delete(posix);
      encoded.file(decoded, worst);
    };
    let lintId = 0;
    for (const { file, posix, config, chart, key, replay, cached } of planned) {
      if (chart) {
        // A chart is linted once, as a unit, where its first file comes in the walk.
        if (charts.take(chart)) for (const result of lintChartUnit(chart, charts.filesOf(chart), { config: charts.configOf(chart), workspace: host, charts: charts.workspace, fix: options.fix, fixSuggestions: options.fixSuggestions, cwd, cache: options.cache && unitKey ? { store: options.cache, key: [unitKey] } : undefined })) sink.file(result);
        continue;
      }
      // A kustomization build's findings on this file come from the builds (cached as one unit), not from the file's entry.
      if (replay) {
        sink.encoded?.file(replay.decoded, replay.worst);
        continue;
      }
      const fromBuilds = kustomize?.findingsOf(posix) ?? [];
      const shown = displayPath(file, cwd);
      if (cached) {
        const kind = cached.kind ?? (fromBuilds.length ? 'kubernetes' : undefined);
        if (kind) emit(posix, key, { path: shown, kind, findings: [...cached.findings, ...fromBuilds], ...(cached.suppressed ? { suppressed: cached.suppressed } : {}), ...(cached.skipped ? { skipped: cached.skipped } : {}) }, fromBuilds.length ? undefined : cached);
        continue;
      }
      const taken = pool?.take(lintId++) ?? once?.take(posix);
      if (taken && 'encoded' in taken) {
        // Output a lint thread encoded: written as it is, unless the kustomization builds' findings join the file's.
        const decoded = fromBuilds.length === 0 ? sink.encoded?.encoding.decode(taken.encoded) : undefined;
        if (decoded !== undefined) {
          sink.encoded?.file(decodedAsCounted(decoded), taken.worst);
          continue;
        }
      }
      const fromDisk = taken && !('encoded' in taken) ? taken : lintFromDisk(file, posix, config, facts, options.cache !== undefined);
      if ('problem' in fromDisk) {
        sink.problem({ path: shown, message: fromDisk.problem });
        continue;
      }
      if ('skipped' in fromDisk) {
        // Only files that would have been linted are worth a "not analysed" line.
        const kind = detectKind(posix, '', { kindGlobs: config.files });
        if (kind) sink.file({ path: shown, kind, skipped: fromDisk.skipped, findings: [skippedFinding(fromDisk.skipped)] });
        continue;
      }
      const freshKey = options.cache ? fileKey(config, posix, fromDisk.hash) : '';
      const reads = new Set(fromDisk.reads);
      let result = fromDisk.result;
      const kind = result.kind ?? (fromBuilds.length ? 'kubernetes' : undefined);
      const readsEntry = (): Pick<CachedFile, 'reads' | 'readsDigest'> => ({ reads: [...reads], readsDigest: digests.digestOf([...reads]) ?? '' });
      if (!kind) {
        options.cache?.set(posix, freshKey, { kind: null, findings: [], ...readsEntry() } satisfies CachedFile);
        continue;
      }
      let text = fromDisk.text ?? '';
      if (options.fix) {
        const read = text;
        const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
        let body = bom ? text.slice(1) : text;
        for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
          const fixes = selectFixes(body, result.findings, { safeOnly: !options.fixSuggestions });
          if (fixes.length === 0) break;
          body = applyFixes(body, fixes);
          result = lintFile(body, posix, { config, kind, workspace: recordingWorkspace(facts, reads), fingerprints: true, rules: ALL_RULES });
        }
        if (bom + body !== read) {
          text = bom + body;
          writeFileSync(file, text);
        }
      }
      // Related places (another file of the workspace) are shown relative to the working folder, like the file's own path.
      const linted = { kind, findings: result.findings.map((finding) => forDisplay(finding, cwd)), ...(result.suppressed ? { suppressed: result.suppressed.map((finding) => forDisplay(finding, cwd)) } : {}), ...(result.skipped ? { skipped: result.skipped } : {}) };
      // After --fix the file's text changed: its key is the fixed text's.
      const readsNow = options.cache ? readsEntry() : undefined;
      if (options.cache && readsNow) options.cache.set(posix, options.fix && text !== fromDisk.text ? fileKey(config, posix, contentHash(Buffer.from(text))) : freshKey, { ...linted, findings: withoutNewFileTexts(linted.findings), ...(linted.suppressed ? { suppressed: withoutNewFileTexts(linted.suppressed) } : {}), ...readsNow } satisfies CachedFile);
      // A kustomization build's findings on this file are not in its entry: they are the builds' (cached as one unit).
      emit(posix, freshKey, { path: shown, ...linted, findings: [...linted.findings, ...fromBuilds] }, fromBuilds.length || options.fix ? undefined : readsNow, true);
    }
    if (kustomize) for (const result of kustomize.fileResults(new Set(walkedPosix))) sink.file(result);
  } finally {
    pool?.close();
    (once ?? started)?.close();
    threads?.close();
    releaseScavenges?.();
  }
}

/**
 * The --cache run's lint workers, as asked (`--workers`): none by default. On this 2-core machine kind, shared, one
 * worker cost 25-40 % more CPU and 65 MiB more peak RSS and gave no shorter run (BENCHMARKS.md, 2026-12-03).
 */
function lintPool(asked: number | undefined, files: number, hashed: boolean): LintPool | undefined {
  return asked !== undefined && asked > 0 && files > 0 ? new LintPool(asked, hashed) : undefined;
}

/** Plain files from which the plain run lints in workers by default (below, starting one costs more than it saves). */
const WORKERS_FROM_FILES = 200;

/** The plain run's default lint workers: one per core besides this thread, at most 3, for a large run only. */
function runWorkers(files: number): number {
  return files >= WORKERS_FROM_FILES ? defaultWorkers() : 0;
}

/** One worker per core besides this thread, at most 3. */
function defaultWorkers(): number {
  return Math.max(0, Math.min(availableParallelism() - 1, 3));
}

/** Content that passes every test: a kind detected with it is one the file's name allows. */
const ANY_CONTENT: KindContent = { empty: true, test: () => true };

/** Whether a walked file may be linted, judged by its name (a repository's source files do not count for workers). */
function mayBeLinted(file: string, config: StridelintConfig): boolean {
  return detectKindOf(toPosix(file), ANY_CONTENT, { kindGlobs: config.files }) !== undefined;
}

/** The run's Helm charts: which walked files belong to which chart, each chart linted once. */
function chartUnits(walkedFiles: string[], configFor: (file: string) => StridelintConfig) {
  const posixFiles = walkedFiles.map(toPosix);
  const roots = chartRoots(posixFiles);
  const workspace = new WorkspaceCharts();
  workspace.addWithSiblings(roots);
  const configOf = (root: string): StridelintConfig => configFor(`${root}/Chart.yaml`);
  const valuesFiles = (root: string): string[] => helmRenderOptions(configOf(root), root).valuesFiles ?? [];
  const members = new Map<string, string[]>();
  for (const file of posixFiles) {
    const root = chartOf(file, roots, valuesFiles);
    if (root) members.set(root, [...(members.get(root) ?? []), file]);
  }
  const done = new Set<string>();
  return {
    workspace,
    configOf,
    unitOf: (file: string) => chartOf(file, roots, valuesFiles),
    filesOf: (root: string) => members.get(root) ?? [],
    take: (root: string) => !done.has(root) && done.add(root) !== undefined,
  };
}

function skippedFinding(reason: string): Finding {
  return {
    ruleId: 'stridelint/not-analysed',
    kind: 'any',
    stride: 'tampering',
    severity: 'info',
    message: `Not analysed: ${reason}.`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    fixes: [],
  };
}

/**
 * Runs the CLI and returns its exit code; output goes through the given writers (tests capture them).
 * `recordRun`: a `--cache` run keeps a record of itself in the cache for the whole-run fast path (run-record.ts;
 * the process's own run only: the record stamps what node's fs functions read while the run goes).
 */
export function main(argv: string[], givenIo: { stdout: (text: string) => void; stderr: (text: string) => void; cwd?: string; env?: NodeJS.ProcessEnv } = defaultIo(), { recordRun = false } = {}): number {
  let recording: RunRecorder | undefined;
  const io = { ...givenIo, stderr: (text: string) => (recording?.wrote('e', text), givenIo.stderr(text)) };
  if (argv[0] === 'render' && rendersKustomization(argv.slice(1), io.cwd ?? process.cwd())) return runKustomizeRender(argv.slice(1), { ...io, cwd: io.cwd ?? process.cwd() });
  if (argv[0] === 'render') return runRender(argv.slice(1), { ...io, cwd: io.cwd ?? process.cwd() });
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    io.stderr(`stridelint: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const cwd = io.cwd ?? process.cwd();
  const emit = (text: string): void => {
    if (options.output) writeFileSync(resolve(cwd, options.output), text);
    else io.stdout(text);
  };
  if (options.command === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (options.command === 'version') {
    io.stdout(`${TOOL_VERSION}\n`);
    return 0;
  }
  if (options.command === 'rules' && options.effective) {
    try {
      const resolver = new ConfigResolver(options.config ? resolve(cwd, options.config) : undefined);
      const target = resolve(cwd, options.paths[0]);
      const config = withOverrides(existsSync(target) && statSync(target).isDirectory() ? resolver.forDirectory(target) : resolver.forFile(target), options.ruleOverrides);
      emit(formatEffectiveRules(config, toPosix(target), options.format === 'json' ? 'json' : 'markdown'));
      return 0;
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      io.stderr(`stridelint: invalid configuration:\n${error.message}\n`);
      return 2;
    }
  }
  if (options.command === 'rules') {
    emit(options.format === 'json' ? formatRulesJson() : formatRulesMarkdown());
    return 0;
  }
  let recorder: ReturnType<typeof baselineRecorder> | undefined;
  try {
    if (options.writeBaseline) recorder = baselineRecorder(options.writeBaseline, cwd);
  } catch (error) {
    io.stderr(`stridelint: cannot write the baseline ${options.writeBaseline}: ${(error as Error).message}\n`);
    return 2;
  }
  // The report and the baseline need the whole run; every lint format is written as the files finish.
  const collected: RunResult = { files: [], walkProblems: [] };
  let output: OutputTarget | undefined;
  let failing = false;
  try {
    const cache = options.cache ? openCache(cacheFilePath(options.cacheLocation, cwd), cwd, io) : undefined;
    // The whole-run record: a plain lint run (no fixes, no baseline written, no lint threads, whose reads it could not see) with a cache it used.
    if (recordRun && cache && !cache.discarded && options.command === 'lint' && !options.fix && !recorder && !options.workers) {
      recording = new RunRecorder(new Set([cache.file]));
      recording.start();
    }
    const baseline = options.baseline ? baselineFilter(options.baseline, cwd) : undefined;
    output = options.command === 'lint' && !recorder ? openOutput(options.output, cwd, io.stdout) : undefined;
    if (recording && output) output = recordedOutput(output, recording);
    const writer: RunWriter | undefined = output && (WRITERS[options.format as keyof typeof WRITERS]?.(output.write) ?? textWriter(output.write, { groupByStride: options.groupByStride }));
    // A format that can replay its per-file output gets it from the cache (--cache), or from the lint threads of
    // the one parse; not with a baseline, which filters findings.
    const encoding = !baseline ? writer?.encoding : undefined;
    lintRun({ ...options, cache }, cwd, {
      ...(encoding && {
        encoded: {
          encoding,
          file(decoded: unknown, worst: Severity | null) {
            encoding.replay(decoded);
            failing ||= worst !== null && SEVERITY_RANK[worst] >= SEVERITY_RANK[options.failOn];
          },
        },
      }),
      // A run that lints anew keeps no record (see below): it stops recording before its output.
      lintsAnew: () => recording?.abandon('it lints files anew'),
      problem(problem) {
        collected.walkProblems.push(problem);
        writer?.problem(problem);
      },
      file(result) {
        const shown = baseline ? baseline.apply(result) : result;
        failing ||= shown.findings.some((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[options.failOn]);
        if (writer) writer.file(shown);
        else if (recorder) recorder.file(shown);
        else collected.files.push(shown);
      },
    });
    if (baseline) collected.baseline = baseline.summary();
    if (options.fix) collected.fix = { suggestionsApplied: options.fixSuggestions === true };
    writer?.end(collected);
    output?.close();
    // Recorded only by a run that linted nothing anew (the cache unchanged): a run after an edit does not pay for
    // the record (its output written twice, signed); the next run with nothing changed records, the one after replays.
    const record = recording && cache && !cache.modified ? recording.finish({ argv, cwd, output: options.output ? resolve(cwd, options.output) : null, exit: failing ? 1 : 0, cacheFile: cache.file, engine: __filename }) : undefined;
    if (record) cache?.setRun(record);
    try {
      cache?.save();
    } catch (error) {
      io.stderr(`stridelint: cannot write the cache ${displayPath((cache as LintCache).file, cwd)}: ${(error as Error).message}\n`);
    }
  } catch (error) {
    output?.abort();
    if (error instanceof BaselineError) {
      io.stderr(`stridelint: invalid baseline: ${error.message}\n`);
      return 2;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && options.baseline) {
      io.stderr(`stridelint: baseline file not found: ${options.baseline}\n`);
      return 2;
    }
    if (error instanceof ConfigurationError) {
      io.stderr(`stridelint: invalid configuration:\n${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.stderr(`stridelint: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    recording?.stop();
  }
  if (options.command === 'report') {
    const input = { ...collectReportInput(collected, options, cwd), generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), toolVersion: TOOL_VERSION };
    emit(options.format === 'md' ? renderMarkdownReport(input) : renderHtmlReport(input));
    return 0;
  }
  if (recorder) {
    let count: number;
    try {
      count = recorder.write();
    } catch (error) {
      io.stderr(`stridelint: cannot write the baseline ${options.writeBaseline}: ${(error as Error).message}\n`);
      return 2;
    }
    io.stdout(`stridelint: wrote ${count} finding${count === 1 ? '' : 's'} to ${options.writeBaseline}; use --baseline ${options.writeBaseline} to report only new ones.\n`);
    return 0;
  }
  return failing ? 1 : 0;
}

/**
 * --cache: the cache signed with this user's key (cache-key.ts), so that a cache the repository ships is not
 * trusted; without a usable key the run goes on without the cache, and says why.
 */
function openCache(file: string, cwd: string, io: { stderr: (text: string) => void; env?: NodeJS.ProcessEnv }): LintCache | undefined {
  const signing = cacheSigningKey(io.env ?? process.env);
  if ('error' in signing) {
    io.stderr(`stridelint: --cache is off for this run: ${signing.error}.\n`);
    return undefined;
  }
  const cache = new LintCache(file, runningToolId(TOOL_VERSION), { hmacKey: signing.key });
  if (cache.discarded) io.stderr(`stridelint: the cache ${displayPath(cache.file, cwd)} was not used: ${cache.discarded}; it will be rewritten.\n`);
  return cache;
}

/** The output target, each chunk also handed to the run's record. */
function recordedOutput(output: OutputTarget, recording: RunRecorder): OutputTarget {
  return {
    write(chunk) {
      recording.wrote('o', chunk);
      output.write(chunk);
    },
    close: () => output.close(),
    abort: () => output.abort(),
  };
}

function defaultIo() {
  return { stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text) };
}

/** `stridelint --stdio` / `--node-ipc`: hand over to the language server bundle beside this one. */
function startLanguageServer(): boolean {
  const serverBundle = resolve(__dirname, 'server.js');
  if (!existsSync(serverBundle)) {
    process.stderr.write('stridelint: the language server is not built (dist/server.js missing).\n');
    process.exitCode = 2;
    return true;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(serverBundle);
  return true;
}

/** The CLI process: `dist/cli.js` (entry.ts) runs it when the `--cache` fast path does not serve the run. */
export function runCli(argv: string[]): void {
  delayOptimisingCompiler();
  if (argv.some((arg) => arg === '--stdio' || arg === '--node-ipc' || arg.startsWith('--socket') || arg.startsWith('--pipe'))) {
    startLanguageServer();
  } else {
    limitHeapGrowth(); // the CLI only: the language server's heap is another matter
    try {
      process.exitCode = main(argv, defaultIo(), { recordRun: true });
    } catch (error) {
      process.stderr.write(`stridelint: internal error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    }
  }
}

if (require.main === module) runCli(process.argv.slice(2));
