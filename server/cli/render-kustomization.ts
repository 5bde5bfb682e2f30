import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildKustomization, type KustomizeBuildOptions } from '../../rules/models/kustomize/build';
import { KUSTOMIZATION_FILE_NAMES } from '../../rules/models/kustomize/kustomization';
import type { OutputSpan } from '../../rules/models/helm/source-map';
import { toPosix } from '../shared/config-loader';
import { readKustomizeSources } from '../shared/kustomize-sources';
import { annotateLines, sourceLocator } from './origin-lines';

export const KUSTOMIZE_RENDER_USAGE = `Usage:
  stridelint render <kustomization-dir> [options]   print the build stridelint analyses, as \`kustomize build\` does

Options (kustomize build's names and defaults):
  --reorder legacy|none       legacy: kustomize's kind order (default); none: the order of the inputs
  --load-restrictor LoadRestrictionsRootOnly|LoadRestrictionsNone
                              whether files outside the kustomization's folder may be read (default: RootOnly)
  --show-origin               end each line with "# from <file>:<line>" (the resource, patch or overlay field)`;

class KustomizeUsageError extends Error {}

/** True when the render target among `argv` is a folder holding a kustomization (and no Chart.yaml). */
export function rendersKustomization(argv: readonly string[], cwd: string): boolean {
  const target = argv.find((arg) => !arg.startsWith('-'));
  if (!target) return false;
  const dir = resolve(cwd, target);
  try {
    if (!statSync(dir).isDirectory() || existsSync(`${dir}/Chart.yaml`)) return false;
  } catch {
    return false;
  }
  return KUSTOMIZATION_FILE_NAMES.some((name) => existsSync(`${dir}/${name}`));
}

interface KustomizeRenderArgs {
  dir: string;
  options: KustomizeBuildOptions;
  showOrigin: boolean;
}

function parseArgs(argv: readonly string[]): KustomizeRenderArgs {
  const args = [...argv];
  let dir: string | undefined;
  const options: KustomizeBuildOptions = { reorder: 'legacy', loadRestrictions: 'rootOnly' };
  let showOrigin = false;
  while (args.length > 0) {
    const arg = args.shift() as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const [flag, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? args.shift();
      if (next === undefined || next === '') throw new KustomizeUsageError(`${flag} needs a value.`);
      return next;
    };
    if (flag === '--reorder') {
      const order = value();
      if (order !== 'legacy' && order !== 'none') throw new KustomizeUsageError(`--reorder takes legacy or none, not "${order}".`);
      options.reorder = order;
    } else if (flag === '--load-restrictor' || flag === '--load_restrictor') {
      const restrictor = value();
      if (!['LoadRestrictionsRootOnly', 'LoadRestrictionsNone', 'rootOnly', 'none'].includes(restrictor)) throw new KustomizeUsageError(`--load-restrictor takes LoadRestrictionsRootOnly or LoadRestrictionsNone, not "${restrictor}".`);
      options.loadRestrictions = /none$/i.test(restrictor) ? 'none' : 'rootOnly';
    } else if (flag === '--show-origin') {
      showOrigin = true;
    } else if (arg.startsWith('-')) {
      throw new KustomizeUsageError(`unknown option "${arg}" for a kustomization.`);
    } else if (dir !== undefined) {
      throw new KustomizeUsageError(`one kustomization at a time (got "${dir}" and "${arg}").`);
    } else {
      dir = arg;
    }
  }
  if (dir === undefined) throw new KustomizeUsageError('render needs a kustomization folder.');
  return { dir, options, showOrigin };
}

/** `stridelint render <kustomization-dir>`: the build printed as `kustomize build` prints it. Exit code 0, 1 (the build's error) or 2. */
export function runKustomizeRender(argv: readonly string[], io: { stdout: (text: string) => void; stderr: (text: string) => void; cwd: string }): number {
  let args: KustomizeRenderArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    io.stderr(`stridelint: ${(error as Error).message}\n\n${KUSTOMIZE_RENDER_USAGE}\n`);
    return 2;
  }
  const dir = toPosix(resolve(io.cwd, args.dir)).replace(/\/+$/, '');
  const cwd = toPosix(io.cwd);
  const sources = readKustomizeSources([dir], { maxBytes: 20_000_000, boundary: dir.startsWith(`${cwd}/`) ? cwd : dir, build: args.options });
  const result = buildKustomization(sources, dir, args.options);
  if (result.problems.length > 0) {
    io.stderr(`Error: ${result.problems[0].message}\n`);
    return 1;
  }
  if (!args.showOrigin) {
    io.stdout(result.output.text);
    return 0;
  }
  const where = sourceLocator(sources, io.cwd);
  // A line is described by its first key or value: copied text (the resource or patch line) or an overlay
  // field's output; the printer's own punctuation (`- `, `:`) points at a whole node and says less.
  const exact = (span: OutputSpan) => span.kind === 'text' && span.end - span.start === span.source.end - span.source.start;
  const describe = (line: OutputSpan[], first: number): string => {
    const head = line.find((span) => span.end > first && (span.kind === 'action' || exact(span))) ?? line[0];
    return where(head.source.file, exact(head) ? head.source.start + Math.max(0, first - head.start) : head.source.start);
  };
  io.stdout(`${annotateLines(result.output, describe)}`);
  return 0;
}
