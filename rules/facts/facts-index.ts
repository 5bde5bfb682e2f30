import type { ComposeBuild, FileFacts, KubernetesObjectFacts } from './file-facts';
import { sameFacts } from './same-facts';
import type { FactsView, Located } from './workspace-facts';

/** Kinds that live outside any namespace (the ones relations read). */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);

/** The namespace an object is in: as written, `default` when it names none; undefined when cluster-scoped. */
export function namespaceOf(object: Pick<KubernetesObjectFacts, 'kind' | 'namespace'>): string | undefined {
  return CLUSTER_SCOPED.has(object.kind) ? undefined : (object.namespace ?? 'default');
}

/**
 * The keys a file's facts answer questions under: a reader that asked under a key must be re-linted when a
 * file's facts under that key change (the language server's dependency map uses them).
 */
export function factKeys(path: string, facts: FileFacts | undefined): string[] {
  if (!facts) return [];
  switch (facts.kind) {
    case 'dockerfile':
      return [`dockerfile:${path}`];
    case 'compose':
      return facts.builds.map((build) => `builds:${build.dockerfile}`);
    case 'kubernetes': {
      const keys = new Set<string>();
      for (const object of facts.objects) keys.add(namespaceOf(object) === undefined ? 'cluster' : `ns:${namespaceOf(object)}`);
      return [...keys];
    }
    case 'host':
      return ['host'];
  }
}

/**
 * The workspace index: facts per file (path → facts), replaced whole when a file's text changes, dropped when
 * it is deleted. Pure data; adapters decide which files go in. Per-namespace lists are built on first use.
 */
export class FactsIndex {
  /**
   * `listsGrowInPlace`: a joining file's objects that sort last are added to the lists a view answered, in place
   * (an index that only grows, whose readers memoise on a list and its length: GrowingIndex); else each touched
   * list is replaced by a new array, and a list a view answered stays as it was.
   */
  constructor(private readonly options: { listsGrowInPlace?: boolean } = {}) {}

  private readonly byPath = new Map<string, FileFacts>();
  private byNamespace?: Map<string, Array<Located<KubernetesObjectFacts>>>;
  private cluster?: Array<Located<KubernetesObjectFacts>>;
  /** Per namespace (or the cluster) and kind: its objects of that kind (`kindKey`), built on first use. */
  private readonly byKind = new Map<string, Array<Located<KubernetesObjectFacts>>>();
  /** Dockerfile path → the compose builds naming it (built on the first question: each Dockerfile's lint asks). */
  private buildsByDockerfile?: Map<string, Array<Located<ComposeBuild>>>;

  /** Stores a file's facts; returns the keys whose answers may have changed (empty when nothing did). */
  set(path: string, facts: FileFacts | undefined): string[] {
    const before = this.byPath.get(path);
    if (unchanged(before, facts)) return [];
    this.store(path, before, facts);
    return [...new Set([...factKeys(path, before), ...factKeys(path, facts)])];
  }

  /** `set` for a caller that does not need the changed keys (a growing index, a scan's index loaded whole). */
  add(path: string, facts: FileFacts | undefined): void {
    const before = this.byPath.get(path);
    if (!unchanged(before, facts)) this.store(path, before, facts);
  }

  private store(path: string, before: FileFacts | undefined, facts: FileFacts | undefined): void {
    if (facts) this.byPath.set(path, facts);
    else this.byPath.delete(path);
    if (before === undefined && facts) this.addToLists(path, facts);
    else {
      this.byNamespace = undefined;
      this.cluster = undefined;
      this.buildsByDockerfile = undefined;
      this.byKind.clear();
    }
  }

  delete(path: string): string[] {
    return this.set(path, undefined);
  }

  get(path: string): FileFacts | undefined {
    return this.byPath.get(path);
  }

  entries(): IterableIterator<[string, FileFacts]> {
    return this.byPath.entries();
  }

  /** A read-only view for one lint; `record` hears every key the lint asked under. */
  view(record: (key: string) => void = () => undefined): FactsView {
    return {
      dockerfile: (path) => {
        record(`dockerfile:${path}`);
        const facts = this.byPath.get(path);
        return facts?.kind === 'dockerfile' ? facts : undefined;
      },
      composeBuildsOf: (dockerfilePath) => {
        record(`builds:${dockerfilePath}`);
        return [...(this.composeBuilds().get(dockerfilePath) ?? [])];
      },
      namespaceObjects: (namespace, kind) => {
        record(`ns:${namespace}`);
        return this.ofKind(namespace, kind, this.kubernetes().byNamespace.get(namespace) ?? []);
      },
      clusterObjects: (kind) => {
        record('cluster');
        return this.ofKind(undefined, kind, this.kubernetes().cluster);
      },
    };
  }

  /**
   * A new file's facts join the lists already built, in the order a rebuild gives: a run that adds files between
   * lints (the CLI's one parse, a scan's held lints) does not rebuild them per file.
   */
  private addToLists(path: string, facts: FileFacts): void {
    if (facts.kind === 'compose' && this.buildsByDockerfile) {
      // Builds are listed in the order their files came in: a new file's come last.
      for (const build of facts.builds) this.buildsByDockerfile.set(build.dockerfile, [...(this.buildsByDockerfile.get(build.dockerfile) ?? []), { ...build, path }]);
    }
    if (facts.kind !== 'kubernetes' || !this.byNamespace || !this.cluster) return;
    // The file's own lists are new arrays (nobody holds them yet): filled in place.
    const added = new Map<string | undefined, Array<Located<KubernetesObjectFacts>>>();
    for (const object of facts.objects) {
      const namespace = namespaceOf(object);
      let list = added.get(namespace);
      if (!list) added.set(namespace, (list = []));
      list.push({ ...object, path });
      this.byKind.delete(kindKey(namespace, object.kind));
    }
    for (const [namespace, objects] of added) {
      const inPlace = this.options.listsGrowInPlace === true;
      if (namespace === undefined) this.cluster = insertedByPath(this.cluster, path, objects, inPlace);
      else this.byNamespace.set(namespace, insertedByPath(this.byNamespace.get(namespace) ?? [], path, objects, inPlace));
    }
  }

  /** A namespace's (or the cluster's) objects of one kind, kept until an object of that kind joins or the lists are rebuilt. */
  private ofKind(namespace: string | undefined, kind: string | undefined, objects: Array<Located<KubernetesObjectFacts>>): Array<Located<KubernetesObjectFacts>> {
    if (kind === undefined) return objects;
    const key = kindKey(namespace, kind);
    let list = this.byKind.get(key);
    if (!list) this.byKind.set(key, (list = objects.filter((object) => object.kind === kind)));
    return list;
  }

  private composeBuilds(): Map<string, Array<Located<ComposeBuild>>> {
    if (!this.buildsByDockerfile) {
      const builds = new Map<string, Array<Located<ComposeBuild>>>();
      for (const [path, facts] of this.byPath) {
        if (facts.kind !== 'compose') continue;
        for (const build of facts.builds) {
          const list = builds.get(build.dockerfile) ?? [];
          if (list.length === 0) builds.set(build.dockerfile, list);
          list.push({ ...build, path });
        }
      }
      this.buildsByDockerfile = builds;
    }
    return this.buildsByDockerfile;
  }

  private kubernetes(): { byNamespace: Map<string, Array<Located<KubernetesObjectFacts>>>; cluster: Array<Located<KubernetesObjectFacts>> } {
    if (!this.byNamespace || !this.cluster) {
      const byNamespace = new Map<string, Array<Located<KubernetesObjectFacts>>>();
      const cluster: Array<Located<KubernetesObjectFacts>> = [];
      // Sorted by path so that "the first workload" is the same in every adapter.
      for (const path of [...this.byPath.keys()].sort()) {
        const facts = this.byPath.get(path)!;
        if (facts.kind !== 'kubernetes') continue;
        for (const object of facts.objects) {
          const namespace = namespaceOf(object);
          if (namespace === undefined) cluster.push({ ...object, path });
          else {
            const list = byNamespace.get(namespace) ?? [];
            if (list.length === 0) byNamespace.set(namespace, list);
            list.push({ ...object, path });
          }
        }
      }
      this.byNamespace = byNamespace;
      this.cluster = cluster;
    }
    return { byNamespace: this.byNamespace, cluster: this.cluster };
  }
}

function kindKey(namespace: string | undefined, kind: string): string {
  return `${namespace === undefined ? 'cluster' : `ns:${namespace}`}\u0000${kind}`;
}

/** A list sorted by path with a new path's objects put in their place (the path is in the list nowhere yet). */
function insertedByPath<T extends { path: string }>(list: T[], path: string, objects: readonly T[], inPlace: boolean): T[] {
  // Files mostly join in path order (a scan lists them sorted): their objects go last. A copy per file of a
  // namespace thousands long was 1 in 60 bytes the plain files' held lints allocated.
  if (inPlace && (list.length === 0 || list[list.length - 1].path < path)) {
    for (let i = 0; i < objects.length; i++) list.push(objects[i]);
    return list;
  }
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle].path < path) low = middle + 1;
    else high = middle;
  }
  // One new array, no intermediate slices: a scan adds thousands of files to lists thousands long.
  const result = new Array<T>(list.length + objects.length);
  for (let i = 0; i < low; i++) result[i] = list[i];
  for (let i = 0; i < objects.length; i++) result[low + i] = objects[i];
  for (let i = low; i < list.length; i++) result[objects.length + i] = list[i];
  return result;
}

function unchanged(a: FileFacts | undefined, b: FileFacts | undefined): boolean {
  // A file new to the index (every file of a scan) is never the same: its facts are not compared to say so.
  if (a === undefined || b === undefined) return a === b;
  return sameFacts(a, b);
}
