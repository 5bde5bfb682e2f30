import type { SourceSet } from '../../models/helm/source-map';
import { buildKustomization, type KustomizeBuildOptions, type KustomizeBuildResult } from '../../models/kustomize/build';
import { KUSTOMIZATION_FILE_NAMES } from '../../models/kustomize/kustomization';

/** A kustomization directory and its build. */
export interface KustomizationBuild {
  dir: string;
  /** Its kustomization file (kustomization.yaml, .yml or Kustomization). */
  file: string;
  result: KustomizeBuildResult;
}

/** The kustomization files of a source set (absolute `/` paths), sorted. */
export function kustomizationFiles(sources: SourceSet): string[] {
  const found: string[] = [];
  for (const path of sources.files.keys()) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (KUSTOMIZATION_FILE_NAMES.includes(name)) found.push(path);
  }
  return found.sort();
}

/**
 * Builds every kustomization of the source set (or of `dirs`; `built`: builds of this very set made already) and keeps the leaves: those no other build
 * read. A build that failed on a cycle does not make the kustomizations it read non-leaves, or the members
 * of a cycle would all vanish instead of each reporting it.
 */
export function leafBuilds(sources: SourceSet, options: KustomizeBuildOptions, dirs?: readonly string[], built?: ReadonlyMap<string, KustomizeBuildResult>): KustomizationBuild[] {
  const builds: KustomizationBuild[] = [];
  const seenDirs = new Set<string>();
  for (const file of kustomizationFiles(sources)) {
    const dir = file.slice(0, file.lastIndexOf('/')) || '/';
    // Two kustomization files in one folder are one build (which reports them), not two.
    if (seenDirs.has(dir) || (dirs && !dirs.includes(dir))) continue;
    seenDirs.add(dir);
    builds.push({ dir, file, result: built?.get(dir) ?? buildKustomization(sources, dir, options) });
  }
  const referenced = new Set<string>();
  for (const build of builds) {
    if (build.result.problems.some((problem) => problem.reason === 'cycle')) continue;
    for (const file of build.result.kustomizations) if (file !== build.file) referenced.add(file);
  }
  return builds.filter((build) => !referenced.has(build.file));
}
