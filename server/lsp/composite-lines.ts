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

/** Where objects of documents left out of a composite are placed: past any text (a file line + this). */
const BEYOND = 1_000_000_000;

/** Objects of a file placed past the composite, by the index's object (the same for every composite). */
export type PlacedBeyond = WeakMap<object, Located<KubernetesObjectFacts>>;

/**
 * Line numbers of a composite lint (some documents of a file linted as one text) and of the file. A rule takes
 * related places from the model (composite lines) and from the workspace index (file lines, for this file's
 * objects too): the index is handed in with this file's objects in composite lines, and objects of documents
 * left out of the composite on lines past any text (BEYOND + file line), so both come back to the file alike.
 */
export class CompositeLines {
  private readonly segmentOf = new Map<YamlChunk, Segment>();

  constructor(
    private readonly chunks: readonly YamlChunk[],
    private readonly segments: readonly Segment[],
    private readonly placedBeyond: PlacedBeyond,
  ) {
    for (const segment of segments) this.segmentOf.set(segment.chunk, segment);
  }

  /** A range of the composite lint (or past it) in file lines. */
  toFile(range: Range): Range {
    if (range.start.line >= BEYOND) return shiftRange(range, -BEYOND);
    const segment = lastAtOrBefore(this.segments, range.start.line, (candidate) => candidate.compositeLine) ?? this.segments[0];
    return shiftRange(range, segment.chunk.line - segment.compositeLine);
  }

  /** The segment of the composite holding a line of the file, if its document is in the composite. */
  private segmentAt(line: number): Segment | undefined {
    const chunk = lastAtOrBefore(this.chunks, line, (candidate) => candidate.line);
    return chunk && this.segmentOf.get(chunk);
  }

  /** An object of this file in composite lines (its ranges all lie in its own document). */
  private place(object: Located<KubernetesObjectFacts>): Located<KubernetesObjectFacts> {
    const segment = this.segmentAt(object.range.start.line);
    if (segment) return mapRanges(object, (range) => shiftRange(range, segment.compositeLine - segment.chunk.line));
    let placed = this.placedBeyond.get(object);
    if (!placed) this.placedBeyond.set(object, (placed = mapRanges(object, (range) => shiftRange(range, BEYOND))));
    return placed;
  }

  /** The workspace index with this file's objects placed in composite lines (each list mapped once). */
  view(base: FactsView, path: string): FactsView {
    const lists = new WeakMap<ReadonlyArray<Located<KubernetesObjectFacts>>, Array<Located<KubernetesObjectFacts>>>();
    const place = (list: Array<Located<KubernetesObjectFacts>>) => {
      let placed = lists.get(list);
      if (!placed) {
        placed = list.map((object) => (object.path === path ? this.place(object) : object));
        lists.set(list, placed);
      }
      return placed;
    };
    return {
      dockerfile: (dockerfile) => base.dockerfile(dockerfile),
      composeBuildsOf: (dockerfile) => base.composeBuildsOf(dockerfile),
      namespaceObjects: (namespace) => place(base.namespaceObjects(namespace)),
      clusterObjects: () => place(base.clusterObjects()),
      namespaces: () => base.namespaces(),
    };
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
