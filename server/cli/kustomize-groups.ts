/**
 * The run's kustomization directories split into groups whose builds read nothing of each other's (no path
 * looked up by builds of two groups), each group in `dirs` order, the groups in the order of their first
 * directory. A group is linted alone with the same findings as in one lint of every directory: what ties builds
 * together in a lint (leaves, overlays naming one finding, paths a patch writes) is a file they both read.
 * Linting group by group keeps one group's builds in memory instead of the whole run's (issue 17).
 */
export function independentGroups(dirs: readonly string[], lookups: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const parent = dirs.map((_, index) => index);
  const root = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]];
    return index;
  };
  const firstReader = new Map<string, number>();
  dirs.forEach((dir, index) => {
    for (const path of lookups.get(dir) ?? []) {
      const other = firstReader.get(path);
      if (other === undefined) firstReader.set(path, index);
      else {
        const [a, b] = [root(other), root(index)];
        // The smaller index stays the root, so that each group keeps the place of its first directory.
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const groups = new Map<number, string[]>();
  dirs.forEach((dir, index) => {
    const group = groups.get(root(index)) ?? [];
    group.push(dir);
    groups.set(root(index), group);
  });
  return [...groups.values()];
}
