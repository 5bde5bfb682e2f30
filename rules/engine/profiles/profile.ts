import type { SeveritySetting } from '../types';

/** What a preset says for one rule: a severity, `off`, or `default` (the rule's own default: its severity, or off until configured). */
export type ProfileSetting = SeveritySetting | 'default';

/**
 * A built-in preset for `extends:` — data only: the rules it sets, and what every rule it does not list
 * gets (`keep`: whatever came before it).
 */
export interface Profile {
  id: string;
  description: string;
  rules: Readonly<Record<string, ProfileSetting>>;
  unlisted: ProfileSetting | 'keep';
}
