import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FORGED, forge, rewriteCache } from '../helpers/cache-file';
import { readsDuring, run, workspace } from '../helpers/cli';
import { CHART_ROOT, chartSources } from '../helm/integration/chart-fixture';
import { BASE_DEPLOYMENT, BASE_KUSTOMIZATION, OVERLAY_KUSTOMIZATION, RESTRICTED_PATCH } from '../kustomize/integration/overlay-fixture';

const DOCKERFILE = 'FROM alpine:3.20\nADD app/ /srv/app/\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n';
const COMPOSE = 'services:\n  app:\n    image: nginx:1.27\n';

function messages(root: string, args: string[] = []): { messages: string[]; stderr: string; stdout: string } {
  const result = run(['--format', 'json', '--cache', ...args], root);
  assert.notEqual(result.code, 2, result.stderr);
  return { messages: (JSON.parse(result.stdout).findings as Array<{ path: string; message: string }>).map((finding) => `${finding.path}: ${finding.message}`), stderr: result.stderr, stdout: result.stdout };
}
const fromCache = (list: string[], path: string) => list.some((message) => message.startsWith(`${path}: ${FORGED}`));

describe('stridelint --cache', () => {
  it('writes .stridelint-cache, gives the same output warm as cold, and reuses unchanged files', () => {
    const root = workspace({ 'a/Dockerfile': DOCKERFILE, 'b/Dockerfile': DOCKERFILE });
    const cold = run(['--format', 'json'], root).stdout;
    assert.equal(run(['--format', 'json', '--cache'], root).stdout, cold);
    assert.ok(existsSync(join(root, '.stridelint-cache')));
    assert.equal(run(['--format', 'json', '--cache'], root).stdout, cold, 'warm output is byte-identical');
    rewriteCache(join(root, '.stridelint-cache'), forge);
    const warm = messages(root).messages;
    assert.ok(fromCache(warm, 'a/Dockerfile') && fromCache(warm, 'b/Dockerfile'), 'both results came from the cache');
  });

  it('replays each unchanged file’s JSON output from the cache, with the exit code of an uncached run', () => {
    const root = workspace({ 'a/Dockerfile': DOCKERFILE, 'b/Dockerfile': 'FROM alpine\nUSER root\n' });
    run(['--format', 'json', '--cache'], root);
    const file = join(root, '.stridelint-cache');
    assert.ok(readFileSync(file, 'utf8').includes('/b/Dockerfile\\u0000output:json-1"'), 'each file’s JSON output is kept');
    const codes: number[] = [];
    for (const failOn of ['error', 'warning', 'info']) {
      const cold = run(['--format', 'json', '--fail-on', failOn], root);
      const warm = run(['--format', 'json', '--cache', '--fail-on', failOn], root);
      assert.equal(warm.stdout, cold.stdout, failOn);
      assert.equal(warm.code, cold.code, `--fail-on ${failOn}: the exit code`);
      codes.push(cold.code);
    }
    assert.deepEqual(codes, [0, 1, 1], 'the files have warnings and no error');
    rewriteCache(file, forge);
    const warm = messages(root).messages;
    assert.ok(fromCache(warm, 'a/Dockerfile') && fromCache(warm, 'b/Dockerfile'), 'the output came from the cache');
  });

  it('does not replay cached output through a baseline (it filters findings), nor for another format', () => {
    const root = workspace({ 'a/Dockerfile': DOCKERFILE, 'b/Dockerfile': 'FROM alpine\nUSER root\n' });
    run(['--format', 'json', '--cache'], root);
    assert.equal(run(['--write-baseline', 'accepted.json'], root).code, 0);
    writeFileSync(join(root, 'a/Dockerfile'), `${DOCKERFILE}USER root\n`);
    const cold = run(['--format', 'json', '--baseline', 'accepted.json'], root);
    run(['--format', 'json', '--cache'], root);
    assert.equal(run(['--format', 'json', '--cache', '--baseline', 'accepted.json'], root).stdout, cold.stdout, 'only the new finding, as without the cache');
    const sarif = run(['--format', 'sarif'], root).stdout;
    assert.equal(run(['--format', 'sarif', '--cache'], root).stdout, sarif, 'SARIF from the cached findings');
  });

  it('never writes a damaged cached output (with a valid checksum): the output is as without the cache', () => {
    const root = workspace({ 'a/Dockerfile': DOCKERFILE });
    const cold = run(['--format', 'json'], root);
    run(['--format', 'json', '--cache'], root);
    const file = join(root, '.stridelint-cache');
    const damages: Array<[string, (body: string) => string]> = [
      ['a part missing', (body) => body.replace(/(output:json-1"\t#:\{[^\u0000]*\u0000)\d+\u0000/, '$1')],
      ['a severity that is none', (body) => body.replace(/("worst":)"warning"/, '$1"fatal"')],
      ['counts that do not match', (body) => body.replace(/(output:json-1"\t#:\{[^\u0000]*\u0000)1\u0000/, (_, start: string) => `${start}0\u0000`)],
    ];
    // The damaged output entry also says FROM-THE-CACHE: used, it would show.
    const forgeOutput = (body: string) => body.replace(/"message": "/g, `"message": "${FORGED} `);
    for (const [label, damage] of damages) {
      rewriteCache(file, (body) => forgeOutput(damage(body)));
      const warm = run(['--format', 'json', '--cache'], root);
      assert.equal(warm.stdout, cold.stdout, label);
      assert.equal(warm.code, cold.code, label);
    }
  });

  it('keeps a file once (its JSON output only); a run in another format lints it again and both are kept from then on', () => {
    const root = workspace({ 'a/Dockerfile': DOCKERFILE });
    const file = join(root, '.stridelint-cache');
    const entries = () => readFileSync(file, 'utf8').split('\n');
    const resultEntry = () => entries().filter((line) => line.includes('/a/Dockerfile"\t')).length;
    const outputEntry = () => entries().filter((line) => line.includes('/a/Dockerfile\\u0000output:json-1"\t')).length;
    const json = run(['--format', 'json'], root).stdout;
    const sarif = run(['--format', 'sarif'], root).stdout;
    assert.equal(run(['--format', 'json', '--cache'], root).stdout, json);
    assert.deepEqual([resultEntry(), outputEntry()], [0, 1], 'after a JSON run: the output, not also the result');
    assert.equal(run(['--format', 'sarif', '--cache'], root).stdout, sarif, 'SARIF linted again, as without the cache');
    assert.deepEqual([resultEntry(), outputEntry()], [1, 1], 'the SARIF run adds the result');
    assert.equal(run(['--format', 'json', '--cache'], root).stdout, json);
    assert.deepEqual([resultEntry(), outputEntry()], [1, 1], 'a JSON run keeps the result it did not read');
    rewriteCache(file, forge);
    assert.ok(run(['--format', 'sarif', '--cache'], root).stdout.includes(FORGED), 'SARIF from the cached result');
    assert.ok(run(['--format', 'json', '--cache'], root).stdout.includes(FORGED), 'JSON from the cached output');
  });

  it('re-lints exactly the file whose content changed', () => {
    const root = workspace({ 'a/Dockerfile': DOCKERFILE, 'b/Dockerfile': DOCKERFILE });
    messages(root);
    rewriteCache(join(root, '.stridelint-cache'), forge);
    writeFileSync(join(root, 'a/Dockerfile'), DOCKERFILE.replace('alpine:3.20', 'alpine:3.21'));
    const after = messages(root).messages;
    assert.ok(!fromCache(after, 'a/Dockerfile'), 'changed file linted again');
    assert.ok(fromCache(after, 'b/Dockerfile'), 'unchanged file still from the cache');
  });

  it('re-lints the files a settings change reaches: .stridelint.yaml, a --rule override', () => {
    const root = workspace({ 'a/Dockerfile': DOCKERFILE, 'b/Dockerfile': DOCKERFILE, 'b/.stridelint.yaml': 'rules: {}\n' });
    messages(root);
    rewriteCache(join(root, '.stridelint-cache'), forge);
    writeFileSync(join(root, 'b/.stridelint.yaml'), 'rules:\n  dockerfile/add-instead-of-copy: error\n');
    const afterConfig = messages(root).messages;
    assert.ok(fromCache(afterConfig, 'a/Dockerfile'), 'a file the configuration does not govern is reused');
    assert.ok(!fromCache(afterConfig, 'b/Dockerfile'), 'the file under the changed configuration is linted again');
    rewriteCache(join(root, '.stridelint-cache'), forge);
    const withRule = messages(root, ['--rule', 'dockerfile/add-instead-of-copy=info']).messages;
    assert.ok(!fromCache(withRule, 'a/Dockerfile') && !fromCache(withRule, 'b/Dockerfile'), 'a command-line override changes every file’s settings');
  });

  it('re-lints a compose file when a daemon.json it depends on changes (a cross-file fact)', () => {
    const root = workspace({ 'compose.yaml': COMPOSE, 'etc/docker/daemon.json': '{}\n' });
    messages(root);
    rewriteCache(join(root, '.stridelint-cache'), forge);
    assert.ok(fromCache(messages(root).messages, 'compose.yaml'));
    rewriteCache(join(root, '.stridelint-cache'), forge);
    writeFileSync(join(root, 'etc/docker/daemon.json'), '{ "no-new-privileges": true }\n');
    const output = JSON.parse(messages(root).stdout) as { findings: Array<{ ruleId: string; severity: string; message: string }> };
    const finding = output.findings.find((entry) => entry.ruleId === 'compose/no-new-privileges');
    assert.equal(finding?.severity, 'info', 'the daemon-wide setting is taken into account');
    assert.ok(!finding?.message.includes(FORGED));
  });

  it('re-lints the Kubernetes files of the namespace whose facts changed, and only those', () => {
    const deployment = (name: string, namespace: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n        - name: ${name}\n          image: ${name}:1.0\n`;
    const root = workspace({ 'shop/web.yaml': deployment('web', 'shop'), 'shop/api.yaml': deployment('api', 'shop'), 'data/db.yaml': deployment('db', 'data') });
    messages(root);
    rewriteCache(join(root, '.stridelint-cache'), forge);
    const policy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n';
    writeFileSync(join(root, 'shop/policy.yaml'), policy);
    const after = messages(root).messages;
    assert.ok(fromCache(after, 'data/db.yaml'), 'a file of another namespace is reused');
    assert.ok(!fromCache(after, 'shop/api.yaml'), 'a file of the changed namespace is linted again');
    assert.ok(!after.some((message) => /Namespace "shop"/.test(message)), 'the new policy clears the namespace finding');
    assert.ok(after.some((message) => message.startsWith('data/db.yaml') && /Namespace "data"/.test(message)));
  });

  it('discards the whole cache of another stridelint build, and rewrites it', () => {
    const root = workspace({ 'a/Dockerfile': DOCKERFILE });
    messages(root);
    const file = join(root, '.stridelint-cache');
    rewriteCache(file, forge, { header: (header) => (header.tool = '0.0.1+0000000000000000') });
    const after = messages(root);
    assert.ok(!fromCache(after.messages, 'a/Dockerfile'));
    assert.equal(after.stderr, '', 'an out-of-date cache is replaced silently');
    assert.notEqual(JSON.parse(readFileSync(file, 'utf8').split('\n')[0]).tool, '0.0.1+0000000000000000', 'rewritten for this build');
  });

  it('ignores a damaged, truncated or foreign cache file, says so, and rewrites it', () => {
    const cases: Array<[string, (file: string) => void]> = [
      ['edited without its checksum', (file) => rewriteCache(file, forge, { keepChecksum: true })],
      // One character of a message changed, the length kept: only the sum can tell.
      ['one byte changed, same length', (file) => rewriteCache(file, (body) => body.replace(/("message": ?")(.)/, (_, start: string, first: string) => `${start}${first === 'Z' ? 'Y' : 'Z'}`), { keepChecksum: true })],
      ['truncated', (file) => writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200))],
      ['garbage', (file) => writeFileSync(file, '\u0000\u0001 not json at all')],
      ['another tool’s file', (file) => writeFileSync(file, JSON.stringify({ files: {}, version: 3 }))],
    ];
    for (const [label, damage] of cases) {
      const root = workspace({ 'a/Dockerfile': DOCKERFILE });
      const cold = run(['--format', 'json'], root);
      messages(root);
      const file = join(root, '.stridelint-cache');
      damage(file);
      const after = run(['--format', 'json', '--cache'], root);
      assert.equal(after.code, cold.code, label);
      assert.equal(after.stdout, cold.stdout, `${label}: output as without a cache`);
      assert.match(after.stderr, /the cache \.stridelint-cache was not used: .*; it will be rewritten\./, label);
      assert.equal(run(['--format', 'json', '--cache'], root).stderr, '', `${label}: rewritten, so the next run reads it`);
    }
  });

  it('does not use an entry whose value is not findings, even with a valid checksum', () => {
    const root = workspace({ 'a/Dockerfile': DOCKERFILE });
    const cold = run(['--format', 'json'], root).stdout;
    messages(root);
    rewriteCache(join(root, '.stridelint-cache'), (body) => body.replace(/"severity":"warning"/g, '"severity":"fatal"'));
    assert.equal(run(['--format', 'json', '--cache'], root).stdout, cold);
  });

  it('never reads the cache for --fix (fixes are computed), and never lints the cache file', () => {
    const root = workspace({ 'a/Dockerfile': DOCKERFILE, 'compose.yaml': COMPOSE });
    messages(root);
    rewriteCache(join(root, '.stridelint-cache'), forge);
    const fixed = run(['--format', 'json', '--cache', '--fix'], root);
    assert.ok(!fixed.stdout.includes(FORGED));
    assert.match(readFileSync(join(root, 'a/Dockerfile'), 'utf8'), /^COPY app\/ \/srv\/app\/$/m, 'the fix was applied');
    assert.ok(!messages(root).messages.some((message) => message.includes('ADD copies')), 'the cache holds the fixed file’s findings');
    const files = (JSON.parse(fixed.stdout).files as Array<{ path: string }>).map((entry) => entry.path);
    assert.ok(!files.includes('.stridelint-cache'));
  });

  it('--cache-location names the file, or a folder to put .stridelint-cache in', () => {
    const root = workspace({ 'a/Dockerfile': DOCKERFILE });
    mkdirSync(join(root, 'cache-folder'));
    run(['--format', 'json', '--cache', '--cache-location', 'cache-folder'], root);
    assert.ok(existsSync(join(root, 'cache-folder', '.stridelint-cache')));
    run(['--format', 'json', '--cache', '--cache-location', 'named.cache'], root);
    assert.ok(existsSync(join(root, 'named.cache')));
    assert.ok(!existsSync(join(root, '.stridelint-cache')));
  });

  it('caches a Helm chart as a unit and renders it again when any file of it changes (values.yaml, a helper)', () => {
    const chart = Object.fromEntries([...chartSources().files].map(([path, text]) => [`web${path.slice(CHART_ROOT.length)}`, String(text)]));
    const root = workspace({ ...chart, 'a/Dockerfile': DOCKERFILE });
    const cold = run(['--format', 'json'], root).stdout;
    assert.equal(run(['--format', 'json', '--cache'], root).stdout, cold);
    rewriteCache(join(root, '.stridelint-cache'), forge);
    const warm = messages(root).messages;
    assert.ok(fromCache(warm, 'web/templates/deployment.yaml'), 'the chart unit came from the cache');
    writeFileSync(join(root, 'web/values.yaml'), `${chart['web/values.yaml']}# a comment\n`);
    const afterValues = messages(root).messages;
    assert.ok(!fromCache(afterValues, 'web/templates/deployment.yaml'), 'a values change renders the chart again');
    assert.ok(fromCache(afterValues, 'a/Dockerfile'), 'other files stay cached');
    rewriteCache(join(root, '.stridelint-cache'), forge);
    writeFileSync(join(root, 'web/templates/_helpers.tpl'), '{{- define "web.labels" -}}\napp: web2\n{{- end -}}\n');
    assert.ok(!fromCache(messages(root).messages, 'web/templates/deployment.yaml'), 'a helper (not linted itself) is an input of the unit too');
  });

  it('takes each unchanged file’s workspace facts from the cache, and parses a Dockerfile for facts only when a compose file builds it', () => {
    const root = workspace({ 'compose.yaml': 'services:\n  api:\n    build: ./api\n', 'api/Dockerfile': 'FROM alpine:3.20\nUSER 10001\nHEALTHCHECK CMD true\n', 'other/Dockerfile': DOCKERFILE });
    const rootUser = (stdout: string) => (JSON.parse(stdout) as { findings: Array<{ ruleId: string; path: string }> }).findings.filter((finding) => finding.ruleId === 'compose/no-root-user').map((finding) => finding.path);
    assert.deepEqual(rootUser(messages(root).stdout), []);
    const file = join(root, '.stridelint-cache');
    const factsEntries = readFileSync(file, 'utf8').split('\n').filter((line) => line.includes('\\u0000facts'));
    assert.ok(factsEntries.some((line) => line.includes('api/Dockerfile')), 'the built Dockerfile has facts');
    assert.ok(!factsEntries.some((line) => line.includes('other/Dockerfile')), 'a Dockerfile nothing builds was not parsed for facts');
    // The cached facts of api/Dockerfile now say USER root: a warm run that used them, not the file, reports it.
    rewriteCache(file, (body) => body.replace('"value":"10001"', '"value":"root"'));
    assert.deepEqual(rootUser(messages(root).stdout), ['compose.yaml'], 'the facts came from the cache');
    // Facts that do not have the facts' shape are a miss: the file is parsed again.
    rewriteCache(file, (body) => body.replace(/(\/api\/Dockerfile\\u0000facts"\t)\{[^\n]*/, '$1{"kind":"dockerfile","stages":7}'));
    assert.deepEqual(rootUser(messages(root).stdout), []);
    assert.ok(readFileSync(file, 'utf8').includes('"value":"10001"'), 'the damaged entry was replaced by the parsed facts');
  });

  it('caches the run’s kustomization builds as one unit and builds them again when a file they read changes', () => {
    const root = workspace({ 'base/kustomization.yaml': BASE_KUSTOMIZATION, 'base/deployment.yaml': BASE_DEPLOYMENT, 'overlays/prod/kustomization.yaml': OVERLAY_KUSTOMIZATION, 'overlays/prod/security.yaml': RESTRICTED_PATCH, 'a/Dockerfile': DOCKERFILE });
    const cold = run(['--format', 'json'], root).stdout;
    assert.equal(run(['--format', 'json', '--cache'], root).stdout, cold);
    assert.equal(run(['--format', 'json', '--cache'], root).stdout, cold, 'warm output is byte-identical');
    rewriteCache(join(root, '.stridelint-cache'), forge);
    assert.ok(fromCache(messages(root).messages, 'base/deployment.yaml'), 'the builds’ findings came from the cache');
    writeFileSync(join(root, 'overlays/prod/security.yaml'), `${RESTRICTED_PATCH}# a comment\n`);
    const after = messages(root).messages;
    assert.ok(after.some((message) => message.startsWith('base/deployment.yaml: ')) && !fromCache(after, 'base/deployment.yaml'), 'a patch change builds again');
    assert.ok(fromCache(after, 'a/Dockerfile'), 'other files stay cached');
  });

  it('builds again when a file the builds fetched from outside the kustomizations’ folders changes', () => {
    const root = workspace({ 'app/kustomization.yaml': 'resources:\n  - ../shared/deployment.yaml\n', 'shared/deployment.yaml': BASE_DEPLOYMENT });
    const cold = run(['--format', 'json'], root).stdout;
    assert.equal(run(['--format', 'json', '--cache'], root).stdout, cold);
    rewriteCache(join(root, '.stridelint-cache'), forge);
    assert.ok(fromCache(messages(root).messages, 'shared/deployment.yaml'), 'reused: the fetched file is unchanged');
    writeFileSync(join(root, 'shared/deployment.yaml'), `${readFileSync(join(root, 'shared/deployment.yaml'), 'utf8')}# changed\n`);
    const after = messages(root).messages;
    assert.ok(after.some((message) => message.startsWith('shared/deployment.yaml: ')) && !fromCache(after, 'shared/deployment.yaml'), 'a change of a fetched file builds again');
  });

  it('never reads a path outside the workspace that a kustomization sources entry of the cache names', () => {
    const root = workspace({ 'app/kustomization.yaml': 'resources:\n  - ../shared/deployment.yaml\n', 'shared/deployment.yaml': BASE_DEPLOYMENT });
    const outside = workspace({ 'secret.txt': 'not for stridelint\n' });
    messages(root);
    const file = join(root, '.stridelint-cache');
    rewriteCache(file, (body) => body.replace(/(kustomize-sources"\t\{"fetched":)\[[^\]\n]*\]/, `$1${JSON.stringify([join(outside, 'secret.txt'), `${root}/../${outside.split('/').pop()}/secret.txt`])}`));
    assert.ok(readFileSync(file, 'utf8').includes('secret.txt'), 'the entry names the outside file');
    const { read } = readsDuring(() => messages(root));
    assert.ok(read.some((path) => path.endsWith('shared/deployment.yaml')), 'the recording sees the run’s reads');
    assert.deepEqual(read.filter((path) => path.endsWith('secret.txt')), []);
  });
});
