import type { Node, Pair } from 'yaml';
import { isMap, isSeq } from '../../models/yaml-nodes';
import { RenderedText } from '../units/unit-texts';
import type { YamlPath } from '../units/yaml-paths';
import type { KustomizationBuild } from './leaf-builds';

/**
 * Which paths of a base resource some overlay writes from elsewhere (a patch, an overlay field): a fix may
 * edit the base only where no overlay does, or the fix would not reach (or would fight) that overlay's
 * output. Keyed by the resource's file and path inside the resource; several resources of one file share
 * the keys, which can only withhold a fix, never misplace one.
 */
export class PatchedPaths {
  private readonly byFile = new Map<string, Set<string>>();

  /** `renderedOf`: each build's output as the lint reads it (one parse of the output serves both). */
  constructor(builds: readonly KustomizationBuild[], renderedOf: (build: KustomizationBuild) => RenderedText = (build) => new RenderedText(build.result.output)) {
    for (const build of builds) {
      if (build.result.problems.length > 0) continue;
      const rendered = renderedOf(build);
      rendered.documents.forEach((document, index) => {
        const resource = build.result.resources[index];
        if (!resource) return;
        const paths = this.byFile.get(resource.file) ?? new Set<string>();
        this.byFile.set(resource.file, paths);
        collect(document.contents as Node | null, [], (path, node) => {
          const at = node.range?.[0];
          const file = at === undefined ? undefined : rendered.spanAt(at)?.source.file;
          if (file && file !== resource.file) paths.add(pathKey(path));
        });
      });
    }
  }

  /** True when an overlay writes `path` of a resource of `file`, or something below or above it. */
  touches(file: string, path: YamlPath): boolean {
    const paths = this.byFile.get(file);
    if (!paths) return false;
    const key = pathKey(path);
    for (const other of paths) if (other === key || other.startsWith(`${key}/`) || key.startsWith(`${other}/`)) return true;
    return false;
  }
}

function pathKey(path: YamlPath): string {
  return path.join('/');
}

/**
 * Calls `visit` with every key and scalar of a document and its path (a key counts for the value it names).
 * `path` is one array, grown and shrunk on the way down and up: `visit` reads it then and keeps no reference.
 */
function collect(node: Node | null, path: YamlPath, visit: (path: YamlPath, node: Node) => void, depth = 0): void {
  if (!node || depth > 200) return;
  if (isMap(node)) {
    for (const pair of node.items as Pair<Node, Node | null>[]) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      if (typeof key !== 'string' && typeof key !== 'number') continue;
      path.push(String(key));
      if (pair.key) visit(path, pair.key);
      collect(pair.value, path, visit, depth + 1);
      path.pop();
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      path.push(index);
      collect(item as Node, path, visit, depth + 1);
      path.pop();
    });
  } else {
    visit(path, node);
  }
}
