import { isMap, isScalar } from '../yaml-nodes';
import type { LineIndex } from '../../engine/line-index';
import type { ComposeBuild, ComposeFacts } from '../../facts/file-facts';
import { itemsOf, textOf, type ComposeModel, type ComposeService } from '../compose';
import { getNode } from '../yaml';

/** A build context compose fetches rather than reads from the folder (git URLs, remote tarballs). */
const REMOTE_CONTEXT = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i;

/** Each service's `build:` (context, `dockerfile:`, `target:`) as paths beside the compose file, and its `env_file`s. */
export function composeFacts(model: ComposeModel, lines: LineIndex, path: string): ComposeFacts {
  const folder = folderOf(path);
  const builds: ComposeBuild[] = [];
  const envFiles: ComposeFacts['envFiles'] = [];
  for (const service of model.services) {
    const build = buildOf(service, folder);
    if (build) builds.push({ ...build, range: lines.rangeOf(service.get('build')!.span) });
    for (const item of envFileItems(model, service)) envFiles.push({ service: service.name, path: joinRelative(folder, item.path), range: lines.rangeOf(item.span) });
  }
  return { kind: 'compose', builds, envFiles };
}

/** The image a service builds: its Dockerfile's path beside the compose file's folder, target, own settings. */
export function buildOf(service: ComposeService, folder: string): Omit<ComposeBuild, 'range'> | undefined {
  const build = service.get('build');
  if (!build) return undefined;
  // `build: ./api` or `build: { context, dockerfile, target }`; an inline Dockerfile has no file to relate to.
  const context = isMap(build.node) ? textOf(getNode(build.node, 'context')) ?? '.' : textOf(build.node);
  if (context === undefined || REMOTE_CONTEXT.test(context) || (isMap(build.node) && getNode(build.node, 'dockerfile_inline'))) return undefined;
  const dockerfile = isMap(build.node) ? textOf(getNode(build.node, 'dockerfile')) ?? 'Dockerfile' : 'Dockerfile';
  const target = isMap(build.node) ? textOf(getNode(build.node, 'target')) : undefined;
  return {
    service: service.name,
    dockerfile: joinRelative(joinRelative(folder, context), dockerfile),
    target: target ? target.toLowerCase() : undefined, // always a field: every build one shape
    setsUser: service.get('user') !== undefined,
    setsHealthcheck: service.get('healthcheck') !== undefined,
  };
}

function envFileItems(model: ComposeModel, service: ComposeService): Array<{ path: string; span: { start: number; end: number } }> {
  const value = service.get('env_file');
  if (!value) return [];
  const nodes = isScalar(value.node) ? [{ node: value.node, span: value.span }] : itemsOf(model.document, value);
  return nodes.flatMap(({ node, span }) => {
    const written = isMap(node) ? textOf(getNode(node, 'path')) : textOf(node);
    return written === undefined ? [] : [{ path: written, span }];
  });
}

/** `relative` against `folder`, `/`-separated, `.` and `..` resolved; an absolute `relative` stands alone. */
function joinRelative(folder: string, relative: string): string {
  const whole = /^(?:\/|[A-Za-z]:\/)/.test(relative) || folder === '' ? relative : `${folder}/${relative}`;
  const parts: string[] = [];
  for (const part of whole.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return (whole.startsWith('/') ? '/' : '') + parts.join('/');
}

/** The folder of a `/`-separated path (empty for a bare name). */
export function folderOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}
