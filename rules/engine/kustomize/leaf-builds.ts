import type { SourceSet } from '../../models/helm/source-map';
import { buildKustomization, printedBuild, type KustomizeBuildOptions, type KustomizeBuildResult } from '../../models/kustomize/build';
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

/** What a directory's build read of kustomization files, and whether it failed on a cycle: enough to tell whether it reads another. */
export type KustomizationReads = Pick<KustomizeBuildResult, 'kustomizations' | 'problems'>;

/**
 * Builds every kustomization of the source set (or of `dirs`; `built`: builds of this very set made already, printed
 * or not: only the leaves are printed here) and keeps the leaves: those no other build
 * read. A build that failed on a cycle does not make the kustomizations it read non-leaves, or the members
 * of a cycle would all vanish instead of each reporting it. `known`: what the builds of this very set read,
 * by directory (the source reader's last round): a known directory another one reads is no leaf, and is not built.
 */
export function leafBuilds(sources: SourceSet, options: KustomizeBuildOptions, dirs?: readonly string[], built?: ReadonlyMap<string, KustomizeBuildResult>, known?: ReadonlyMap<string, KustomizationReads>): KustomizationBuild[] {
  const candidates: Array<{ dir: string; file: string }> = [];
  const seenDirs = new Set<string>();
  for (const file of kustomizationFiles(sources)) {
    const dir = file.slice(0, file.lastIndexOf('/')) || '/';
    // Two kustomization files in one folder are one build (which reports them), not two.
    if (seenDirs.has(dir) || (dirs && !dirs.includes(dir))) continue;
    seenDirs.add(dir);
    candidates.push({ dir, file });
  }
  const referenced = new Set<string>();
  const addReads = (file: string, reads: KustomizationReads) => {
    if (reads.problems.some((problem) => problem.reason === 'cycle')) return;
    for (const read of reads.kustomizations) if (read !== file) referenced.add(read);
  };
  for (const { dir, file } of candidates) {
    const reads = known?.get(dir);
    if (reads) addReads(file, reads);
  }
  const builds: KustomizationBuild[] = [];
  for (const { dir, file } of candidates) {
    if (known?.has(dir) && referenced.has(file)) continue;
    const result = built?.get(dir) ?? buildKustomization(sources, dir, options);
    builds.push({ dir, file, result });
    if (!known?.has(dir)) addReads(file, result);
  }
  return builds.filter((build) => !referenced.has(build.file)).map((build) => (built?.has(build.dir) ? { ...build, result: printedBuild(build.result) } : build));
}
