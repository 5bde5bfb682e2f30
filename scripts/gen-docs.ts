// Writes docs/rules/<kind>/<name>.md for every rule and the README's rule table, from rule metadata.
// `node dist/gen-docs.js --check` fails (exit 1) when a page or the table is missing or stale.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ALL_RULE_METAS } from '../rules';
import { renderRulePage, renderReadmeTable, README_TABLE_START, README_TABLE_END } from '../server/shared/rule-docs';

const root = join(__dirname, '..');
const check = process.argv.includes('--check');
const stale: string[] = [];

function write(file: string, content: string): void {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === content) return;
  if (check) stale.push(file);
  else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

for (const meta of ALL_RULE_METAS) write(join(root, 'docs', 'rules', `${meta.id}.md`), renderRulePage(meta));
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(README_TABLE_START);
const end = readme.indexOf(README_TABLE_END);
if (start < 0 || end < 0) {
  process.stderr.write(`README.md lacks the ${README_TABLE_START} … ${README_TABLE_END} markers\n`);
  process.exit(1);
}
write(readmePath, readme.slice(0, start + README_TABLE_START.length) + '\n' + renderReadmeTable() + readme.slice(end));
if (stale.length > 0) {
  process.stderr.write(`Stale or missing docs (run \`npm run docs\`):\n${stale.map((file) => `  ${file}`).join('\n')}\n`);
  process.exit(1);
}
