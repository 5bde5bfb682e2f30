import { ALL_RULES } from '../../rules';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyConfig, helmRenderer, lintChart, type Finding, type StridelintConfig } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { CHART_ROOT, chartSources } from '../helm/integration/chart-fixture';
import addInsteadOfCopy from '../../rules/dockerfile/add-instead-of-copy';
import { fileAssets, renderHtmlReport } from '../../server/report';
import { DEFAULT_SETTINGS, type ServerSettings } from '../../server/lsp/settings';
import { assembleReportInput, displayPath, revealLink, threatReportHandler, type KnownFile, type ReportHost, type SourceFile } from '../../server/lsp/threat-report';
import { checkHtml } from '../report/html-check';
import { htmlRows } from '../report/read-report';

const ADD = 'dockerfile/add-instead-of-copy';
const rules = [addInsteadOfCopy];
const DOCKERFILE = 'FROM alpine:3.20 AS build\nADD app.js /app\n';
const findingsOf = (text: string, path = 'Dockerfile'): Finding[] => lintFile(text, path, { rules }).findings;
const settings = (changes: Partial<ServerSettings> = {}): ServerSettings => ({ ...DEFAULT_SETTINGS, rules: {}, categories: {}, exclude: [], ...changes });
const config = (changes: Partial<StridelintConfig> = {}): StridelintConfig => ({ ...emptyConfig('/ws/shop'), ...changes });

function source(path: string, text: string, extra: Partial<SourceFile> = {}): SourceFile {
  return { uri: `file://${path}`, path, kind: 'dockerfile', findings: findingsOf(text, path), assets: fileAssets(text, path, 'dockerfile'), settings: settings(), config: config(), ...extra };
}

/** The `[{ uri, range }]` argument a command link carries. */
function linkArgument(href: string): unknown {
  const query = /^command:[\w.-]+\?(.*)$/.exec(href);
  assert.ok(query, href);
  return JSON.parse(decodeURIComponent(query[1]));
}

describe('threat report request: paths and links', () => {
  it('shows paths relative to their workspace folder, prefixed by the folder when there are several', () => {
    assert.equal(displayPath('/ws/shop/app/Dockerfile', [{ path: '/ws/shop' }]), 'app/Dockerfile');
    assert.equal(displayPath('/ws/shop/app/Dockerfile', [{ path: '/ws/shop' }, { path: '/ws/shop/app' }, { path: '/ws/infra' }]), 'app/Dockerfile');
    assert.equal(displayPath('/ws/infra/k8s/pod.yaml', [{ path: '/ws/shop' }, { path: '/ws/infra/' }]), 'infra/k8s/pod.yaml');
    assert.equal(displayPath('/elsewhere/Dockerfile', [{ path: '/ws/shop' }]), '/elsewhere/Dockerfile');
  });

  it('builds a command URI whose one argument is the file URI and the range', () => {
    const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } };
    const link = revealLink('stridelint.revealLocation', 'file:///ws/a%20b/Dockerfile', range);
    assert.match(link, /^command:stridelint\.revealLocation\?%5B%7B/);
    assert.doesNotMatch(link, /["<> ]/);
    assert.deepEqual(linkArgument(link), [{ uri: 'file:///ws/a%20b/Dockerfile', range }]);
  });
});

describe('threat report request: input assembly', () => {
  const folders = [{ path: '/ws/shop' }];

  it('lists the files sorted by path, with their findings and assets, and maps each displayed path to its URI', () => {
    const files = [source('/ws/shop/web/Dockerfile', DOCKERFILE), source('/ws/shop/api/Dockerfile', 'FROM alpine:3.20\nCOPY . /app\n')];
    const { input, uris } = assembleReportInput(files, folders, { generatedAt: '2026-01-01T00:00:00Z', toolVersion: '9.9.9' });
    assert.deepEqual(input.files.map((file) => [file.path, file.findings.map((finding) => finding.ruleId), file.assets?.map((asset) => asset.kind)]), [
      ['api/Dockerfile', [], ['image']],
      ['web/Dockerfile', [ADD], ['image']],
    ]);
    assert.equal(uris.get('web/Dockerfile'), 'file:///ws/shop/web/Dockerfile');
    assert.deepEqual(input.scope, ['shop']);
    assert.equal(input.generatedAt, '2026-01-01T00:00:00Z');
    assert.equal(input.toolVersion, '9.9.9');
  });

  it('records the configuration in force: config files relative to the folder, and the editor settings that win over them', () => {
    const fromFile = config({ source: '/ws/shop/.stridelint.yaml', rules: { [ADD]: { severity: 'info' } }, ignore: ['vendor/**'] });
    const editor = settings({ rules: { [ADD]: 'error' }, categories: { repudiation: false }, exclude: ['**/testdata/**'] });
    const files = [source('/ws/shop/a/Dockerfile', DOCKERFILE, { config: fromFile, settings: editor }), source('/ws/shop/b/Dockerfile', DOCKERFILE, { config: fromFile, settings: editor })];
    const { configuration } = assembleReportInput(files, folders).input;
    assert.deepEqual(configuration?.sources, ['.stridelint.yaml']);
    // The editor's setting wins, so the file's `info` is not what is in force.
    assert.deepEqual(configuration?.ruleChanges, [{ ruleId: ADD, setting: 'error', defaultSeverity: 'warning', source: 'editor settings (stridelint.rules)' }]);
    assert.deepEqual(configuration?.categoriesOff, [{ stride: 'repudiation', source: 'editor settings (stridelint.categories)' }]);
    assert.deepEqual(configuration?.ignore, [
      { pattern: 'vendor/**', source: '.stridelint.yaml' },
      { pattern: '**/testdata/**', source: 'editor settings (stridelint.exclude)' },
    ]);
  });

  it('shows a finding\'s related locations by displayed path, so the report links its cross-file chain', () => {
    const related = { path: '/ws/shop/base/Dockerfile', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } }, message: 'The USER the image runs as.' };
    const [added] = findingsOf(DOCKERFILE, '/ws/shop/web/Dockerfile');
    const files = [source('/ws/shop/web/Dockerfile', DOCKERFILE, { findings: [{ ...added, related: [related] }] }), source('/ws/shop/base/Dockerfile', 'FROM alpine:3.20\nUSER root\n')];
    const { input, uris } = assembleReportInput(files, folders);
    assert.deepEqual(input.files[1].findings[0].related?.map((entry) => entry.path), ['base/Dockerfile']);
    const html = renderHtmlReport(input, { linkFor: (path, range) => (uris.has(path) ? revealLink('reveal', uris.get(path)!, range) : undefined) });
    const chain = /<small class="chain">(.*?)<\/small>/.exec(html)?.[1] ?? '';
    assert.deepEqual([...chain.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map(([, href, text]) => [(linkArgument(href.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as Array<{ uri: string }>)[0].uri, text]), [
      ['file:///ws/shop/web/Dockerfile', 'web/Dockerfile:2'],
      ['file:///ws/shop/base/Dockerfile', 'base/Dockerfile:2'],
    ]);
  });

  it('says no configuration file was found when every file runs on the defaults', () => {
    const { input } = assembleReportInput([source('/ws/shop/Dockerfile', DOCKERFILE)], folders);
    assert.deepEqual(input.configuration, { sources: [], ruleChanges: [], categoriesOff: [], ignore: [] });
  });
});

describe('threat report request: handler', () => {
  function host(files: KnownFile[]): ReportHost {
    return {
      folders: () => [{ uri: 'file:///ws/shop', path: '/ws/shop' }],
      files: async () => files,
      resourceFor: async () => ({ settings: settings(), config: config() }),
    };
  }
  function known(path: string, text: string, reads: string[], findings = findingsOf(text, path)): KnownFile {
    return { uri: `file://${path}`, path, kind: 'dockerfile', findings, text: () => (reads.push(path), text) };
  }

  it('renders the report of the known files, links each finding back to its file and styles by the given nonce', async () => {
    const reads: string[] = [];
    const files = [known('/ws/shop/web/Dockerfile', DOCKERFILE, reads), { uri: 'file:///ws/shop/README.md', path: '/ws/shop/README.md', findings: [], text: () => '' }];
    const result = await threatReportHandler(host(files))({ styleNonce: 'bm9uY2Utbm9uY2U=', revealCommand: 'stridelint.revealLocation' });
    assert.equal(result.files, 1, 'a file of no stridelint kind is not part of the report');
    assert.equal(result.findings, 1);
    assert.deepEqual(checkHtml(result.html), []);
    assert.deepEqual(htmlRows(result.html).map((row) => [row.ruleId, row.path, row.line, row.asset]), [[ADD, 'web/Dockerfile', 2, 'web/Dockerfile']]);
    const hrefs = [...result.html.matchAll(/<a href="(command:[^"]*)"/g)].map((match) => match[1].replace(/&amp;/g, '&'));
    assert.deepEqual(hrefs.map(linkArgument), [[{ uri: 'file:///ws/shop/web/Dockerfile', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } } }]]);
    assert.match(result.html, /style-src 'nonce-bm9uY2Utbm9uY2U='/);
    assert.match(result.html, /<style nonce="bm9uY2Utbm9uY2U=">/);
  });

  it('makes no links and no nonce from parameters that are not a command id or a nonce', async () => {
    const reads: string[] = [];
    const handler = threatReportHandler(host([known('/ws/shop/Dockerfile', DOCKERFILE, reads)]));
    const result = await handler({ styleNonce: "x' 'unsafe-inline", revealCommand: 'javascript:alert(1)//' });
    assert.doesNotMatch(result.html, /<a href="(?!#)/);
    assert.match(result.html, /style-src 'unsafe-inline'">/);
    assert.doesNotMatch(result.html, /nonce|x' 'unsafe/);
    const plain = await handler(undefined);
    assert.equal(htmlRows(plain.html).length, 1);
  });

  it('counts a Helm chart finding once (its copy on values.yaml is left out) and puts it on the chart', async () => {
    const sources = chartSources();
    const linted = lintChart(sources, CHART_ROOT, { render: helmRenderer(), rules: ALL_RULES });
    const files: KnownFile[] = [...linted.findings].map(([path, findings]) => ({ uri: `file://${path}`, path, kind: 'kubernetes', findings, text: () => String(sources.files.get(path) ?? '') }));
    const onTemplate = linted.findings.get(`${CHART_ROOT}/templates/deployment.yaml`) ?? [];
    assert.ok((linted.findings.get(`${CHART_ROOT}/values.yaml`) ?? []).length > 0, 'the values file shows copies');
    const handler = threatReportHandler({ folders: () => [{ uri: 'file:///ws', path: '/ws' }], files: async () => files, resourceFor: async () => ({ settings: settings(), config: config() }) });
    const result = await handler({});
    assert.equal(result.findings, onTemplate.length);
    const rows = htmlRows(result.html);
    assert.equal(rows.length, onTemplate.length);
    assert.deepEqual([...new Set(rows.map((row) => [row.path, row.asset].join(' ')))], ['web/templates/deployment.yaml web#helm-chart']);
    assert.match(result.html, /Helm chart · web/);
  });

  it('reads a file’s text for its assets once per findings list: a refresh after an edit re-reads that file only', async () => {
    const reads: string[] = [];
    const web = known('/ws/shop/web/Dockerfile', DOCKERFILE, reads);
    const api = known('/ws/shop/api/Dockerfile', DOCKERFILE, reads);
    const files = [web, api];
    const handler = threatReportHandler(host(files));
    await handler({});
    await handler({});
    assert.deepEqual(reads.sort(), ['/ws/shop/api/Dockerfile', '/ws/shop/web/Dockerfile']);
    files[0] = known(web.path, 'FROM debian:12\nADD app.js /app\n', reads);
    const result = await handler({});
    assert.deepEqual(reads.slice(2), ['/ws/shop/web/Dockerfile']);
    // The image is described by its new base image.
    assert.match(result.html, /web\/Dockerfile<br><small>Image · FROM debian:12<\/small>/);
  });
});
