#!/usr/bin/env node
// UI smoke tests: what a person sees in VS Code (code-server's workbench in headless Debian chromium, driven
// by playwright-core) on a temporary copy of examples/. Each step saves a screenshot under test-output/e2e/.
// code-server listens on 127.0.0.1 only with --auth none; every home/config/data folder is temporary; a
// request that would leave loopback is refused and fails the run.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { chromium } = require('playwright-core');
const { REPO_ROOT, startCodeServer, launchChromium, confineToLoopback } = require('./code-server.cjs');

const OUT = path.join(REPO_ROOT, 'test-output', 'e2e');
const TIMEOUT = 60000;

/** Polls `read` (sync or async) until `accept` holds for its value: files on disk, counts of UI rows. */
async function until(read, accept, what, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * Opens a workspace file through quick open (Ctrl+P), once the list's first row is that file: recently opened
 * files are listed before the filter applies, and Enter on them would open the wrong one. `key` Control+Enter
 * opens it to the side.
 */
async function quickOpen(page, file, key = 'Enter') {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(file);
  const first = page.locator('.quick-input-list .monaco-list-row').first();
  await until(() => first.getAttribute('aria-label').catch(() => ''), (label) => typeof label === 'string' && label.includes(path.basename(file)) && label.includes(path.dirname(file)), `${file} first in quick open`, TIMEOUT);
  await page.keyboard.press(key);
}

/** Warning and error squiggles drawn on one line of an editor (matched by height against its line number). */
async function squigglesOnLine(editor, line) {
  const box = await editor.locator('.line-numbers').filter({ hasText: new RegExp(`^${line}$`) }).first().boundingBox();
  if (!box) return 0;
  const middles = await editor.locator('.squiggly-warning, .squiggly-error').evaluateAll((all) => all.map((element) => {
    const rect = element.getBoundingClientRect();
    return rect.top + rect.height / 2;
  }));
  return middles.filter((middle) => middle >= box.y && middle <= box.y + box.height).length;
}

function steps(context) {
  const { page, workspace } = context;
  const helmTemplate = page.locator('.monaco-editor[data-uri$="/templates/deployment.yaml"]').first();
  const helmState = { squigglesBefore: 0 };
  const editor = page.locator('.monaco-editor[data-uri$="/Dockerfile"]').first();
  const dockerfile = path.join(workspace, 'Dockerfile');
  return [
    {
      name: 'a squiggle appears under a finding in the Dockerfile',
      shot: '01-squiggle.png',
      async run() {
        await page.getByRole('treeitem', { name: 'Dockerfile', exact: true }).dblclick({ timeout: TIMEOUT });
        await editor.locator('.squiggly-warning, .squiggly-error').first().waitFor({ timeout: TIMEOUT });
        // The workspace scan has finished: the status bar counts the threats per STRIDE category.
        await page.locator('.statusbar-item', { hasText: 'scanning the workspace' }).waitFor({ state: 'detached', timeout: TIMEOUT });
        await page.locator('.statusbar-item', { hasText: /\bT \d+/ }).first().waitFor({ timeout: TIMEOUT });
      },
    },
    {
      name: 'the Problems panel lists findings of files that were never opened',
      shot: '02-problems.png',
      async run() {
        await page.keyboard.press('Control+Shift+M');
        const panel = page.locator('.markers-panel');
        await panel.waitFor({ timeout: TIMEOUT });
        // Maximized and collapsed to one row per file (with its count), then the never-opened manifest's findings.
        await runCommand(page, 'Toggle Maximized Panel');
        const files = panel.locator('.monaco-list-row[aria-level="1"]');
        await files.first().waitFor({ timeout: TIMEOUT });
        // Findings that arrive after a collapse come in expanded (and push other files out of the virtual
        // list's view): collapse again until every file is one row and the never-opened manifest is in view.
        const collapse = page.locator('.panel .action-label.codicon-collapse-all, .panel .action-label.codicon-tree-collapse').first();
        await until(
          async () => {
            if ((await panel.locator('.monaco-list-row[aria-level="2"]').count()) > 0) await collapse.click();
            return (await panel.locator('.monaco-list-row[aria-level="2"]').count()) === 0 && (await files.count()) >= 2 && (await files.filter({ hasText: 'rbac.yaml' }).count()) === 1;
          },
          (done) => done,
          'one collapsed row per file, rbac.yaml among them',
          TIMEOUT,
        );
        const names = await files.allInnerTexts();
        const manifest = files.filter({ hasText: 'rbac.yaml' });
        await manifest.waitFor({ timeout: TIMEOUT });
        await manifest.click();
        await panel.locator('.monaco-list-row', { hasText: 'kubernetes/rbac-wildcard' }).first().waitFor({ timeout: TIMEOUT });
        if (!names.some((name) => name.includes('Dockerfile'))) throw new Error(`expected the Dockerfile among the files, saw ${JSON.stringify(names)}`);
        const opened = await page.locator('.tabs-container .tab').allInnerTexts();
        if (opened.some((tab) => tab.includes('rbac.yaml'))) throw new Error('rbac.yaml was opened, but should be listed without opening');
      },
    },
    {
      name: 'the hover over a finding names its STRIDE category',
      shot: '03-hover.png',
      async run() {
        await runCommand(page, 'Toggle Maximized Panel'); // the editor back above the panel
        await editor.locator('.view-lines').click();
        await page.keyboard.press('Control+G');
        await page.keyboard.type('4');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        // Two parts: the diagnostic (VS Code's own) and stridelint's hover, which names the STRIDE threat.
        const hover = page.locator('.monaco-hover:visible', { hasText: 'dockerfile/add-instead-of-copy' }).first();
        await hover.waitFor({ timeout: TIMEOUT });
        await hover.getByText(/Tampering: Code or data can be changed/).waitFor({ timeout: TIMEOUT });
      },
    },
    {
      name: 'Ctrl+. opens the quick-fix menu on the finding',
      shot: '04-quick-fix-menu.png',
      async run() {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+.');
        const menu = page.locator('.action-widget');
        await menu.locator('.action-item, .monaco-list-row', { hasText: 'Replace ADD with COPY' }).first().waitFor({ timeout: TIMEOUT });
      },
    },
    {
      name: 'Enter applies the quick fix and Ctrl+S writes the fixed file to disk',
      shot: '05-fixed-file.png',
      async run() {
        const before = fs.readFileSync(dockerfile, 'utf8').split('\n')[3];
        if (!before.startsWith('ADD package.json')) throw new Error(`unexpected line 4 before the fix: ${before}`);
        const squiggles = editor.locator('.squiggly-warning, .squiggly-error, .squiggly-info');
        const squigglesBefore = await squiggles.count();
        await page.keyboard.press('Enter');
        await page.keyboard.press('Control+S');
        await until(() => fs.readFileSync(dockerfile, 'utf8').split('\n')[3], (line) => line === before.replace(/^ADD/, 'COPY'), 'line 4 on disk to read COPY');
        await editor.locator('.view-line', { hasText: 'COPY package.json' }).waitFor({ timeout: TIMEOUT });
        await page.locator('.tabs-container .tab.dirty').waitFor({ state: 'detached', timeout: TIMEOUT });
        // The finding is gone from the editor: one squiggle fewer once the server has linted the new text.
        await until(() => squiggles.count(), (count) => count < squigglesBefore, `fewer than ${squigglesBefore} squiggles`, TIMEOUT);
      },
    },
    {
      name: 'the Threats view lists the STRIDE categories',
      shot: '06-threats-view.png',
      async run() {
        await page.keyboard.press('Control+J'); // hide the panel: more room for the view
        await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: TIMEOUT });
        // Collapse the file tree so the Threats view below it gets the side bar's height.
        await page.locator('.pane-header[aria-expanded="true"]', { hasText: 'examples' }).click();
        await runCommand(page, 'Focus on Threats View');
        const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Threats' }) });
        const categories = view.locator('.monaco-list-row[aria-level="1"]');
        await categories.first().waitFor({ timeout: TIMEOUT });
        // Categories open expanded (category → file → finding): collapse each so every category shows with its count.
        for (let i = 0; i < 6 && (await view.locator('.monaco-list-row[aria-level="1"][aria-expanded="true"]').count()) > 0; i++) {
          await view.locator('.monaco-list-row[aria-level="1"][aria-expanded="true"]').first().click();
        }
        await until(() => view.locator('.monaco-list-row[aria-level="2"]').count(), (count) => count === 0, 'every category collapsed');
        const labels = await categories.allInnerTexts();
        for (const category of ['Spoofing', 'Tampering', 'Elevation of privilege']) {
          if (!labels.some((label) => new RegExp(`^${category}\\s*\\d+$`).test(label.trim()))) throw new Error(`no "${category} <count>" row among ${JSON.stringify(labels)}`);
        }
      },
    },
    {
      name: 'a Helm chart template shows squiggles on the lines that wrote the findings',
      shot: '09-helm-chart.png',
      async run() {
        await quickOpen(page, 'helm/web/templates/deployment.yaml');
        const squiggles = helmTemplate.locator('.squiggly-warning, .squiggly-error');
        await squiggles.first().waitFor({ timeout: TIMEOUT });
        // Line 20 (`- name:` of the container) carries the container findings fed by values.yaml's `securityContext: {}`.
        await until(() => squigglesOnLine(helmTemplate, 20), (count) => count > 0, 'a warning squiggle on line 20', TIMEOUT);
        helmState.squigglesBefore = await squiggles.count();
      },
    },
    {
      name: 'editing values.yaml (unsaved) clears the template squiggles it fed',
      shot: '10-helm-values-edit.png',
      async run() {
        // values.yaml line 12 is `securityContext: {}`, consumed by toYaml under the container.
        await quickOpen(page, 'helm/web/values.yaml');
        const values = page.locator('.monaco-editor[data-uri$="/web/values.yaml"]').first();
        await values.locator('.view-lines').click();
        await page.keyboard.press('Control+G');
        await page.keyboard.type('12');
        await page.keyboard.press('Enter');
        await page.keyboard.press('End');
        await page.keyboard.press('Shift+Home');
        await page.keyboard.type('securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}');
        await page.keyboard.press('Home'); // scroll back to the line's start for the picture
        // The template beside the unsaved values (Ctrl+Enter in quick open opens to the side).
        await quickOpen(page, 'helm/web/templates/deployment.yaml', 'Control+Enter');
        const groups = page.locator('.editor-group-container');
        await until(() => groups.count(), (count) => count === 2, 'two editor groups');
        await groups.nth(0).locator('.monaco-editor[data-uri$="/web/values.yaml"]').waitFor({ timeout: TIMEOUT });
        await groups.nth(1).locator('.monaco-editor[data-uri$="/templates/deployment.yaml"]').waitFor({ timeout: TIMEOUT });
        const squiggles = helmTemplate.locator('.squiggly-warning, .squiggly-error');
        await until(() => squiggles.count(), (count) => count < helmState.squigglesBefore, `fewer than ${helmState.squigglesBefore} squiggles on the template`, TIMEOUT);
        await until(() => squigglesOnLine(helmTemplate, 20), (count) => count === 0, 'no warning squiggle left on line 20', TIMEOUT);
        // Nothing was saved: the change came from the editor's unsaved text.
        if (!fs.readFileSync(path.join(workspace, 'helm/web/values.yaml'), 'utf8').includes('securityContext: {}\n')) throw new Error('values.yaml was saved');
        await page.locator('.tabs-container .tab.dirty', { hasText: 'values.yaml' }).waitFor({ timeout: TIMEOUT });
      },
    },
    {
      name: 'a kustomize base shows its overlay build\'s squiggle; editing the overlay patch (unsaved) clears it',
      shot: '11-kustomize-overlay.png',
      async run() {
        const base = page.locator('.monaco-editor[data-uri$="/kustomize/base/deployment.yaml"]').first();
        // Under load Quick Open may still list the previous results when Enter is pressed: try again.
        for (let attempt = 0; attempt < 3 && !(await base.isVisible()); attempt++) {
          await quickOpen(page, 'kustomize/base/deployment.yaml');
          await base.waitFor({ timeout: 10000 }).catch(() => {});
        }
        const squiggles = base.locator('.squiggly-warning, .squiggly-error');
        // The base has no securityContext; the prod overlay's patch adds all of it but readOnlyRootFilesystem.
        await squiggles.first().waitFor({ timeout: TIMEOUT });
        const before = await squiggles.count();
        await quickOpen(page, 'kustomize/overlays/prod/security.yaml');
        const patch = page.locator('.monaco-editor[data-uri$="/overlays/prod/security.yaml"]').first();
        await patch.locator('.view-lines').click();
        // Line 16 is `allowPrivilegeEscalation: false` in the container's securityContext.
        await page.keyboard.press('Control+G');
        await page.keyboard.type('16');
        await page.keyboard.press('Enter');
        await page.keyboard.press('End');
        await page.keyboard.press('Enter');
        await page.keyboard.type('readOnlyRootFilesystem: true');
        // Side by side: the base (its squiggle gone) beside the unsaved patch.
        await page.keyboard.press('Control+\\');
        await quickOpen(page, 'kustomize/base/deployment.yaml');
        await until(() => squiggles.count(), (count) => count < before, `fewer than ${before} squiggles on the base`, TIMEOUT);
        if (fs.readFileSync(path.join(workspace, 'kustomize/overlays/prod/security.yaml'), 'utf8').includes('readOnlyRootFilesystem: true')) throw new Error('security.yaml was saved');
      },
    },
    {
      name: 'the threat-model report opens in a script-free webview whose links open each finding, and follows edits',
      shot: '08-report-webview.png',
      async run() {
        await runCommand(page, 'stridelint: Open threat model report');
        const webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
        const rows = webview.locator('tr.finding');
        await rows.first().waitFor({ timeout: TIMEOUT });
        const tab = page.locator('.tabs-container .tab', { hasText: 'Threat model' }).first();
        const count = Number(/\((\d+) findings?\)/.exec(await tab.innerText())?.[1]);
        // The row's own location link (a cross-file chain under the evidence links its other files too).
        const links = webview.locator('td.where a[href^="command:stridelint.revealLocation?"]');
        if (!(count > 0) || (await rows.count()) !== count || (await links.count()) !== count) throw new Error(`expected one linked row per finding (${count}), saw ${await rows.count()} rows and ${await links.count()} links`);
        const policies = await webview.locator('meta[http-equiv="Content-Security-Policy"]').evaluateAll((metas) => metas.map((meta) => meta.getAttribute('content')));
        if (policies.length !== 1 || !/^default-src 'none'; style-src 'nonce-[A-Za-z0-9+/]{24}'; base-uri 'none'; form-action 'none'$/.test(policies[0])) throw new Error(`unexpected policy ${JSON.stringify(policies)}`);
        // The report's stylesheet applies under the nonce (its page background), so the policy lets the style in.
        const background = await webview.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
        if (background !== 'rgb(246, 247, 249)') throw new Error(`the report is unstyled (background ${background})`);
        // A link opens its file beside the report, with the finding's range selected.
        const file = 'Dockerfile.worker';
        const ofFile = await webview.locator(`tr.finding[data-path="${file}"]`).count();
        const link = links.filter({ hasText: `${file}:` }).first();
        const [, line] = /:(\d+):\d+$/.exec(await link.innerText());
        await link.click();
        await page.locator('.tabs-container .tab.active', { hasText: file }).waitFor({ timeout: TIMEOUT });
        await page.locator('[id="status.editor.selection"]', { hasText: new RegExp(`^Ln ${line}, Col \\d+ \\(\\d+ selected\\)`) }).waitFor({ timeout: TIMEOUT });
        // Emptying that file (unsaved) takes its findings out of the report, which is made again by itself.
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Delete');
        const expected = `Threat model (${count - ofFile} finding${count - ofFile === 1 ? '' : 's'})`;
        await until(() => tab.innerText(), (title) => title.trim() === expected, expected, TIMEOUT);
        await until(() => rows.count(), (rowCount) => rowCount === count - ofFile, `${count - ofFile} rows in the report`, TIMEOUT);
      },
    },
  ];
}

/** The HTML threat-model report of examples/, rendered in the same chromium; it may load nothing else. */
async function reportStep(browser, workDir) {
  const html = path.join(workDir, 'report.html');
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'report', 'examples', '--format', 'html', '--output', html], { cwd: REPO_ROOT, stdio: 'inherit' });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requested = [];
  await context.route('**/*', (route) => {
    if (route.request().url() === pathToFileURL(html).href) return route.continue();
    requested.push(route.request().url());
    return route.abort();
  });
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    await page.locator('h1').first().waitFor();
    // The whole page of the examples' report is ~15 MB of PNG and took 20–30 s to encode, near playwright's
    // timeout: the first 3,000 px show the summary, the heat map and the first sections.
    await page.screenshot({ path: path.join(OUT, '07-report.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 3000 } });
    if (requested.length > 0) throw new Error(`the report requested other resources: ${requested.join(', ')}`);
  } finally {
    await context.close();
  }
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  for (const file of fs.readdirSync(OUT)) if (file.endsWith('.png')) fs.rmSync(path.join(OUT, file));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-ui-'));
  const workspace = path.join(workDir, 'examples');
  fs.cpSync(path.join(REPO_ROOT, 'examples'), workspace, { recursive: true });
  const server = await startCodeServer({ settings: { 'workbench.tips.enabled': false, 'editor.minimap.enabled': false, 'chat.commandCenter.enabled': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'files.autoSave': 'off' } });
  let browser;
  let passed = 0;
  let failed = 0;
  const blocked = [];
  try {
    browser = await launchChromium(chromium);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await confineToLoopback(context, blocked);
    const page = await context.newPage();
    const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://remote${REPO_ROOT}`]]);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    let broken;
    for (const step of steps({ page, workspace })) {
      if (broken) {
        console.log(`✖ ${step.name} (not run: "${broken}" failed)`);
        failed++;
        continue;
      }
      const started = Date.now();
      try {
        await step.run();
        await page.screenshot({ path: path.join(OUT, step.shot) });
        console.log(`✔ ${step.name} → ${step.shot} (${Date.now() - started} ms)`);
        passed++;
      } catch (error) {
        await page.screenshot({ path: path.join(OUT, `failed-${step.shot}`) }).catch(() => {});
        console.log(`✖ ${step.name}\n  ${String(error.stack || error).split('\n').slice(0, 4).join('\n  ')}`);
        failed++;
        broken = step.name;
      }
    }
    const started = Date.now();
    try {
      await reportStep(browser, workDir);
      console.log(`✔ the HTML threat-model report renders without loading anything → 07-report.png (${Date.now() - started} ms)`);
      passed++;
    } catch (error) {
      console.log(`✖ the HTML threat-model report renders without loading anything\n  ${error.message}`);
      failed++;
    }
    if (blocked.length > 0) {
      console.log(`✖ no request leaves loopback: refused ${blocked.join(', ')}`);
      failed++;
    } else {
      console.log('✔ no request left loopback');
      passed++;
    }
  } finally {
    if (browser) await browser.close().catch(() => {});
    await server.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  console.log(`UI smoke suite: ${passed} passed, ${failed} failed (screenshots in ${path.relative(REPO_ROOT, OUT)}/)`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
