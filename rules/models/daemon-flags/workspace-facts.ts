import type { HostFacts } from '../../facts/file-facts';
import type { FileKind } from '../../engine/types';
import { daemonSettingFacts, objectMembers, type DaemonModel } from '../daemon';
import type { EnvFileModel } from './env-model';
import type { SystemdModel } from './unit-model';

/**
 * What one host-level daemon file tells the rest of the workspace: the keys it sets (a key set both in
 * daemon.json and as a flag stops dockerd; a flag's value is the flag as written), the settings compose rules
 * read, and that a Docker host is provisioned here. dind containers are left out: their dockerd does not read
 * the host's daemon.json. `model` is undefined when the file did not parse.
 */
export function daemonHostFacts(kind: FileKind, model: unknown, text: string): HostFacts | undefined {
  if (kind === 'daemon') {
    const daemon = model as DaemonModel | undefined;
    if (!daemon) return { kind: 'host', source: 'daemon-json', dockerHost: true };
    const keys: Record<string, string> = {};
    for (const member of daemon.members.values()) {
      keys[member.key] = '';
      // dockerd flattens `proxies` before its conflict check: `--http-proxy` collides with `proxies.http-proxy`.
      if (member.key === 'proxies') for (const child of objectMembers(member.value)) keys[`proxies.${child.key}`] = '';
    }
    return { kind: 'host', source: 'daemon-json', ...settingsOf(daemon), keys, dockerHost: true };
  }
  if (kind !== 'systemd' && kind !== 'env-file') return undefined;
  const daemons = (model as SystemdModel | EnvFileModel | undefined)?.daemons ?? [];
  if (daemons.length === 0) return undefined;
  const facts: HostFacts = { kind: 'host', source: 'dockerd-flags', dockerHost: true };
  const keys: Record<string, string> = {};
  for (const daemon of daemons) {
    Object.assign(facts, settingsOf(daemon));
    for (const flag of daemon.flags?.flags ?? []) keys[flag.key] ??= text.slice(flag.span.start, flag.span.end);
  }
  return Object.keys(keys).length > 0 ? { ...facts, keys } : facts;
}

function settingsOf(daemon: DaemonModel): Pick<HostFacts, 'noNewPrivileges' | 'defaultBindIp'> {
  const settings = daemonSettingFacts(daemon);
  return {
    ...(settings.daemonNoNewPrivileges !== undefined ? { noNewPrivileges: settings.daemonNoNewPrivileges } : {}),
    ...(settings.daemonDefaultBindIp !== undefined ? { defaultBindIp: settings.daemonDefaultBindIp } : {}),
  };
}
