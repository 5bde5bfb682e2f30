import type { Range } from '../../rules/engine';
import type { FactsView, Located } from '../../rules/facts/workspace-facts';
import type { KubernetesObjectFacts } from '../../rules/facts/file-facts';
import { mapRanges, shiftRange } from './fact-ranges';
import type { YamlChunk } from './yaml-chunks';

/** A document of the file as placed in the composite text. */
export interface Segment {
  chunk: YamlChunk;
  compositeLine: number;
}

/** Where this file's objects of the index are placed for a composite lint: past any text (a file line + this). */
const BEYOND = 1_000_000_000;

type Objects = Array<Located<KubernetesObjectFacts>>;

/**
 * Line numbers of a composite lint (some documents of a file linted as one text) and of the file. A rule takes
 * related places from the model (composite lines) and from the workspace index (file lines, for this file's
 * objects too): the index is handed in with this file's objects on lines past any text (see IndexPastText), so
 * both come back to the file alike.
 */
export class CompositeLines {
  constructor(private readonly segments: readonly Segment[]) {}

  /** A range of the composite lint (or past it) in file lines. */
  toFile(range: Range): Range {
    if (range.start.line >= BEYOND) return shiftRange(range, -BEYOND);
    const segment = lastAtOrBefore(this.segments, range.start.line, (candidate) => candidate.compositeLine) ?? this.segments[0];
    return shiftRange(range, segment.chunk.line - segment.compositeLine);
  }
}

/**
 * The workspace index as a composite lint of a file sees it: the file's own objects on lines past any text
 * (BEYOND + file line), whatever the composite holds. Placed objects and lists are kept while the index keeps
 * its own (the same arrays until some file's facts change), so the maps rules build per list (findObject)
 * last from keystroke to keystroke.
 */
export class IndexPastText {
  private readonly objects = new WeakMap<object, Located<KubernetesObjectFacts>>();
  private readonly lists = new WeakMap<object, Map<string, Objects>>();

  view(base: FactsView, path: string): FactsView {
    const place = (list: Objects): Objects => {
      let byPath = this.lists.get(list);
      if (!byPath) this.lists.set(list, (byPath = new Map()));
      let placed = byPath.get(path);
      if (!placed) byPath.set(path, (placed = list.map((object) => (object.path === path ? this.placed(object) : object))));
      return placed;
    };
    return {
      dockerfile: (dockerfile) => base.dockerfile(dockerfile),
      composeBuildsOf: (dockerfile) => base.composeBuildsOf(dockerfile),
      // `kind` passed on: a question for one kind (a namespace's NetworkPolicies) reads that kind's short list, not the namespace's thousands of objects.
      namespaceObjects: (namespace, kind) => place(base.namespaceObjects(namespace, kind)),
      clusterObjects: (kind) => place(base.clusterObjects(kind)),
    };
  }

  private placed(object: Located<KubernetesObjectFacts>): Located<KubernetesObjectFacts> {
    let placed = this.objects.get(object);
    if (!placed) this.objects.set(object, (placed = mapRanges(object, (range) => shiftRange(range, BEYOND))));
    return placed;
  }
}

/** The last item whose key is at or before `line` (items sorted by key). */
export function lastAtOrBefore<T>(items: readonly T[], line: number, keyOf: (item: T) => number): T | undefined {
  const index = indexAtOrBefore(items, line, keyOf);
  return index < 0 ? undefined : items[index];
}

/** The index of that item, -1 when there is none, by binary search. */
export function indexAtOrBefore<T>(items: readonly T[], line: number, keyOf: (item: T) => number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (keyOf(items[middle]) <= line) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
