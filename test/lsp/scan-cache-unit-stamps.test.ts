// Stat stamps for units in the persistent scan cache, over stdio (dist/server.js): a chart whose every source
// path (its folders, files, sibling charts, dependencies) keeps its stamp is answered without reading it; a
// change to a values file, a helper, a subchart, a dependency chart, a new template or a kustomization's
// resource, made long enough before the scan to be stamped itself, still renders or builds its unit again.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { RACY_MS } from '../../server/shared/file-stamp';
import { FORGED, forge, rewriteCache } from '../helpers/cache-file';
import { workspace } from '../helpers/cli';
import { BASE_DEPLOYMENT, BASE_KUSTOMIZATION } from '../kustomize/integration/overlay-fixture';
import { uriOf } from './lsp-client';
import { cacheFile, scanOnce as scan } from './scan-run';

/** A Deployment template whose container security context is `body` (a template expression). */
const deployment = (name: string, body: string) =>
  ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${name}`, 'spec:', '  template:', '    spec:', '      containers:', `        - name: ${name}`, '          image: nginx:1.25', '          securityContext:', `            ${body}`, ''].join('\n');
const chartYaml = (name: string, dependencies: string[] = []) => `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n${dependencies.length ? `dependencies:\n${dependencies.map((dep) => `  - name: ${dep}\n    version: 1.0.0\n`).join('')}` : ''}`;
const VALUES = 'securityContext:\n  runAsNonRoot: true\n';
const PRIVILEGED_VALUES = 'securityContext:\n  runAsNonRoot: true\n  privileged: true\n';
const FROM_VALUES = '{{- toYaml .Values.securityContext | nindent 12 }}';

const FILES: Record<string, string> = {
  // A values file changes.
  'charts/values/Chart.yaml': chartYaml('values'),
  'charts/values/values.yaml': VALUES,
  'charts/values/templates/deployment.yaml': deployment('values', FROM_VALUES),
  // A helper changes.
  'charts/helper/Chart.yaml': chartYaml('helper'),
  'charts/helper/templates/_helpers.tpl': '{{- define "helper.sc" -}}\nrunAsNonRoot: true\n{{- end -}}\n',
  'charts/helper/templates/deployment.yaml': deployment('helper', '{{- include "helper.sc" . | nindent 12 }}'),
  // A vendored subchart's values change.
  'charts/parent/Chart.yaml': chartYaml('parent'),
  'charts/parent/values.yaml': 'sub: {}\n',
  'charts/parent/templates/deployment.yaml': deployment('parent', FROM_VALUES),
  'charts/parent/charts/sub/Chart.yaml': chartYaml('sub'),
  'charts/parent/charts/sub/values.yaml': VALUES,
  'charts/parent/charts/sub/templates/deployment.yaml': deployment('sub', FROM_VALUES),
  // A new template appears.
  'charts/added/Chart.yaml': chartYaml('added'),
  'charts/added/values.yaml': VALUES,
  'charts/added/templates/deployment.yaml': deployment('added', FROM_VALUES),
  // A sibling library chart it depends on (not vendored) changes its helper.
  'charts/app/Chart.yaml': chartYaml('app', ['lib']),
  'charts/app/templates/deployment.yaml': deployment('app', '{{- include "lib.sc" . | nindent 12 }}'),
  'charts/lib/Chart.yaml': 'apiVersion: v2\nname: lib\ntype: library\nversion: 1.0.0\n',
  'charts/lib/templates/_sc.tpl': '{{- define "lib.sc" -}}\nrunAsNonRoot: true\n{{- end -}}\n',
  // Nothing changes.
  'charts/still/Chart.yaml': chartYaml('still'),
  'charts/still/values.yaml': VALUES,
  'charts/still/templates/deployment.yaml': deployment('still', FROM_VALUES),
  // A kustomization's resource changes.
  'k/base/kustomization.yaml': BASE_KUSTOMIZATION,
  'k/base/deployment.yaml': BASE_DEPLOYMENT,
  // A resource a kustomization names appears (its folder too).
  'k/app/kustomization.yaml': 'resources:\n  - ../shared/extra.yaml\n',
};

const CHANGES: Record<string, string> = {
  'charts/values/values.yaml': PRIVILEGED_VALUES,
  'charts/helper/templates/_helpers.tpl': '{{- define "helper.sc" -}}\nrunAsNonRoot: true\nprivileged: true\n{{- end -}}\n',
  'charts/parent/charts/sub/values.yaml': PRIVILEGED_VALUES,
  'charts/added/templates/second.yaml': deployment('second', '{{- toYaml .Values.securityContext | nindent 12 }}\n            privileged: true'),
  'charts/lib/templates/_sc.tpl': '{{- define "lib.sc" -}}\nrunAsNonRoot: true\nprivileged: true\n{{- end -}}\n',
  'k/base/deployment.yaml': BASE_DEPLOYMENT.replace(/(\n\s*)(image: [^\n]*)/, '$1$2$1securityContext:$1  privileged: true'),
};

const messagesOf = (messages: Map<string, string[]>, root: string, path: string) => messages.get(uriOf(join(root, path))) ?? [];
const privileged = (list: string[]) => list.some((message) => !message.includes(FORGED) && /privileged/i.test(message));
const aged = () => new Promise((resolve) => setTimeout(resolve, RACY_MS + 300)); // a change older than RACY_MS is stamped

describe('language server: stat stamps of units in the persistent scan cache', () => {
  const cleanup: string[] = [];
  afterEach(() => {
    for (const path of cleanup.splice(0)) rmSync(path, { recursive: true, force: true });
  });

  it('an unchanged workspace is answered by stamps (the cache file is not rewritten); each kind of change still re-renders its unit', async () => {
    const root = workspace(FILES);
    const storage = mkdtempSync(join(tmpdir(), 'stridelint-storage-'));
    cleanup.push(root, storage);
    await aged();
    const cold = await scan(root, storage);
    for (const path of ['charts/values/templates/deployment.yaml', 'charts/still/templates/deployment.yaml']) assert.ok(messagesOf(cold.messages, root, path).length > 0, `${path} has findings`);
    for (const path of ['values', 'helper', 'parent/charts/sub', 'app'].map((chart) => `charts/${chart}/templates/deployment.yaml`).concat('k/base/deployment.yaml')) assert.ok(!privileged(messagesOf(cold.messages, root, path)), `${path}: nothing privileged yet`);
    const lines = readFileSync(cacheFile(storage), 'utf8').split('\n');
    const stamps = lines.filter((line) => /\\u0000(chart|kustomize)-sources"/.test(line));
    assert.equal(stamps.filter((line) => line.includes('chart-sources')).length, 7, 'each chart keeps the stamp of its read');
    assert.equal(stamps.filter((line) => line.includes('kustomize-sources')).length, 1, "and the workspace folder's kustomizations");
    assert.ok(stamps.every((line) => /^[0-9a-f]+\t[0-9a-f]{64}\t/.test(line)), 'and each has one (its files are older than RACY_MS)');

    rewriteCache(cacheFile(storage), forge);
    const forgedAt = statSync(cacheFile(storage)).mtimeMs;
    const warm = await scan(root, storage);
    assert.equal(warm.summary.fromCache, warm.summary.files, JSON.stringify(warm.summary));
    assert.ok(messagesOf(warm.messages, root, 'charts/still/templates/deployment.yaml').every((message) => message.includes(FORGED)));
    assert.equal(statSync(cacheFile(storage)).mtimeMs, forgedAt, 'nothing was read again, so nothing was stamped again');

    for (const [path, text] of Object.entries(CHANGES)) writeFileSync(join(root, path), text);
    await aged();
    const changed = await scan(root, storage);
    const template = (chart: string, name = 'deployment') => messagesOf(changed.messages, root, `charts/${chart}/templates/${name}.yaml`);
    assert.ok(privileged(template('values')), `a values file: ${JSON.stringify(template('values'))}`);
    assert.ok(privileged(template('helper')), `a helper: ${JSON.stringify(template('helper'))}`);
    const sub = messagesOf(changed.messages, root, 'charts/parent/charts/sub/templates/deployment.yaml');
    assert.ok(privileged(sub), `a subchart's values: ${JSON.stringify(sub)}`);
    assert.ok(privileged(template('added', 'second')), `a new template: ${JSON.stringify(template('added', 'second'))}`);
    assert.ok(privileged(template('app')), `a dependency chart's helper: ${JSON.stringify(template('app'))}`);
    const base = messagesOf(changed.messages, root, 'k/base/deployment.yaml');
    assert.ok(privileged(base), `a kustomization's resource: ${JSON.stringify(base)}`);
    assert.ok(template('still').every((message) => message.includes(FORGED)), 'the unchanged chart still from the cache');
    const missing = messagesOf(changed.messages, root, 'k/app/kustomization.yaml');
    assert.ok(missing.some((message) => /extra\.yaml/.test(message)), `the named resource is missing: ${JSON.stringify(missing)}`);

    rewriteCache(cacheFile(storage), forge);
    writeFileSync(join(root, 'k/shared.yaml'), ''); // not it: a sibling of the folder that will appear
    await aged();
    const unchanged = await scan(root, storage);
    assert.ok(messagesOf(unchanged.messages, root, 'k/app/kustomization.yaml').every((message) => message.includes(FORGED)), 'nothing it reads changed');
    mkdirSync(join(root, 'k/shared'));
    writeFileSync(join(root, 'k/shared/extra.yaml'), CHANGES['k/base/deployment.yaml']);
    await aged();
    const appeared = await scan(root, storage);
    const app = messagesOf(appeared.messages, root, 'k/app/kustomization.yaml');
    assert.ok(!app.some((message) => /extra\.yaml/.test(message)), `built again with the resource: ${JSON.stringify(app)}`);
  });
});
