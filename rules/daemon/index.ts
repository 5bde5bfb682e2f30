import type { Rule } from '../engine/rule';
import apiCorsHeader from './api-cors-header';
import aufsStorage from './aufs-storage';
import authorizationPlugin from './authorization-plugin';
import builderInsecureEntitlement from './builder-insecure-entitlement';
import cgroupParent from './cgroup-parent';
import defaultUlimits from './default-ulimits';
import dmBasesize from './dm-basesize';
import experimental from './experimental';
import flagConflict from './flag-conflict';
import iccEnabled from './icc-enabled';
import insecureRegistry from './insecure-registry';
import iptablesDisabled from './iptables-disabled';
import liveRestore from './live-restore';
import logLevel from './log-level';
import logRotation from './log-rotation';
import noNewPrivileges from './no-new-privileges';
import remoteLogging from './remote-logging';
import seccompUnconfined from './seccomp-unconfined';
import secretInConfig from './secret-in-config';
import selinuxDisabled from './selinux-disabled';
import tcpWithoutTls from './tcp-without-tls';
import unknownKey from './unknown-key';
import userlandProxy from './userland-proxy';
import usernsRemap from './userns-remap';

/** The daemon rules, one file each; keep this list sorted by file name. */
export const DAEMON_RULES: Rule<'daemon'>[] = [
  apiCorsHeader,
  aufsStorage,
  authorizationPlugin,
  builderInsecureEntitlement,
  cgroupParent,
  defaultUlimits,
  dmBasesize,
  experimental,
  flagConflict,
  iccEnabled,
  insecureRegistry,
  iptablesDisabled,
  liveRestore,
  logLevel,
  logRotation,
  noNewPrivileges,
  remoteLogging,
  seccompUnconfined,
  secretInConfig,
  selinuxDisabled,
  tcpWithoutTls,
  unknownKey,
  userlandProxy,
  usernsRemap,
];
