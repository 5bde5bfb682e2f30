import type { Profile } from './profile';

export const RECOMMENDED: Profile = {
  id: 'stridelint:recommended',
  description: 'Every rule at its own default severity; rules that need configuration stay off. The same as no preset, named so a configuration can start from it.',
  rules: {},
  unlisted: 'default',
};
