import type { Rule } from '../../engine/rule';
import allowPrivilegeEscalation from './allow-privilege-escalation';
import apparmorUnconfined from './apparmor-unconfined';
import capabilitiesAdded from './capabilities-added';
import capabilitiesDropAll from './capabilities-drop-all';
import defaultNamespace from './default-namespace';
import defaultServiceAccount from './default-service-account';
import committedSecret from './committed-secret';
import hardcodedSecret from './hardcoded-secret';
import imageTag from './image-tag';
import memoryLimit from './memory-limit';
import namespaceNetworkPolicy from './namespace-network-policy';
import noHostIpc from './no-host-ipc';
import noHostNetwork from './no-host-network';
import noHostPid from './no-host-pid';
import noHostPort from './no-host-port';
import noHostpath from './no-hostpath';
import noPrivileged from './no-privileged';
import probeHost from './probe-host';
import procMountUnmasked from './proc-mount-unmasked';
import psaEnforceMissing from './psa-enforce-missing';
import psaEnforceViolation from './psa-enforce-violation';
import readonlyRootFilesystem from './readonly-root-filesystem';
import resourceRequests from './resource-requests';
import restrictedVolumeTypes from './restricted-volume-types';
import runAsNonRoot from './run-as-non-root';
import runAsRootGroup from './run-as-root-group';
import runAsUserRoot from './run-as-user-root';
import saTokenAutomount from './sa-token-automount';
import seccompNotSet from './seccomp-not-set';
import seccompUnconfined from './seccomp-unconfined';
import secretAsEnv from './secret-as-env';
import selinuxOptions from './selinux-options';
import sensitiveHostpath from './sensitive-hostpath';
import serviceExternalIps from './service-external-ips';
import unsafeSysctls from './unsafe-sysctls';
import windowsHostProcess from './windows-host-process';
import weakDefaultCredential from './weak-default-credential';

/** The Kubernetes workloads rules, one file each; keep this list sorted by file name. */
export const KUBERNETES_WORKLOAD_RULES: Rule<'kubernetes'>[] = [
  allowPrivilegeEscalation,
  apparmorUnconfined,
  capabilitiesAdded,
  capabilitiesDropAll,
  defaultNamespace,
  defaultServiceAccount,
  committedSecret,
  hardcodedSecret,
  imageTag,
  memoryLimit,
  namespaceNetworkPolicy,
  noHostIpc,
  noHostNetwork,
  noHostPid,
  noHostPort,
  noHostpath,
  noPrivileged,
  probeHost,
  procMountUnmasked,
  psaEnforceMissing,
  psaEnforceViolation,
  readonlyRootFilesystem,
  resourceRequests,
  restrictedVolumeTypes,
  runAsNonRoot,
  runAsRootGroup,
  runAsUserRoot,
  saTokenAutomount,
  seccompNotSet,
  seccompUnconfined,
  secretAsEnv,
  selinuxOptions,
  sensitiveHostpath,
  serviceExternalIps,
  unsafeSysctls,
  windowsHostProcess,
  weakDefaultCredential,
];
