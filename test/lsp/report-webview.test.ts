import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPEN_THREAT_REPORT_COMMAND, REVEAL_COMMAND, THREAT_REPORT_REQUEST, findingsFingerprint, makeNonce, messageHtml, panelTitle, parseRevealArgument, revealColumn, webviewCsp, webviewHtml } from '../../client/report-html';
import type { ThreatFinding } from '../../client/threats';
import { renderHtmlReport } from '../../server/report';
import { THREAT_REPORT_REQUEST as SERVER_REQUEST, threatReportHandler } from '../../server/lsp/threat-report';
import { DEFAULT_SETTINGS } from '../../server/lsp/settings';
import { emptyConfig } from '../../rules/engine';
import { checkHtml } from '../report/html-check';
import { syntheticInput } from '../report/fixture';
import { REPO_ROOT } from '../helpers/shared';

const NONCE = 'c3RyaWRlbGludC1ub25jZQ==';
const cspOf = (html: string) => [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/gi)].map((match) => match[1]);

describe('threat report webview: content security policy and HTML', () => {
  it('allows nothing remote and no script: every fetch is denied but the style with the nonce', () => {
    const csp = webviewCsp(NONCE);
    const directives = new Map(csp.split(/;\s*/).map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1).join(' ')]));
    assert.equal(directives.get('default-src'), "'none'");
    assert.equal(directives.get('style-src'), `'nonce-${NONCE}'`);
    assert.equal(directives.get('base-uri'), "'none'");
    assert.equal(directives.get('form-action'), "'none'");
    // No script-src (so default-src 'none' applies), nothing that loosens it.
    assert.deepEqual([...directives.keys()].sort(), ['base-uri', 'default-src', 'form-action', 'style-src']);
    assert.doesNotMatch(csp, /unsafe|https?:|\*|data:|vscode-resource|cspSource/);
  });

  it('replaces the report’s own policy by the webview’s, first in <head>, and keeps the document well formed', () => {
    const report = renderHtmlReport(syntheticInput(), { styleNonce: NONCE });
    const html = webviewHtml(report, NONCE);
    assert.deepEqual(cspOf(html), [webviewCsp(NONCE)]);
    assert.match(html, /<head>\n<meta http-equiv="Content-Security-Policy"/);
    assert.match(html, new RegExp(`<style nonce="${NONCE}">`));
    assert.deepEqual(checkHtml(html), []);
    // Everything else is the report as the server made it.
    assert.equal(html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/g, ''), report.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/g, ''));
  });

  it('drops a looser policy wherever it is (an older server’s unsafe-inline, a second one in the body)', () => {
    const loose = renderHtmlReport({ files: [] }).replace('<main>', `<main><META http-equiv='content-security-policy' content="default-src *">`);
    const html = webviewHtml(loose, NONCE);
    assert.deepEqual(cspOf(html), [webviewCsp(NONCE)]);
    assert.doesNotMatch(html, /unsafe-inline|default-src \*/);
  });

  it('shows an error page, under the same policy, for a reply that is not a document', () => {
    const html = webviewHtml('<p>oops</p>', NONCE);
    assert.deepEqual(cspOf(html), [webviewCsp(NONCE)]);
    assert.match(html, /not an HTML document/);
    assert.deepEqual(checkHtml(html), []);
  });

  it('escapes the text of a message page', () => {
    const html = messageHtml('Report <failed>', 'connection "closed" & <b>gone</b>', NONCE);
    assert.deepEqual(checkHtml(html), []);
    assert.match(html, /connection &quot;closed&quot; &amp; &lt;b&gt;gone&lt;\/b&gt;/);
  });

  it('makes a new nonce each time, one the server accepts for the report’s style', async () => {
    const nonces = new Set(Array.from({ length: 50 }, makeNonce));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{24}$/);
    const nonce = makeNonce();
    const handler = threatReportHandler({ folders: () => [], files: async () => [], resourceFor: async () => ({ settings: DEFAULT_SETTINGS, config: emptyConfig() }) });
    const { html } = await handler({ styleNonce: nonce });
    assert.ok(html.includes(`<style nonce="${nonce}">`));
    assert.deepEqual(cspOf(webviewHtml(html, nonce)), [webviewCsp(nonce)]);
  });

  it('asks the request the server answers', () => {
    assert.equal(THREAT_REPORT_REQUEST, SERVER_REQUEST);
  });

  it('is opened by a palette command “stridelint: Open threat model report”; the link command stays out of the palette', () => {
    const commands: Array<{ command: string; title: string; category: string }> = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).contributes.commands;
    const open = commands.find((command) => command.command === OPEN_THREAT_REPORT_COMMAND);
    assert.equal(`${open?.category}: ${open?.title}`, 'stridelint: Open threat model report');
    assert.ok(!commands.some((command) => command.command === REVEAL_COMMAND));
    assert.match(REVEAL_COMMAND, /^stridelint\.[A-Za-z]+$/);
  });
});

describe('threat report webview: links and refresh', () => {
  const range = { start: { line: 3, character: 4 }, end: { line: 3, character: 14 } };

  it('opens only file and untitled URIs at a well-formed range', () => {
    assert.deepEqual(parseRevealArgument({ uri: 'file:///ws/Dockerfile', range, extra: 1 }), { uri: 'file:///ws/Dockerfile', range });
    assert.deepEqual(parseRevealArgument({ uri: 'untitled:Untitled-1', range })?.uri, 'untitled:Untitled-1');
    for (const uri of ['https://example.com/x', 'command:workbench.action.terminal.new', 'vscode://x', 'Dockerfile', 42]) assert.equal(parseRevealArgument({ uri, range }), undefined, String(uri));
    const start = (value: unknown) => parseRevealArgument({ uri: 'file:///ws/Dockerfile', range: { start: value, end: range.end } });
    for (const value of [{ line: -1, character: 0 }, { line: 1.5, character: 0 }, { line: '1', character: 0 }, { line: 1 }, null]) assert.equal(start(value), undefined, JSON.stringify(value));
    assert.equal(parseRevealArgument(undefined), undefined);
    assert.equal(parseRevealArgument('file:///ws/Dockerfile'), undefined);
  });

  it('opens a finding beside the report, never on top of it', () => {
    assert.equal(revealColumn(1), 2);
    assert.equal(revealColumn(2), 1);
    assert.equal(revealColumn(undefined), 1);
  });

  it('fingerprints findings regardless of order, and changes with any finding', () => {
    const a: ThreatFinding = { uri: 'file:///ws/Dockerfile', ruleId: 'dockerfile/add-instead-of-copy', stride: 'tampering', severity: 'warning', message: 'ADD fetches.', line: 1, character: 0 };
    const b: ThreatFinding = { ...a, uri: 'file:///ws/compose.yaml', ruleId: 'compose/privileged', stride: 'elevation-of-privilege' };
    assert.equal(findingsFingerprint([a, b]), findingsFingerprint([b, a]));
    assert.notEqual(findingsFingerprint([a, b]), findingsFingerprint([a]));
    assert.notEqual(findingsFingerprint([a]), findingsFingerprint([{ ...a, line: 2 }]));
    assert.notEqual(findingsFingerprint([a]), findingsFingerprint([{ ...a, severity: 'error' }]));
    assert.notEqual(findingsFingerprint([a]), findingsFingerprint([{ ...a, message: 'ADD fetches!' }]));
    assert.equal(findingsFingerprint([]), '');
  });

  it('titles the panel with its finding count', () => {
    assert.equal(panelTitle({ findings: 1 }), 'Threat model (1 finding)');
    assert.equal(panelTitle({ findings: 12 }), 'Threat model (12 findings)');
  });
});
