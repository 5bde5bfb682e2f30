import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules';
import { FactsIndex, factsOfFile, lintFile, type Finding } from '../../rules/engine';
import { GrowingIndex, newAnswers } from '../../rules/facts/growing-index';

const deployment = (name: string, namespace = 'shop', account = name) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      serviceAccountName: ${account}\n      containers:\n        - name: ${name}\n          image: ${name}:1.0\n`;
const account = (name: string, namespace = 'shop') => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nautomountServiceAccountToken: false\n`;
const namespaceObject = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const clusterRole = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules:\n  - apiGroups: [""]\n    resources: [secrets]\n    verbs: [get]\n';
const compose = 'services:\n  api:\n    build: ./api\n';

/** Each file linted in the given order against the index as filled so far, as the CLI's one parse does. */
function lintInOrder(files: Array<[string, string]>) {
  const growing = new GrowingIndex();
  const linted = files.map(([path, text]) => {
    const answers = newAnswers();
    const result = lintFile(text, path, { rules: ALL_RULES, workspaceWithFacts: (facts) => (growing.add(path, facts), { index: growing.view(answers) }) });
    return { path, findings: result.findings, answers };
  });
  return linted.map(({ path, findings, answers }) => ({ path, findings, stands: growing.stands(answers) }));
}

/** Each file linted against the complete index (the facts pass, then the lint pass). */
function lintAfterIndex(files: Array<[string, string]>): Map<string, Finding[]> {
  const index = new FactsIndex();
  for (const [path, text] of files) index.set(path, factsOfFile(text, path));
  return new Map(files.map(([path, text]) => [path, lintFile(text, path, { rules: ALL_RULES, workspace: { index: index.view() } }).findings]));
}

const ids = (findings: Finding[]) => findings.map((finding) => `${finding.ruleId}@${finding.range.start.line}`).sort();

describe('GrowingIndex: lint while the index fills, check the answers once it is complete', () => {
  it('a reader linted before the file its answer comes from does not stand; after it, it stands', () => {
    const before = lintInOrder([['/w/api.yaml', deployment('api')], ['/w/sa.yaml', account('api')]]);
    const after = lintInOrder([['/w/sa.yaml', account('api')], ['/w/api.yaml', deployment('api')]]);
    const complete = lintAfterIndex([['/w/api.yaml', deployment('api')], ['/w/sa.yaml', account('api')]]);
    const early = before.find((entry) => entry.path === '/w/api.yaml')!;
    assert.equal(early.stands, false);
    assert.ok(early.findings.some((finding) => finding.ruleId === 'kubernetes/sa-token-automount'), 'the early lint reports the token: it did not see the account yet');
    const late = after.find((entry) => entry.path === '/w/api.yaml')!;
    assert.equal(late.stands, true);
    assert.deepEqual(late.findings, complete.get('/w/api.yaml'));
    assert.ok(!late.findings.some((finding) => finding.ruleId === 'kubernetes/sa-token-automount'));
  });

  it('a workload that does not speak for its namespace stands when later files add workloads to it', () => {
    const files: Array<[string, string]> = [['/w/a.yaml', deployment('a')], ['/w/b.yaml', deployment('b')], ['/w/c.yaml', deployment('c')]];
    const linted = lintInOrder(files);
    const complete = lintAfterIndex(files);
    // a.yaml speaks (first unselected workload by path): its message counts the later ones, so it is judged again.
    assert.deepEqual(linted.map((entry) => entry.stands), [false, true, true]);
    for (const entry of linted.filter((candidate) => candidate.stands)) assert.deepEqual(entry.findings, complete.get(entry.path));
    assert.ok(ids(complete.get('/w/a.yaml')!).includes('kubernetes/namespace-network-policy@3'));
  });

  it('a Namespace object declared later takes the finding over: the early speaker does not stand', () => {
    const linted = lintInOrder([['/w/a.yaml', deployment('a')], ['/w/z-namespace.yaml', namespaceObject('shop')]]);
    assert.equal(linted[0].stands, false);
  });

  it('a compose file linted before the Dockerfile it builds does not stand; a Dockerfile before its compose file neither', () => {
    const linted = lintInOrder([['/w/compose.yaml', compose], ['/w/api/Dockerfile', 'FROM alpine:3.20\nUSER root\n']]);
    assert.deepEqual(linted.map((entry) => entry.stands), [false, true]);
    const reversed = lintInOrder([['/w/api/Dockerfile', 'FROM alpine:3.20\nUSER root\n'], ['/w/compose.yaml', compose]]);
    assert.deepEqual(reversed.map((entry) => entry.stands), [false, true]);
  });

  it('a rule that memoises on a list the index grew in place judges it again (the file after the namespace joins it)', () => {
    const growing = new GrowingIndex();
    const lintNamespace = () => {
      const text = namespaceObject('shop');
      const result = lintFile(text, '/w/a.yaml', { rules: ALL_RULES, workspaceWithFacts: (facts) => (growing.add('/w/a.yaml', facts), { index: growing.view(newAnswers()) }) });
      return result.findings.find((finding) => finding.ruleId === 'kubernetes/namespace-network-policy')?.message;
    };
    growing.add('/w/b.yaml', factsOfFile(deployment('b'), '/w/b.yaml'));
    assert.match(lintNamespace() ?? '', /Deployment b is selected by no NetworkPolicy/);
    const before = growing.index.view().namespaceObjects('shop');
    growing.add('/w/c.yaml', factsOfFile(deployment('c'), '/w/c.yaml'));
    assert.equal(growing.index.view().namespaceObjects('shop'), before, 'the list grew in place');
    assert.match(lintNamespace() ?? '', /2 workloads are selected by no NetworkPolicy/);
  });

  it('a file that reads nothing another file declares stands', () => {
    const linted = lintInOrder([['/w/role.yaml', clusterRole], ['/w/other/sa.yaml', account('x', 'other')]]);
    assert.deepEqual(linted.map((entry) => entry.stands), [true, true]);
  });
});

describe('FactsIndex: files added one by one answer as an index built at once', () => {
  it('namespace, cluster and compose-build lists keep path order whatever order the files come in', () => {
    const texts: Record<string, string> = {
      '/w/m/b.yaml': deployment('b'),
      '/w/a.yaml': `${deployment('a')}---\n${namespaceObject('shop')}`,
      '/w/z.yaml': `${account('z')}---\n${clusterRole}`,
      '/w/m-n/c.yaml': deployment('c', 'other'),
      '/w/compose.yaml': compose,
      '/w/x/compose.yaml': compose.replace('./api', '../api'),
      '/w/k.yaml': namespaceObject('other'),
    };
    const order = ['/w/z.yaml', '/w/m/b.yaml', '/w/compose.yaml', '/w/k.yaml', '/w/a.yaml', '/w/x/compose.yaml', '/w/m-n/c.yaml'];
    const answers = (index: FactsIndex) => {
      const view = index.view();
      return JSON.stringify([view.namespaceObjects('shop'), view.namespaceObjects('other'), view.clusterObjects(), view.composeBuildsOf('/w/api/Dockerfile')]);
    };
    for (const listsGrowInPlace of [false, true]) {
      const growing = new FactsIndex({ listsGrowInPlace });
      answers(growing); // lists built before the first file, then kept up to date file by file
      for (const [count, path] of order.entries()) {
        growing.set(path, factsOfFile(texts[path], path));
        const fresh = new FactsIndex();
        for (const earlier of order.slice(0, count + 1)) fresh.set(earlier, factsOfFile(texts[earlier], earlier));
        assert.equal(answers(growing), answers(fresh), `after ${path}${listsGrowInPlace ? ', lists grown in place' : ''}`);
      }
    }
  });

  it('a list a view answered stays as it was when a file joins, unless the index grows its lists in place (a file sorted last)', () => {
    const names = (objects: Array<{ name?: string }>) => objects.map((object) => object.name);
    for (const listsGrowInPlace of [false, true]) {
      const index = new FactsIndex({ listsGrowInPlace });
      index.set('/w/a.yaml', factsOfFile(deployment('a'), '/w/a.yaml'));
      const answered = index.view().namespaceObjects('shop');
      index.set('/w/b.yaml', factsOfFile(deployment('b'), '/w/b.yaml'));
      const grown = index.view().namespaceObjects('shop');
      assert.deepEqual(names(grown), ['a', 'b']);
      assert.equal(answered === grown, listsGrowInPlace);
      assert.deepEqual(names(answered), listsGrowInPlace ? ['a', 'b'] : ['a']);
      index.set('/w/0.yaml', factsOfFile(deployment('c'), '/w/0.yaml')); // sorts first: a new list either way
      const inserted = index.view().namespaceObjects('shop');
      assert.deepEqual(names(inserted), ['c', 'a', 'b']);
      assert.deepEqual(names(grown), ['a', 'b']);
    }
  });
});
