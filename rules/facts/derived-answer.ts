import type { FactsView } from './workspace-facts';

/** How a view that checks answers later (`GrowingIndex`) takes a derived question; other views have none. */
export const DERIVE = Symbol('derive');

export type Derive = <T>(key: string, compute: (view: FactsView) => T) => T;

/**
 * A rule's own question about the workspace, answered from the view by `compute`: what the rule concludes
 * from the index (the ServiceAccount of that name, the namespace's speaker), not the whole list it read.
 * `key` names the question and everything `compute` depends on besides the view (a rule-specific prefix and
 * the arguments); the answer is plain data. `compute` may be kept until the run ends: it must hold its
 * arguments only (never the rule context, which holds the file's model). A view that is checked once the index is complete (the CLI's one
 * parse) compares these answers instead of the lists: a file stays valid while what it concluded stays so.
 */
export function derivedAnswer<T>(view: FactsView, key: string, compute: (view: FactsView) => T): T {
  const derive = (view as { [DERIVE]?: Derive })[DERIVE];
  return derive ? derive(key, compute) : compute(view);
}
