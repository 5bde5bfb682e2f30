import type { SourceSet } from '../helm/source-map';

export { relativePath } from '../../engine/relative-path';

/** Path helpers over a source set (absolute, `/`-separated paths; the engine never touches the disk). */
export function joinPath(dir: string, relative: string): string {
  const parts = (relative.startsWith('/') ? relative : `${dir}/${relative}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function isFile(sources: SourceSet, path: string): boolean {
  return sources.files.has(path);
}

export function isDirectory(sources: SourceSet, path: string): boolean {
  const prefix = path === '/' ? '/' : `${path}/`;
  // No file's key ends in `/`: asking says nothing to a plain set but lets a recording view see the folder probed,
  // and a view that knows its folders answer (kustomize-sources.ts) without the look through every key below.
  if (sources.files.has(prefix)) return true;
  for (const key of sources.files.keys()) if (key.startsWith(prefix)) return true;
  return false;
}

/** True when `path` is `root` or below it. */
export function isWithin(path: string, root: string): boolean {
  return root === '/' || path === root || path.startsWith(`${root}/`);
}

export function readText(sources: SourceSet, path: string): string | undefined {
  const content = sources.files.get(path);
  if (content === undefined) return undefined;
  return typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
}
