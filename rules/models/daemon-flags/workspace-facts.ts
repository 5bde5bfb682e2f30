import type { WorkspaceFacts } from '../../engine/rule';
import type { FileKind } from '../../engine/types';
import { daemonSettingFacts, objectMembers, parseDaemon } from '../daemon';
import { parseEnvFile } from './env-model';
import { parseSystemd } from './unit-model';

/**
 * What one host-level daemon file tells the rest of the workspace: the keys it sets (a key set both in
 * daemon.json and as a flag stops dockerd), the settings compose rules read, and that a Docker host is
 * provisioned here. dind containers are left out: their dockerd does not read the host's daemon.json.
 */
export function daemonFileFacts(kind: FileKind, text: string, path: string): WorkspaceFacts {
  const body = text.replace(/^\uFEFF/, '');
  if (kind === 'daemon') {
    const model = parseDaemon({ text: body, path }).model;
    if (!model) return { dockerHost: true };
    const keys: Record<string, string> = {};
    for (const member of model.members.values()) {
      keys[member.key] = path;
      // dockerd flattens `proxies` before its conflict check: `--http-proxy` collides with `proxies.http-proxy`.
      if (member.key === 'proxies') for (const child of objectMembers(member.value)) keys[`proxies.${child.key}`] = path;
    }
    return { ...daemonSettingFacts(model), daemonJsonKeys: keys, dockerHost: true };
  }
  if (kind !== 'systemd' && kind !== 'env-file') return {};
  const daemons = (kind === 'systemd' ? parseSystemd({ text: body, path }) : parseEnvFile({ text: body, path })).model?.daemons ?? [];
  if (daemons.length === 0) return {};
  const facts: WorkspaceFacts = { dockerHost: true };
  const keys: Record<string, string> = {};
  for (const daemon of daemons) {
    Object.assign(facts, daemonSettingFacts(daemon));
    for (const flag of daemon.flags?.flags ?? []) keys[flag.key] ??= `\`${body.slice(flag.span.start, flag.span.end)}\` in ${path}`;
  }
  return Object.keys(keys).length > 0 ? { ...facts, daemonFlagKeys: keys } : facts;
}
