import { CIS_DOCKER } from './cis-docker';
import { CIS_KUBERNETES } from './cis-kubernetes';
import type { Profile } from './profile';
import { PSS_BASELINE } from './pss-baseline';
import { PSS_RESTRICTED } from './pss-restricted';
import { RECOMMENDED } from './recommended';
import { STRICT } from './strict';

export type { Profile, ProfileSetting } from './profile';

/** The built-in presets `extends:` can name. */
export const PROFILES: readonly Profile[] = [RECOMMENDED, STRICT, PSS_BASELINE, PSS_RESTRICTED, CIS_DOCKER, CIS_KUBERNETES];

export function findProfile(id: string): Profile | undefined {
  return PROFILES.find((profile) => profile.id === id);
}
