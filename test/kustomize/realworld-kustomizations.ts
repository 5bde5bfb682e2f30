import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceSet } from '../../rules/models/helm/source-map';
import { buildKustomization, type KustomizeBuildResult } from '../../rules/models/kustomize/build';
import { realworldIndex, SHARED_DIR } from '../helpers/shared';

const KUSTOMIZATION = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

const repositories = new Map<string, SourceSet>();

/** A realworld repository as a source set: every file of it, under `/<repository>/…`. */
export function realworldRepository(repository: string): SourceSet {
  const root = join(SHARED_DIR, 'corpus', 'realworld');
  let sources = repositories.get(repository);
  if (!sources) {
    const files = new Map<string, string | Uint8Array>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else files.set('/' + full.slice(root.length + 1).split('\\').join('/'), readFileSync(full));
      }
    };
    walk(join(root, repository));
    sources = { files };
    repositories.set(repository, sources);
  }
  return sources;
}

/** The realworld corpus's kustomization files, each built with its repository as the source set. */
export function buildRealworldKustomizations(): { path: string; result: KustomizeBuildResult; ms: number }[] {
  const sourceSetOf = realworldRepository;
  return realworldIndex()
    .filter((file) => KUSTOMIZATION.test(file.path))
    .map((file) => {
      // Reading the repository from disk is the adapter's work, not the build's: it is not timed.
      const sources = sourceSetOf(file.path.split('/')[0]);
      const dir = '/' + file.path.split('/').slice(0, -1).join('/');
      const started = performance.now();
      const result = buildKustomization(sources, dir);
      return { path: file.path, result, ms: performance.now() - started };
    });
}
