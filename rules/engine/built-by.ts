import type { FactsView } from '../facts/workspace-facts';
import type { RelatedLocation } from './types';

/** At most this many services are named on each finding; a Dockerfile built by dozens names the first ones. */
const MAX_SERVICES = 5;

/** Related locations naming the compose services that build the Dockerfile at `path` (their `build:` lines). */
export function builtByRelated(index: FactsView, path: string): RelatedLocation[] {
  return index
    .composeBuildsOf(path)
    .slice(0, MAX_SERVICES)
    .map((build) => ({ path: build.path, range: build.range, message: `Built by compose service "${build.service}"${build.target ? ` (target ${build.target})` : ''}.` }));
}
