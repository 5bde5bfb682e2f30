import type { ChartRenderResult } from '../render-result';
import { goTrimSpace, isKnownHook, isTestHook, manifestHead, sortByKind, splitManifests } from './manifests';
import { goPathMatch } from './path-match';

/** `helm template`'s output flags (v3 names). */
export interface PrintOptions {
  /** `--show-only` / `-s`: template paths relative to the chart (`templates/x.yaml`), `filepath.Match` patterns. */
  showOnly?: string[];
  /** `--include-crds`: the files of `crds/` first. */
  includeCrds?: boolean;
  /** `--skip-tests`: leave out `helm.sh/hook: test` manifests. */
  skipTests?: boolean;
  /** Helm's output format: 3 (default) or 4 (documents keep their final newline). */
  helmVersion?: 3 | 4;
}

export interface PrintResult {
  /** What `helm template` writes to stdout. */
  stdout: string;
  /** Helm's error (printed by the CLI as `Error: …`), when `helm template` would fail. */
  error?: string;
}

interface Manifest {
  source: string;
  content: string;
  kind: string;
}

/**
 * `helm template`'s stdout (Helm v3): `---\n# Source: <template>\n<manifest>` for each manifest, split from
 * the rendered files in path order, sorted by Helm's install order of kinds; hooks after, CRDs first with
 * `--include-crds`; NOTES.txt and empty files never printed.
 */
export function printTemplate(result: ChartRenderResult, options: PrintOptions = {}): PrintResult {
  if (result.error) return { stdout: '', error: result.error };
  const manifests: Manifest[] = [];
  const hooks: (Manifest & { events: string[] })[] = [];
  const files = [...result.templates].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const template of files) {
    if (goTrimSpace(template.output.text) === '') continue;
    for (const content of splitManifests(template.output.text, options.helmVersion)) {
      const { head, error } = manifestHead(content);
      if (!head) return { stdout: '', error: `YAML parse error on ${template.name}: ${error}` };
      const manifest = { source: template.name, content, kind: head.kind };
      if (!head.hookEvents) manifests.push(manifest);
      else if (isKnownHook(head.hookEvents)) hooks.push({ ...manifest, events: head.hookEvents });
    }
  }
  let body = '';
  if (options.includeCrds) for (const crd of result.crds ?? []) body += `---\n# Source: ${crd.name}\n${crd.text}\n`;
  for (const manifest of sortByKind(manifests, (m) => m.kind)) body += `---\n# Source: ${manifest.source}\n${manifest.content}\n`;
  let stdout = `${goTrimSpace(body)}\n`;
  for (const hook of sortByKind(hooks, (h) => h.kind)) {
    if (options.skipTests && isTestHook(hook.events)) continue;
    stdout += `---\n# Source: ${hook.source}\n${hook.content}\n`;
  }
  if (!options.showOnly?.length) return { stdout };
  return showOnly(stdout, options.showOnly, options.helmVersion);
}

/** `--show-only`: the documents whose `# Source:` path (without the chart name) matches each pattern, in pattern order. */
function showOnly(stdout: string, patterns: string[], helmVersion: 3 | 4 = 3): PrintResult {
  const documents = splitManifests(stdout, helmVersion);
  let out = '';
  for (const pattern of patterns) {
    let found = false;
    for (const document of documents) {
      const match = /# Source: [^/]+\/(.+)/.exec(document);
      if (!match || !goPathMatch(pattern.replace(/\\/g, '/'), match[1])) continue;
      out += `---\n${document}\n`;
      found = true;
    }
    if (!found) return { stdout: '', error: `could not find template ${pattern} in chart` };
  }
  return { stdout: out };
}
