import type { Profile } from './profile';

/** The Pod Security Standards baseline controls, one rule per control (docs/profiles.md maps them). */
export const PSS_BASELINE_RULES = {
  'kubernetes/windows-host-process': 'error', // HostProcess
  'kubernetes/no-host-network': 'error', // Host Namespaces
  'kubernetes/no-host-pid': 'error', // Host Namespaces
  'kubernetes/no-host-ipc': 'error', // Host Namespaces
  'kubernetes/no-privileged': 'error', // Privileged Containers
  'kubernetes/capabilities-added': 'error', // Capabilities
  'kubernetes/no-hostpath': 'error', // HostPath Volumes
  'kubernetes/no-host-port': 'error', // Host Ports
  'kubernetes/apparmor-unconfined': 'error', // AppArmor
  'kubernetes/selinux-options': 'error', // SELinux
  'kubernetes/proc-mount-unmasked': 'error', // /proc Mount Type
  'kubernetes/seccomp-unconfined': 'error', // Seccomp
  'kubernetes/unsafe-sysctls': 'error', // Sysctls
  'kubernetes/probe-host': 'error', // Probes and lifecycle hooks (host field)
} as const;

export const PSS_BASELINE: Profile = {
  id: 'stridelint:pss-baseline',
  description: 'Exactly the Pod Security Standards baseline controls, as errors; every other rule off.',
  rules: PSS_BASELINE_RULES,
  unlisted: 'off',
};
