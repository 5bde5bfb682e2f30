import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { HelmRenderOptions } from '../../../rules/models/helm/render-result';
import type { PrintOptions } from '../../../rules/models/helm/chart/print';
import type { SourceSet } from '../../../rules/models/helm/source-map';
import { SHARED_DIR } from '../../helpers/shared';
import { sourceSetFromDisk } from './chart-source';

/**
 * The chart oracles of ../shared/corpus/helm/charts (README section 1) as render inputs: the chart's files
 * without the harness's own entries (expected/, inputs/, case.json: the README says loaders must not see
 * them), values files from inputs/ placed outside the chart, and the options each case.json records.
 */
export const ORACLE_CHARTS = join(SHARED_DIR, 'corpus', 'helm', 'charts');

export interface OracleCase {
  /** `<case dir>/<case id>`. */
  id: string;
  kind: 'helm-cli-template-golden' | 'trivy-helm-parser-golden';
  sources: SourceSet;
  root: string;
  render: HelmRenderOptions;
  print: PrintOptions;
  expectError: boolean;
  /** helm CLI: the golden stdout (or error output); trivy: expected chunk per template path. */
  expected: string | Map<string, string>;
  expectedManifestCount?: number;
}

interface CaseJson {
  kind: string;
  cases: Record<string, unknown>[];
}

const HARNESS_ENTRIES = new Set(['expected', 'inputs', 'case.json']);

export function oracleCases(): OracleCase[] {
  const cases: OracleCase[] = [];
  for (const dir of readdirSync(ORACLE_CHARTS).sort()) {
    const caseDir = join(ORACLE_CHARTS, dir);
    const description = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8')) as CaseJson;
    if (description.kind !== 'helm-cli-template-golden' && description.kind !== 'trivy-helm-parser-golden') continue;
    const root = `/oracles/${dir}`;
    const sources = sourceSetFromDisk(caseDir, root, (relative) => HARNESS_ENTRIES.has(relative));
    const inputs = join(caseDir, 'inputs');
    if (existsSync(inputs)) for (const [path, data] of sourceSetFromDisk(inputs, `/oracles/${dir}.inputs`).files) (sources.files as Map<string, string | Uint8Array>).set(path, data);
    const trivy = description.kind === 'trivy-helm-parser-golden';
    const chartName = /^name:\s*(\S+)/m.exec(readFileSync(join(caseDir, 'Chart.yaml'), 'utf8'))?.[1] ?? dir;
    for (const entry of description.cases) {
      const valuesFiles = ((entry.values_files as string[]) ?? []).map((file) => (file.startsWith('inputs/') ? `/oracles/${dir}.inputs/${file.slice('inputs/'.length)}` : `${root}/${file}`));
      const set = [
        ...((entry.set as string[]) ?? []).map((expression) => ({ expression, asString: false })),
        ...((entry.set_string as string[]) ?? []).map((expression) => ({ expression, asString: true })),
      ];
      const kube = entry.kube_version as { version: string } | undefined;
      const render: HelmRenderOptions = {
        valuesFiles,
        set,
        releaseName: trivy ? chartName : (entry.release_name as string),
        namespace: trivy ? '' : (entry.namespace as string),
        kubeVersion: kube?.version,
        apiVersions: (entry.api_versions_extra as string[]) ?? [],
      };
      const print: PrintOptions = { showOnly: (entry.show_only as string[] | null) ?? undefined, includeCrds: entry.include_crds === true, skipTests: entry.skip_tests === true, helmVersion: dir.startsWith('helm__') ? 4 : 3 };
      let expected: OracleCase['expected'];
      if (trivy) {
        expected = new Map();
        const expectedDir = join(caseDir, entry.expected_dir as string);
        for (const file of (entry.expected_files as string[]) ?? []) expected.set(file, readFileSync(join(expectedDir, file), 'utf8').replace(/\r\n/g, '\n').replace(/\n+$/, ''));
      } else {
        expected = readFileSync(join(caseDir, entry.expected as string), 'utf8').replace(/\r\n/g, '\n');
      }
      cases.push({ id: `${dir}/${entry.id as string}`, kind: description.kind, sources, root, render, print, expectError: entry.expect_error === true, expected, expectedManifestCount: entry.expected_manifest_count as number | undefined });
    }
  }
  return cases;
}

export function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
