#!/usr/bin/env node
// A stand-in for the VS Code executable that @vscode/test-electron's runTests() spawns: it understands the
// same flags, but runs the extension tests in code-server (a real VS Code workbench with a Node extension
// host) driven by Debian's headless chromium. Nothing leaves loopback; every folder it writes is temporary.
'use strict';
const path = require('node:path');
const util = require('node:util');
const { chromium } = require('playwright-core');
const { startCodeServer, launchChromium, confineToLoopback } = require('./code-server.cjs');

function parseFlags(argv) {
  const flags = {};
  const positional = [];
  for (const arg of argv) {
    const match = /^--([^=]+)=(.*)$/.exec(arg);
    if (match) (flags[match[1]] ||= []).push(match[2]);
    else if (!arg.startsWith('--')) positional.push(arg);
  }
  return { flags, positional };
}

async function main() {
  const { flags, positional } = parseFlags(process.argv.slice(2));
  // runTests passes --extensions-dir under the repo; a temporary one keeps runs hermetic.
  const server = await startCodeServer();
  let exitCode = 1;
  let browser;
  try {
    browser = await launchChromium(chromium);
    const page = await browser.newPage();
    const blocked = [];
    await confineToLoopback(page.context(), blocked);
    let settle;
    const exited = new Promise((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => settle(code));
    // The workbench logs everything here, mocha's output included; its start-up chatter is left out unless
    // STRIDELINT_E2E_VERBOSE=1 (the gallery lookup is refused on purpose: it points at 127.0.0.1:9).
    const verbose = process.env.STRIDELINT_E2E_VERBOSE === '1';
    const chatter = /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore|Creation of workbench contribution|connect ECONNREFUSED 127\.0\.0\.1:9)/;
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = util.format(...args);
      if (verbose || !chatter.test(line)) console.log(line);
    });
    const remote = (p) => `vscode-remote://remote${path.resolve(p)}`;
    const payload = [
      ...(flags.extensionDevelopmentPath ?? []).map((p) => ['extensionDevelopmentPath', remote(p)]),
      ...(flags.extensionTestsPath ?? []).map((p) => ['extensionTestsPath', remote(p)]),
    ];
    const folder = positional[0] ? `folder=${encodeURIComponent(path.resolve(positional[0]))}&` : 'ew=true&';
    await page.goto(`${server.url}/?${folder}payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeout = Number(process.env.SHIM_TIMEOUT_MS || 300000);
    exitCode = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(124), timeout))]);
    if (exitCode === 124) console.error(`code-shim: the extension tests did not finish within ${timeout} ms`);
    if (blocked.length > 0) {
      console.error(`code-shim: requests outside loopback were refused: ${blocked.join(', ')}`);
      if (exitCode === 0) exitCode = 3;
    }
  } catch (error) {
    console.error(error);
    exitCode = 1;
  } finally {
    if (browser) await browser.close().catch(() => {});
    await server.stop();
  }
  process.exit(exitCode);
}

main();
