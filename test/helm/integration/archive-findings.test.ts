import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Finding } from '../../../rules/engine';
import { findingsOnArchives } from '../../../server/shared/archive-location';
import { run } from '../../helpers/cli';
import { SHARED_DIR, SHARED_SKIP_REASON } from '../../helpers/shared';

/** helm-unittest's with-helm-tests chart vendors postgresql-0.8.3.tgz, whose templates have findings. */
function chartWithPackedSubchart(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'stridelint-archive-'));
  const source = join(SHARED_DIR, 'corpus', 'helm', 'charts', 'helm-unittest__with-helm-tests');
  cpSync(source, join(cwd, 'app'), { recursive: true, filter: (path) => !/[/\\](expected|case\.json)$/.test(path) });
  return cwd;
}

const ARCHIVE = 'app/charts/postgresql-0.8.3.tgz';
const DEPLOYMENT = `${ARCHIVE}!/postgresql/templates/deployment.yaml`;

interface JsonPlace {
  path: string;
  line: number;
  archive?: { path: string; entry: string };
}

describe('findings inside a packed subchart (x.tgz!/…) in every output format', { skip: SHARED_SKIP_REASON }, () => {
  const cwd = chartWithPackedSubchart();

  it('JSON names the archive and the entry, with the entry\'s real line, and offers no fix into the archive', () => {
    const findings = (JSON.parse(run(['--format', 'json', '.'], cwd).stdout) as { findings: Array<JsonPlace & { fixes: unknown[]; related?: JsonPlace[] }> }).findings;
    const inside = findings.filter((finding) => finding.path.startsWith(`${ARCHIVE}!/`));
    assert.ok(inside.length > 0);
    for (const finding of inside) {
      assert.deepEqual(finding.archive, { path: ARCHIVE, entry: finding.path.slice(ARCHIVE.length + 2) });
      assert.deepEqual(finding.fixes, [], 'no fix into an archive');
      for (const entry of finding.related ?? []) if (entry.path.startsWith(`${ARCHIVE}!/`)) assert.equal(entry.archive?.path, ARCHIVE);
    }
    assert.ok(inside.some((finding) => finding.path === DEPLOYMENT && finding.line > 1), 'lines of the entry, not the start of the archive');
  });

  it('text says the finding is inside the archive and cannot be edited in place', () => {
    const text = run(['.'], cwd).stdout;
    assert.match(text, new RegExp(`^${DEPLOYMENT.replace(/[.!]/g, '\\$&')}:\\d+:\\d+ .*\\n {4}inside the archive ${ARCHIVE.replace(/\./g, '\\.')}, at postgresql/templates/deployment\\.yaml:\\d+:\\d+; it cannot be edited in place$`, 'm'));
  });

  it('SARIF locates it on the archive file (a URI of a file that exists), the entry and line in properties and message', () => {
    const sarif = JSON.parse(run(['--format', 'sarif', '.'], cwd).stdout) as { runs: Array<{ results: Array<{ message: { text: string }; locations: Array<{ physicalLocation: Record<string, unknown> }>; relatedLocations?: Array<{ physicalLocation: Record<string, unknown> }> }>; artifacts: Array<{ location: { uri: string } }> }> };
    const [runEntry] = sarif.runs;
    const uris = [
      ...runEntry.artifacts.map((artifact) => artifact.location.uri),
      ...runEntry.results.flatMap((result) => [...result.locations, ...(result.relatedLocations ?? [])].map((location) => (location.physicalLocation.artifactLocation as { uri: string }).uri)),
    ];
    for (const uri of new Set(uris)) assert.ok(existsSync(join(cwd, decodeURI(uri))), `${uri} is a file`);
    const inArchive = runEntry.results.filter((result) => (result.locations[0].physicalLocation.artifactLocation as { uri: string }).uri === ARCHIVE);
    assert.ok(inArchive.length > 0);
    for (const result of inArchive) {
      const location = result.locations[0].physicalLocation;
      assert.equal(location.region, undefined, 'no region: lines of the entry are not lines of the archive');
      assert.match(String((location.properties as { archiveEntry: string }).archiveEntry), /^postgresql\/templates\//);
      assert.match(result.message.text, /\(inside the archive app\/charts\/postgresql-0\.8\.3\.tgz, at postgresql\/templates\/\S+:\d+:\d+; it cannot be edited in place\)$/);
    }
  });

  it('GitHub annotations and GitLab issues are put on the archive file, the entry in the text', () => {
    const github = run(['--format', 'github', '.'], cwd).stdout.split('\n').filter((line) => line.includes('postgresql-0.8.3.tgz'));
    assert.ok(github.length > 0);
    for (const line of github) assert.match(line, /^::(warning|error|notice) file=app\/charts\/postgresql-0\.8\.3\.tgz,title=[^:]+::.*inside the archive/);
    const gitlab = (JSON.parse(run(['--format', 'gitlab', '.'], cwd).stdout) as Array<{ description: string; location: { path: string } }>).filter((issue) => issue.description.includes('inside the archive'));
    assert.ok(gitlab.length > 0);
    assert.deepEqual([...new Set(gitlab.map((issue) => issue.location.path))], [ARCHIVE]);
  });

  it('--fix-suggestions never writes into the archive', () => {
    const before = readFileSync(join(cwd, ARCHIVE));
    run(['--fix-suggestions', '.'], cwd);
    assert.ok(readFileSync(join(cwd, ARCHIVE)).equals(before));
    rmSync(cwd, { recursive: true, force: true });
  });
});

describe('findings inside a packed subchart in the editor', () => {
  it('are shown on the archive file, at its start, with the entry and line in the message', () => {
    const range = { start: { line: 11, character: 4 }, end: { line: 11, character: 9 } };
    const finding: Finding = { ruleId: 'kubernetes/run-as-non-root', kind: 'kubernetes', stride: 'elevation-of-privilege', severity: 'warning', message: 'Runs as root.', range, fixes: [], related: [{ path: '/ws/app/charts/db.tgz!/db/templates/_helpers.tpl', range, message: 'Written by this helper.' }] };
    const placed = findingsOnArchives(new Map([['/ws/app/charts/db.tgz!/db/templates/deployment.yaml', [finding]], ['/ws/app/values.yaml', []]]));
    assert.deepEqual([...placed.keys()], ['/ws/app/charts/db.tgz', '/ws/app/values.yaml']);
    const [moved] = placed.get('/ws/app/charts/db.tgz')!;
    assert.deepEqual(moved.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.equal(moved.message, 'Runs as root. (inside the archive /ws/app/charts/db.tgz, at db/templates/deployment.yaml:12:5; it cannot be edited in place)');
    assert.deepEqual(moved.related?.map((entry) => [entry.path, entry.message]), [['/ws/app/charts/db.tgz', 'Written by this helper. (inside the archive /ws/app/charts/db.tgz, at db/templates/_helpers.tpl:12:5; it cannot be edited in place)']]);
  });
});
