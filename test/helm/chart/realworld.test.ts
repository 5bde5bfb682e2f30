import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderChart } from '../../../rules/models/helm/chart/render';
import type { SourceSet } from '../../../rules/models/helm/source-map';
import { realworldIndex, SHARED_DIR, SHARED_SKIP_REASON } from '../../helpers/shared';
import { sourceSetFromDisk } from './chart-source';

/**
 * Every chart of ../shared/corpus/realworld rendered with its default values, the way the CLI walk hands it
 * over (one source set holding the workspace's charts, so bitnami/common resolves as a sibling). Counts each
 * Helm template file of the corpus index as analysed (rendered, a helper file, or rendering to nothing) or
 * not, with the reason; nothing may throw.
 */
const REALWORLD = join(SHARED_DIR, 'corpus', 'realworld');

describe('realworld charts', { skip: SHARED_SKIP_REASON }, () => {
  it('renders every chart root without throwing and analyses most template files', () => {
    const templates = realworldIndex().filter((file) => file.kind === 'helm-template').map((file) => `/rw/${file.path}`);
    const roots = [...new Set(templates.map((path) => path.slice(0, path.indexOf('/templates/'))))]
      .filter((root) => root.length > 0 && existsSync(join(REALWORLD, root.slice('/rw/'.length), 'Chart.yaml')))
      .sort();
    const files = new Map<string, string | Uint8Array>();
    for (const root of roots) for (const [path, data] of sourceSetFromDisk(join(REALWORLD, root.slice('/rw/'.length)), root).files) files.set(path, data);
    const sources: SourceSet = { files };

    const status = new Map<string, string>(templates.map((path) => [path, 'no-chart']));
    const timings: { root: string; ms: number }[] = [];
    for (const root of roots) {
      const started = performance.now();
      const result = renderChart(sources, root, {});
      timings.push({ root, ms: performance.now() - started });
      for (const path of templates) if (path.startsWith(`${root}/templates/`)) status.set(path, 'analysed');
      // A problem counts against the template it stopped (its position may be in an included helper); chart-wide
      // problems (a missing dependency, bad values) count only through the templates that failed with them.
      for (const problem of result.problems) {
        const where = problem.template ?? problem.location.file;
        if (status.has(where) && where.startsWith(`${root}/`)) status.set(where, problem.reason);
      }
    }
    // Again with the parse caches warm (what the language server sees after the first render).
    const warm = roots.map((root) => {
      const started = performance.now();
      renderChart(sources, root, {});
      return performance.now() - started;
    }).sort((a, b) => a - b);
    const counts = new Map<string, number>();
    for (const reason of status.values()) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    const analysed = counts.get('analysed') ?? 0;
    timings.sort((a, b) => b.ms - a.ms);
    console.log(`realworld helm: ${roots.length} chart roots, ${templates.length} template files, ${analysed} analysed (${((100 * analysed) / templates.length).toFixed(1)} %)`);
    console.log(`  not analysed by reason: ${JSON.stringify(Object.fromEntries([...counts].filter(([reason]) => reason !== 'analysed')))}`);
    console.log(`  first render, slowest charts (ms): ${timings.slice(0, 5).map((t) => `${t.root.split('/').pop()} ${t.ms.toFixed(0)}`).join(', ')}`);
    console.log(`  warm render (ms): p50 ${warm[warm.length >> 1].toFixed(0)}, max ${warm[warm.length - 1].toFixed(0)}`);
    assert.equal(roots.length, 39);
    // The issue's bar: at least 95 % of the corpus's template files analysed; each of the rest has a reason.
    assert.ok(analysed / templates.length >= 0.95, `${analysed}/${templates.length} analysed`);
    assert.ok(![...status.values()].includes(''), 'every file has a status');
  });
});
