import type { Rule } from '../engine/rule';
import apparmorUnconfined from './apparmor-unconfined';
import capDropAll from './cap-drop-all';
import cgroupNonDefault from './cgroup-non-default';
import conflictingLimits from './conflicting-limits';
import cpuLimit from './cpu-limit';
import dangerousCapability from './dangerous-capability';
import defaultBridge from './default-bridge';
import dockerSocket from './docker-socket';
import healthcheck from './healthcheck';
import hostDevices from './host-devices';
import imageUnpinned from './image-unpinned';
import invalidValue from './invalid-value';
import memoryLimit from './memory-limit';
import noHostIpc from './no-host-ipc';
import noHostNetwork from './no-host-network';
import noHostPid from './no-host-pid';
import noHostUserns from './no-host-userns';
import noHostUts from './no-host-uts';
import noNewPrivileges from './no-new-privileges';
import noPrivileged from './no-privileged';
import noRootUser from './no-root-user';
import pidsLimit from './pids-limit';
import portAllInterfaces from './port-all-interfaces';
import privilegedHostPort from './privileged-host-port';
import readOnlyRootfs from './read-only-rootfs';
import restartPolicy from './restart-policy';
import seccompUnconfined from './seccomp-unconfined';
import secretInEnvironment from './secret-in-environment';
import selinuxDisabled from './selinux-disabled';
import sensitiveHostMount from './sensitive-host-mount';
import sharedMountPropagation from './shared-mount-propagation';
import systempathsUnconfined from './systempaths-unconfined';
import unknownKey from './unknown-key';
import weakDefaultCredential from './weak-default-credential';

/** The compose rules, one file each; keep this list sorted by file name. */
export const COMPOSE_RULES: Rule<'compose'>[] = [
  apparmorUnconfined,
  capDropAll,
  cgroupNonDefault,
  conflictingLimits,
  cpuLimit,
  dangerousCapability,
  defaultBridge,
  dockerSocket,
  healthcheck,
  hostDevices,
  imageUnpinned,
  invalidValue,
  memoryLimit,
  noHostIpc,
  noHostNetwork,
  noHostPid,
  noHostUserns,
  noHostUts,
  noNewPrivileges,
  noPrivileged,
  noRootUser,
  pidsLimit,
  portAllInterfaces,
  privilegedHostPort,
  readOnlyRootfs,
  restartPolicy,
  seccompUnconfined,
  secretInEnvironment,
  selinuxDisabled,
  sensitiveHostMount,
  sharedMountPropagation,
  systempathsUnconfined,
  unknownKey,
  weakDefaultCredential,
];
