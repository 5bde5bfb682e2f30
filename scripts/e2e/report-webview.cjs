#!/usr/bin/env node
// Checks the threat-model webview in a real VS Code workbench (code-server, see test/e2e/code-server.cjs) driven
// by Debian's headless chromium, on a copy of examples/: runs "stridelint: Open threat model report", reads the
// webview (its policy, rows, links), clicks the first link, fixes that finding by typing and waits for the
// refresh. Prints what it saw; exits 1 when a check fails. Loopback only; every folder it writes is temporary.
//   npm run build && node scripts/e2e/report-webview.cjs [SCREENSHOT_DIR]
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { startCodeServer, launchChromium, confineToLoopback, REPO_ROOT } = require('../../test/e2e/code-server.cjs');

async function main() {
  const shots = process.argv[2];
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-wv-'));
  fs.cpSync(path.join(REPO_ROOT, 'examples'), workspace, { recursive: true });
  const server = await startCodeServer();
  const browser = await launchChromium(chromium);
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const blocked = [];
    await confineToLoopback(page.context(), blocked);
    const payload = [['extensionDevelopmentPath', `vscode-remote://remote${REPO_ROOT}`]];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 120000 });
    // The extension is up once its status-bar item counts the scan's findings per category (`S 32  T 18 …`).
    await page.locator('.statusbar-item', { hasText: /\bS \d+\s+T \d+/ }).first().waitFor({ timeout: 90000 });
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input');
    await page.keyboard.type('stridelint: Open threat model report');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open threat model report' }).first().waitFor({ timeout: 10000 });
    await page.keyboard.press('Enter');

    const webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await webview.locator('tr.finding').first().waitFor({ timeout: 60000 });
    const tab = () => page.locator('.tab', { hasText: 'Threat model' }).first().innerText();
    const count = Number(/\((\d+) findings?\)/.exec(await tab())?.[1]);
    const rows = await webview.locator('tr.finding').count();
    const links = webview.locator('a[href^="command:stridelint.revealLocation"]');
    const policies = await webview.locator('meta[http-equiv="Content-Security-Policy"]').evaluateAll((metas) => metas.map((meta) => meta.getAttribute('content')));
    const background = await webview.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
    console.log(JSON.stringify({ count, rows, links: await links.count(), policies, background }));
    assert.ok(count > 0 && rows === count && (await links.count()) === count, 'one linked row per finding, as many as the title says');
    assert.equal(policies.length, 1);
    assert.match(policies[0], /^default-src 'none'; style-src 'nonce-[A-Za-z0-9+/]{24}'; base-uri 'none'; form-action 'none'$/);
    assert.equal(background, 'rgb(246, 247, 249)', 'the report’s stylesheet applies under the nonce');
    if (shots) await page.screenshot({ path: path.join(shots, 'report-webview.png') });

    const where = await links.first().innerText();
    await links.first().click();
    const [, file, line] = /^(.*):(\d+):\d+$/.exec(where);
    await page.locator('.tab.active', { hasText: path.basename(file) }).waitFor({ timeout: 10000 });
    const selection = await page.locator('[id="status.editor.selection"]').innerText();
    console.log(JSON.stringify({ clicked: where, selection }));
    assert.match(selection, new RegExp(`^Ln ${line}, Col \\d+ \\(\\d+ selected\\)`), 'the finding’s range is selected');
    if (shots) await page.screenshot({ path: path.join(shots, 'report-webview-link.png') });

    // Overwrite the selected finding's text with a comment: the report follows.
    await page.keyboard.type('# fixed by the e2e check');
    const started = Date.now();
    let title = await tab();
    while (title.includes(`(${count} `) && Date.now() - started < 10000) {
      await page.waitForTimeout(200);
      title = await tab();
    }
    console.log(JSON.stringify({ afterEdit: title, ms: Date.now() - started }));
    assert.notEqual(title, `Threat model (${count} findings)`, 'the report refreshes when findings change');
    assert.deepEqual(blocked, [], 'nothing leaves loopback');
  } catch (error) {
    if (shots) await browser.contexts()[0]?.pages()[0]?.screenshot({ path: path.join(shots, 'report-webview-failure.png') });
    throw error;
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
