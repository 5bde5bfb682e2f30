import type { Profile } from './profile';

export const STRICT: Profile = {
  id: 'stridelint:strict',
  description: 'Every rule on, those off by default included, and every finding an error: for pipelines that accept no finding at all.',
  rules: {},
  unlisted: 'error',
};
