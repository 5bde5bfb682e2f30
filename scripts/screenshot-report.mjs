// Renders `stridelint report <paths> --format html` and saves a full-page PNG of it (default: examples →
// docs/report.png), in headless Debian Chromium through playwright-core. Not part of `npm test`.
//   node scripts/screenshot-report.mjs [--out docs/report.png] [--width 1280] [--max-height 2600] [paths…]
// A long report is cut at --max-height pixels (0 = the whole page), which keeps the committed picture small.
// Needs `npm run build` first (it runs dist/cli.js) and /usr/bin/chromium (or CHROMIUM=/path).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (flag, fallback) => {
  const index = args.indexOf(flag);
  if (index < 0) return fallback;
  const [, value] = args.splice(index, 2);
  return value;
};
const out = resolve(root, option('--out', 'docs/report.png'));
const width = Number(option('--width', '1280'));
const maxHeight = Number(option('--max-height', '2600'));
const paths = args.length ? args : ['examples'];

const work = mkdtempSync(join(tmpdir(), 'stridelint-report-'));
const html = join(work, 'report.html');
const run = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'report', ...paths, '--format', 'html', '--output', html], { cwd: root, stdio: 'inherit' });
if (run.status !== 0) {
  console.error(`stridelint report failed (exit ${run.status}); run \`npm run build\` first.`);
  process.exit(1);
}

// A fresh HOME keeps Chromium's crash reports and dconf cache out of the real one.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  env: { ...process.env, HOME: work },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  // The report must not load anything: any request other than the file itself is an error.
  const requests = [];
  page.on('request', (request) => {
    if (request.url() !== pathToFileURL(html).href) requests.push(request.url());
  });
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const clip = maxHeight > 0 && height > maxHeight ? { x: 0, y: 0, width, height: maxHeight } : undefined;
  await page.screenshot({ path: out, fullPage: true, ...(clip ? { clip } : {}) });
  if (requests.length > 0) throw new Error(`the report requested other resources: ${requests.join(', ')}`);
  console.log(`saved ${out}`);
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
