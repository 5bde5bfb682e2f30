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

/**
 * Line numbers of a composite lint (some documents of a file linted as one text) and of the file. A rule takes
 * related places from the model (composite lines) and from the workspace index (file lines, for this file's
 * objects too): the index is handed in with this file's objects in composite lines, and objects of documents
 * left out of the composite lines past its end (`beyond` + file line), so both come back to the file alike.
 */
export class CompositeLines {
  /** First line number past the composite text. */
  private readonly beyond: number;
  private readonly segmentOf = new Map<YamlChunk, Segment>();

  constructor(
    private readonly chunks: readonly YamlChunk[],
    private readonly segments: readonly Segment[],
    compositeLineBreaks: number,
  ) {
    this.beyond = compositeLineBreaks + 1;
    for (const segment of segments) this.segmentOf.set(segment.chunk, segment);
  }

  /** A range of the composite lint (or past it) in file lines. */
  toFile(range: Range): Range {
    if (range.start.line >= this.beyond) return shiftRange(range, -this.beyond);
    const segment = lastAtOrBefore(this.segments, range.start.line, (candidate) => candidate.compositeLine) ?? this.segments[0];
    return shiftRange(range, segment.chunk.line - segment.compositeLine);
  }

  /** A range of the file in composite lines (past the end for a document left out). */
  toComposite(range: Range): Range {
    const chunk = lastAtOrBefore(this.chunks, range.start.line, (candidate) => candidate.line);
    const segment = chunk && this.segmentOf.get(chunk);
    return segment ? shiftRange(range, segment.compositeLine - segment.chunk.line) : shiftRange(range, this.beyond);
  }

  /** The workspace index with this file's objects placed in composite lines (each list mapped once). */
  view(base: FactsView, path: string): FactsView {
    const lists = new WeakMap<ReadonlyArray<Located<KubernetesObjectFacts>>, Array<Located<KubernetesObjectFacts>>>();
    const place = (list: Array<Located<KubernetesObjectFacts>>) => {
      let placed = lists.get(list);
      if (!placed) {
        placed = list.map((object) => (object.path === path ? mapRanges(object, (range) => this.toComposite(range)) : object));
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

/** The last item whose key is at or before `line` (items sorted by key), by binary search. */
function lastAtOrBefore<T>(items: readonly T[], line: number, keyOf: (item: T) => number): T | undefined {
  let low = 0;
  let high = items.length - 1;
  let found: T | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (keyOf(items[middle]) <= line) {
      found = items[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
