import { baseName } from '../engine/detect-kind';
import type { FileKind } from '../engine/types';
import type { FileFacts, HostFacts } from './file-facts';
import type { WorkspaceFacts } from './workspace-facts';

/** Kinds whose facts are host settings (every compose, Kubernetes and host file reads what they say together). */
export const HOST_KINDS: ReadonlySet<FileKind> = new Set(['daemon', 'systemd', 'env-file', 'audit']);

type Setting = 'noNewPrivileges' | 'defaultBindIp';

/**
 * What the workspace's host files say together: a setting compose rules read (`no-new-privileges`, the default
 * bind address `ip`) counts only when every daemon.json agrees and no dockerd flag says otherwise (flags count
 * where no daemon.json states it); the keys daemon.json and dockerd flags set (daemon/flag-conflict); whether a
 * Docker host is provisioned; what the audit rules watch (audit/docker-watch), said by one file.
 */
export function hostWorkspaceFacts(files: Iterable<[string, FileFacts]>, display: (path: string) => string = (path) => path): WorkspaceFacts {
  const fromJson: Array<HostFacts & { path: string }> = [];
  const fromFlags: Array<HostFacts & { path: string }> = [];
  const audit: Array<{ path: string; watched: string[] }> = [];
  for (const [path, facts] of files) {
    if (facts.kind !== 'host') continue;
    if (facts.source === 'daemon-json') fromJson.push({ ...facts, path });
    else if (facts.source === 'dockerd-flags') fromFlags.push({ ...facts, path });
    else audit.push({ path, watched: facts.auditWatchedPaths ?? [] });
  }
  const result: WorkspaceFacts = {};
  const agreed = <K extends Setting>(all: HostFacts[], key: K, every: boolean): HostFacts[K] | undefined => {
    const stated = every ? all : all.filter((entry) => entry[key] !== undefined);
    return stated.length > 0 && stated.every((entry) => entry[key] !== undefined && entry[key] === stated[0][key]) ? stated[0][key] : undefined;
  };
  const setting = <K extends Setting>(key: K): HostFacts[K] | undefined => {
    const json = agreed(fromJson, key, true);
    const flags = agreed(fromFlags, key, false);
    return json !== undefined && flags !== undefined && json !== flags ? undefined : (json ?? flags);
  };
  const noNewPrivileges = setting('noNewPrivileges');
  const defaultBindIp = setting('defaultBindIp');
  if (noNewPrivileges !== undefined) result.daemonNoNewPrivileges = noNewPrivileges;
  if (defaultBindIp !== undefined) result.daemonDefaultBindIp = defaultBindIp;
  // Where each key is set, for messages: the daemon.json's path, or the flag as written and its file.
  const jsonKeys: Record<string, string> = {};
  for (const entry of fromJson) for (const key of Object.keys(entry.keys ?? {})) jsonKeys[key] = display(entry.path);
  const flagKeys: Record<string, string> = {};
  for (const entry of fromFlags) for (const [key, flag] of Object.entries(entry.keys ?? {})) flagKeys[key] = `\`${flag}\` in ${display(entry.path)}`;
  if (Object.keys(jsonKeys).length > 0) result.daemonJsonKeys = jsonKeys;
  if (Object.keys(flagKeys).length > 0) result.daemonFlagKeys = flagKeys;
  if ([...fromJson, ...fromFlags].some((entry) => entry.dockerHost)) result.dockerHost = true;
  if (audit.length > 0) {
    // One file speaks for all: the one named for docker, else audit.rules, else the first.
    const speaker = audit.find((entry) => /docker/i.test(baseName(entry.path))) ?? audit.find((entry) => baseName(entry.path) === 'audit.rules') ?? audit[0];
    result.auditRulesFile = speaker.path;
    result.auditWatchedPaths = audit.flatMap((entry) => entry.watched);
  }
  return result;
}
