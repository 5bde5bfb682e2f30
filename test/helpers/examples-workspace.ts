import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexOfTexts, type Finding } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { REPO_ROOT } from './shared';

/** The YAML files of one examples folder linted as one workspace (their facts in one index), findings by file. */
export function lintExampleFolder(folder: string): Map<string, Finding[]> {
  const files = Object.fromEntries(
    readdirSync(join(REPO_ROOT, folder))
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => [`${folder}/${name}`, readFileSync(join(REPO_ROOT, folder, name), 'utf8')]),
  );
  const workspace = { index: indexOfTexts(files).view() };
  return new Map(Object.entries(files).map(([path, text]) => [path, lintFile(text, path, { workspace }).findings]));
}
