import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { clusterRole, yamlStream } from './fixtures/manifest-documents';
import { TestClient, uriOf } from './lsp-client';

const workload = (i: number, privileged: boolean, account = false) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: wéb-${i}
  namespace: shop
spec:
  template:
    spec:
      ${account ? 'serviceAccountName: web' : 'automountServiceAccountToken: false'}
      containers:
        - name: "web \\"${i}\\""
          image: registry.example.com/web:1.${i}.0
          securityContext:
            privileged: ${privileged}
`;
const role = (verbs: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: web\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ${verbs}\n`;
const binding = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: web\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: web\n    namespace: shop\nroleRef:\n  kind: Role\n  name: web\n  apiGroup: rbac.authorization.k8s.io\n';

/** Diagnostics as the client receives them, whole (data, links, related information), in a stable order. */
const whole = (params: PublishDiagnosticsParams) => params.diagnostics.map((diagnostic) => JSON.stringify(diagnostic)).sort();

/**
 * An open document's unchanged findings keep their diagnostics (and their JSON) from keystroke to keystroke, and
 * the server writes them from kept bytes: every version must still publish exactly what a server that opens that
 * text fresh publishes.
 */
describe('language server: diagnostics reused between versions equal a fresh open', () => {
  let root: string;
  let editor: TestClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'stridelint-reuse-'));
    editor = await TestClient.start({ rootPath: root, settings: {} });
  });
  after(async () => {
    await editor.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('toggles, a role widened, lines inserted above, a document removed, a settings change', async () => {
    const path = join(root, 'shop.yaml');
    const uri = uriOf(path);
    let documents = [workload(0, true, true), binding, role('["get"]'), ...Array.from({ length: 12 }, (_, i) => (i % 4 === 3 ? clusterRole(`reader-${i}`, '["get"]') : workload(i + 1, i % 3 === 0)))];
    const edits: Array<(docs: string[]) => string[]> = [
      (docs) => docs.map((text, i) => (i === 5 ? workload(5, true) : text)),
      (docs) => docs.map((text, i) => (i === 2 ? role('["create"]') : text)),
      (docs) => docs.map((text, i) => (i === 6 ? clusterRole('reader-6', '["*"]') : text)),
      (docs) => docs.map((text, i) => (i === 1 ? `${text}# a comment\n\n` : text)),
      (docs) => docs.filter((_, i) => i !== 4),
      (docs) => docs.map((text, i) => (i === 5 ? workload(5, false) : text)),
    ];
    await editor.open(uri, 'yaml', yamlStream(documents));
    assert.deepEqual(whole(await editor.waitForDiagnostics(uri, (p) => p.version === 1)), await freshOpen(uri, yamlStream(documents)));
    let version = 1;
    let last: PublishDiagnosticsParams | undefined;
    for (const edit of edits) {
      documents = edit(documents);
      version++;
      const since = editor.published.length;
      await editor.change(uri, version, yamlStream(documents));
      last = await editor.waitForDiagnostics(uri, (p) => p.version === version, { since });
      assert.ok(last.diagnostics.some((d) => d.relatedInformation?.length), 'a finding with related information is among them');
      assert.deepEqual(whole(last), await freshOpen(uri, yamlStream(documents)), `version ${version}`);
    }
    // A settings change re-publishes the same version: the category turned off is gone, the rest as before.
    const before = whole(last as PublishDiagnosticsParams);
    editor.settings = { categories: { 'elevation-of-privilege': false } };
    let since = editor.published.length;
    await editor.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const off = whole(await editor.waitForDiagnostics(uri, (p) => p.version === version, { since }));
    assert.ok(off.length < before.length && off.every((text) => before.includes(text)), 'the rest unchanged');
    editor.settings = {};
    since = editor.published.length;
    await editor.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(whole(await editor.waitForDiagnostics(uri, (p) => p.version === version && p.diagnostics.length === before.length, { since })), before);
  });

  it('a compose file linted per service: toggles, services added and removed, anchors, a syntax error and its repair', async () => {
    const path = join(root, 'compose.yaml');
    const uri = uriOf(path);
    const head = 'x-defaults: &defaults\n  restart: always\n  read_only: true\nservices:\n';
    const tail = 'volumes:\n  hostroot:\n    driver_opts:\n      type: none\n      o: bind\n      device: /\n';
    const web = (privileged: boolean) => `  web:\n    <<: *defaults\n    image: "wéb:1"\n    privileged: ${privileged}\n    volumes:\n      - hostroot:/host\n`;
    const db = (ports: string) => `  db:\n    image: postgres:16\n    ports: ${ports}\n    environment:\n      POSTGRES_PASSWORD: postgres\n`;
    const cache = '  cache:\n    image: redis\n    user: "1000"\n    cap_drop: [ALL]\n';
    const worker = '  worker:\n    build: ./worker\n    pid: host\n';
    const texts = [
      head + web(true) + db('["5432:5432"]') + cache + tail,
      head + web(false) + db('["5432:5432"]') + cache + tail, // one service
      head + web(false) + db('["127.0.0.1:5432:5432"]') + cache + tail,
      head + web(false) + db('["127.0.0.1:5432:5432"]') + worker + cache + tail, // a service added
      head + web(false) + db('[bad') + worker + cache + tail, // a syntax error
      head + web(false) + db('["5432:5432"]') + worker + cache + tail, // repaired
      head + web(false) + db('["5432:5432"]') + worker + tail, // a service removed
      head + web(true) + '\n  # the database\n' + db('["5432:5432"]') + worker + tail, // lines between services
      head + web(true).replace('    volumes:\n      - hostroot:/host\n', '') + db('["5432:5432"]').replace('    ports:', '    volumes:\n      - hostroot:/host\n    ports:') + worker + tail, // a value moved across a boundary
      head + web(true) + db('["5432:5432"]').replace('postgres:16', '&pg postgres:16') + worker + tail, // an anchor in a service: whole file
      head + web(true) + db('["5432:5432"]') + worker + tail.replace('device: /', 'device: /srv'), // the tail
      head.replace('read_only: true', 'read_only: false') + web(true) + db('["5432:5432"]') + worker + tail, // the anchor's value
    ];
    await editor.open(uri, 'dockercompose', texts[0]);
    assert.deepEqual(whole(await editor.waitForDiagnostics(uri, (p) => p.version === 1)), await freshOpen(uri, texts[0], 'dockercompose'));
    for (const [index, text] of texts.entries()) {
      if (index === 0) continue;
      const version = index + 1;
      const since = editor.published.length;
      await editor.change(uri, version, text);
      const published = await editor.waitForDiagnostics(uri, (p) => p.version === version, { since });
      assert.deepEqual(whole(published), await freshOpen(uri, text, 'dockercompose'), `version ${version}`);
    }
  });

  /** What a server that has seen nothing else publishes for the text when it is opened. */
  async function freshOpen(uri: string, text: string, languageId = 'yaml'): Promise<string[]> {
    const fresh = await TestClient.start({ rootPath: root, settings: {} });
    try {
      await fresh.open(uri, languageId, text);
      return whole(await fresh.waitForDiagnostics(uri, (p) => p.version === 1));
    } finally {
      await fresh.stop();
    }
  }
});
