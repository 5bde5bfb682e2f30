import type { SourceLocation, SourceSet } from '../helm/source-map';
import { BuildError } from './problem';
import { isFile, isWithin, joinPath } from './source-files';

/**
 * Reads a file a kustomization names (patch, generator source…), relative to its directory. With kustomize's
 * default load restriction (`restrictRoot` set), the file must be in or below the kustomization's root.
 */
export function loadFile(sources: SourceSet, dir: string, relative: string, restrictRoot: string | undefined, origin?: SourceLocation): { path: string; text: string; bytes: Uint8Array } {
  const path = joinPath(dir, relative);
  if (restrictRoot !== undefined && !isWithin(path, restrictRoot)) {
    throw new BuildError('load-restriction', `security; file '${path}' is not in or below '${restrictRoot}'`, origin);
  }
  if (!isFile(sources, path)) throw new BuildError('missing-file', `'${path}' doesn't exist`, origin);
  const content = sources.files.get(path)!;
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  return { path, text, bytes };
}
