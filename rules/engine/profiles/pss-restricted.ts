import type { Profile } from './profile';
import { PSS_BASELINE_RULES } from './pss-baseline';

/** Restricted adds these controls to baseline (docs/profiles.md maps them). */
export const PSS_RESTRICTED_ONLY_RULES = {
  'kubernetes/restricted-volume-types': 'error', // Volume Types
  'kubernetes/allow-privilege-escalation': 'error', // Privilege Escalation
  'kubernetes/run-as-non-root': 'error', // Running as Non-root
  'kubernetes/run-as-user-root': 'error', // Running as Non-root user
  'kubernetes/seccomp-not-set': 'error', // Seccomp (must be RuntimeDefault or Localhost)
  'kubernetes/capabilities-drop-all': 'error', // Capabilities (drop ALL)
} as const;

export const PSS_RESTRICTED: Profile = {
  id: 'stridelint:pss-restricted',
  description: 'Exactly the Pod Security Standards restricted controls (baseline included), as errors; every other rule off.',
  rules: { ...PSS_BASELINE_RULES, ...PSS_RESTRICTED_ONLY_RULES },
  unlisted: 'off',
};
