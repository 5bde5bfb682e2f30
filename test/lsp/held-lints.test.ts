import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules';
import { emptyConfig, lintFile, type FileFacts } from '../../rules/engine';
import { HeldLints } from '../../server/lsp/held-lints';
import { readFacts, readFactsBatch, ScanIndex, withoutFixes, type LintOutcome } from '../../server/lsp/scan-task';
import { realworldIndex, realworldPath, SHARED_SKIP_REASON } from '../helpers/shared';

const config = emptyConfig();
const deployment = (name: string, namespace = 'shop') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: ${name}\n          image: ${name}:1.0\n`;
const namespaceObject = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const daemonJson = '{\n  "no-new-privileges": true\n}\n';
const compose = 'services:\n  api:\n    image: api:1.0\n';

/** One scan thread's facts phase: each file linted in its parse, in order; returns the thread and the facts it gave. */
function thread(files: Array<[string, string]>, host: Array<[string, FileFacts]> = []): { held: HeldLints; facts: Array<[string, FileFacts]> } {
  const held = new HeldLints();
  held.setHost(host);
  const facts: Array<[string, FileFacts]> = [];
  for (const [path, text] of files) {
    const own = held.lint(text, path, config, ALL_RULES, `key:${path}`);
    if (own) facts.push([path, own]);
  }
  return { held, facts };
}

/** Phase two as it was: the file linted against the complete index. */
function lintedAgainst(entries: Array<[string, FileFacts]> | ScanIndex, path: string, text: string): LintOutcome {
  const index = entries instanceof ScanIndex ? entries : new ScanIndex();
  if (index !== entries) index.load(entries as Array<[string, FileFacts]>);
  const reads = new Set<string>();
  const result = lintFile(text, path, { config, rules: ALL_RULES, workspace: index.workspaceFor(reads) });
  return { key: `key:${path}`, kind: result.kind, findings: result.findings.map(withoutFixes), reads: [...reads] };
}

const byPath = (entries: Array<[string, FileFacts]>) => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('HeldLints: a scan thread lints in the facts parse and keeps the lint only where it stands on the whole index', () => {
  it('split between two threads, every file of the real-world corpus gets the lint the complete index gives (held where it stands)', { skip: SHARED_SKIP_REASON }, () => {
    const files = realworldIndex()
      .filter((file, index) => index % 3 === 0 && file.kind !== 'helm')
      .map((file): [string, string] => [`/w/${file.path}`, readFileSync(realworldPath(file), 'utf8')]);
    const hostFiles = files.filter(([path]) => /daemon\.json$/.test(path));
    const hostThread = thread(hostFiles);
    const others = files.filter((file) => !hostFiles.includes(file));
    // Alternate batches of 7, as the pool hands them out: each thread sees about half of the facts.
    const threads = [0, 1].map((parity) => thread(others.filter((_, index) => Math.floor(index / 7) % 2 === parity), hostThread.facts));
    const complete = byPath([...hostThread.facts, ...threads.flatMap((each) => each.facts)]);
    let held = 0;
    for (const each of threads) each.held.complete(complete);
    const completeIndex = new ScanIndex();
    completeIndex.load(complete);
    for (const [index, [path, text]] of others.entries()) {
      const reference = lintedAgainst(completeIndex, path, text);
      const taken = threads[Math.floor(index / 7) % 2].held.take(path);
      if (!taken) continue;
      held++;
      assert.deepEqual(taken.findings, reference.findings, path);
      assert.equal(taken.kind, reference.kind, path);
      for (const key of reference.reads) assert.ok(taken.reads.includes(key), `${path} reads ${key}: ${taken.reads}`);
    }
    assert.ok(held > others.length * 0.8, `most lints stand: ${held} of ${others.length}`);
  });

  it("a lint that counted a file the complete index dropped (a kustomization's) is linted again, even when another file makes the count the same", () => {
    const { held } = thread([
      ['/w/a.yaml', deployment('a')],
      ['/w/ns.yaml', namespaceObject('shop')],
    ]);
    // a.yaml went to a kustomization; b.yaml (another thread's) is the namespace's one workload now.
    const complete = byPath([...thread([['/w/ns.yaml', namespaceObject('shop')]]).facts, ...thread([['/w/b.yaml', deployment('b')]]).facts]);
    held.complete(complete);
    const reference = lintedAgainst(complete, '/w/ns.yaml', namespaceObject('shop'));
    assert.ok(reference.findings.some((finding) => finding.related?.some((place) => place.path === '/w/b.yaml')), JSON.stringify(reference.findings));
    assert.equal(held.take('/w/ns.yaml'), undefined);
  });

  it("a namespace's findings stand while they are the same, though objects joined the namespace; not when they changed", () => {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  a: b\n';
    const own: Array<[string, string]> = [
      ['/w/a.yaml', deployment('a')],
      ['/w/ns.yaml', namespaceObject('shop')],
    ];
    const first = thread(own);
    // Another thread's files: a ConfigMap (no workload: the findings stay) and, in a second scan, a workload.
    const quiet = thread([['/w/b.yaml', configMap]]);
    const complete = byPath([...first.facts, ...quiet.facts]);
    first.held.complete(complete);
    const taken = first.held.take('/w/ns.yaml');
    assert.ok(taken, 'the findings are the same on the complete index');
    assert.deepEqual(taken.findings, lintedAgainst(complete, '/w/ns.yaml', namespaceObject('shop')).findings);
    // The Namespace object says both: no NetworkPolicy selects the Deployment, no Pod Security level is enforced.
    assert.deepEqual(taken.findings.map((finding) => [finding.ruleId, finding.message.slice(0, 36)]).sort(), [
      ['kubernetes/namespace-network-policy', 'Namespace "shop": Deployment a is se'],
      ['kubernetes/psa-enforce-missing', 'Namespace "shop" has 1 workload and '],
    ]);

    const again = thread(own);
    const busy = thread([['/w/c.yaml', deployment('c')]]);
    again.held.complete(byPath([...again.facts, ...busy.facts]));
    assert.equal(again.held.take('/w/ns.yaml'), undefined, 'two workloads now: the messages changed');
  });

  it('a lint made before a host file said otherwise is linted again; one no later file changed stands, once', () => {
    const host = thread([['/w/daemon.json', daemonJson]]).facts;
    const early = thread([['/w/compose.yaml', compose]]);
    const informed = thread([['/w/compose.yaml', compose]], host);
    const complete = byPath([...host, ...informed.facts]);
    early.held.complete(complete);
    informed.held.complete(complete);
    assert.equal(early.held.take('/w/compose.yaml'), undefined);
    assert.deepEqual(informed.held.take('/w/compose.yaml')?.findings, lintedAgainst(complete, '/w/compose.yaml', compose).findings);
    assert.equal(informed.held.take('/w/compose.yaml'), undefined, 'given once');
  });
});

describe('readFactsBatch: a compose file and the Dockerfiles it builds, in one batch of phase one', () => {
  it('reads compose files first and lints them after the batch, so both lints stand and equal the complete-index lints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'held-compose-'));
    try {
      // Listed as the scan lists them: `api/Dockerfile` before `compose.yaml`, `web/Dockerfile` after it.
      const files: Array<[string, string]> = [
        [`${dir}/api/Dockerfile`, 'FROM node:20\nCMD ["node", "server.js"]\n'],
        [`${dir}/compose.yaml`, 'services:\n  api:\n    build: ./api\n  web:\n    build:\n      context: ./web\n'],
        [`${dir}/web/Dockerfile`, 'FROM nginx:1.27\nUSER nginx\n'],
      ];
      for (const [path, text] of files) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      }
      const items = files.map(([path]) => ({ path, config, settingsKey: 's', lintConfig: config }));
      const inOrder = new HeldLints();
      const plainFacts = items.map((item) => readFacts(item, ALL_RULES, inOrder));
      const batched = new HeldLints();
      const batchFacts = readFactsBatch(items, ALL_RULES, batched);
      assert.deepEqual(batchFacts, plainFacts, 'the same facts, in the items order');
      const complete = byPath(files.flatMap(([path], index): Array<[string, FileFacts]> => (batchFacts[index].facts ? [[path, batchFacts[index].facts!]] : [])));
      inOrder.complete(complete);
      batched.complete(complete);
      // Read in list order, a lint made before the facts it asks for does not stand.
      assert.ok(files.some(([path]) => inOrder.take(path) === undefined), 'in list order some lint is made too early');
      for (const [path, text] of files) {
        const taken = batched.take(path);
        assert.ok(taken, `${path} stands`);
        assert.deepEqual(taken.findings, lintedAgainst(complete, path, text).findings, path);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
