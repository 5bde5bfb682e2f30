import type { Finding, Position, Range } from '../../rules/engine';
import type { Asset } from './assets';

/** One step of a cross-file chain: where it is and what a reviewer calls it. */
export interface ChainLink {
  path: string;
  range: Range;
  /** The asset declared there (`ClusterRoleBinding/read-all`), else the related location's own message. */
  label: string;
  /** The related location's explanation (absent for the finding's own step). */
  message?: string;
}

function atOrBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** The innermost ranged asset holding `at`: the latest-starting one among those that hold it. */
function assetAt(assets: readonly Asset[], at: Position): Asset | undefined {
  let best: Asset | undefined;
  for (const asset of assets) {
    if (!asset.range || !atOrBefore(asset.range.start, at) || !atOrBefore(at, asset.range.end)) continue;
    if (!best || atOrBefore(best.range!.start, asset.range.start)) best = asset;
  }
  return best;
}

/**
 * The chain of a finding that relates files (a workload → its binding → the role; a compose service → its
 * Dockerfile's USER): the finding's own asset, then each related location. Undefined when every related
 * location is in the finding's own file, which the evidence already tells. `assetsOf` gives a displayed
 * path's declared assets (none for a file outside the report).
 */
export function findingChain(finding: Finding, path: string, asset: Asset, assetsOf: (path: string) => readonly Asset[]): ChainLink[] | undefined {
  const related = finding.related ?? [];
  if (!related.some((location) => location.path !== path)) return undefined;
  const steps = related.map((location): ChainLink => {
    const declared = assetAt(assetsOf(location.path), location.range.start);
    return { path: location.path, range: location.range, label: declared?.name ?? location.message, message: location.message };
  });
  return [{ path, range: finding.range, label: asset.name }, ...steps];
}
