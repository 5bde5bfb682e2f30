import type { Document, Node, YAMLMap } from 'yaml';
import { isMap, isScalar } from './yaml-nodes';
import type { Span } from '../engine/types';
import { booleanOf, deref, interpolate, itemsOf, textOf, type ComposeItem } from './compose-values';
import { findPair } from './yaml';

/**
 * Ports and volumes in their short and long syntaxes, read the way compose-go reads them
 * (`format/volume.go`, the port parser): unknown (interpolated) parts stay undefined, never guessed.
 */

export interface ComposePort {
  node: Node;
  span: Span;
  /** Long syntax (`{target, published, host_ip}`). */
  long: boolean;
  /** False when interpolation made the entry unreadable. */
  known: boolean;
  /** Host address as written (brackets removed); undefined = every interface. */
  hostIp?: string;
  /** Host port or range; undefined when the port is only given for the container (random host port). */
  published?: string;
  target?: string;
  /** Swarm ingress mode ignores `host_ip`. */
  ingress: boolean;
}

function field(document: Document, map: YAMLMap, key: string): Node | undefined {
  return deref(document, findPair(map, key)?.value);
}

export function parsePort(document: Document, item: ComposeItem): ComposePort {
  const base = { node: item.node, span: item.span, ingress: false };
  if (isMap(item.node)) {
    const text = (key: string): string | undefined => {
      const node = field(document, item.node as YAMLMap, key);
      return node === undefined ? undefined : textOf(node);
    };
    const hostIp = text('host_ip');
    const known = !['host_ip', 'published'].some((key) => field(document, item.node as YAMLMap, key) !== undefined && text(key) === undefined);
    let published = text('published');
    let address = hostIp;
    // `published: 127.0.0.1:8080` carries the host address too (compose-go accepts it).
    const colon = published?.lastIndexOf(':') ?? -1;
    if (published !== undefined && colon > 0) [address, published] = [address ?? published.slice(0, colon), published.slice(colon + 1)];
    return { ...base, long: true, known, hostIp: address?.replace(/^\[|\]$/g, '') || undefined, published: published || undefined, target: text('target'), ingress: text('mode') === 'ingress' };
  }
  const raw = textOf(item.node);
  if (raw === undefined) return { ...base, long: false, known: false };
  const spec = raw.trim().replace(/\/[a-z]+$/i, '');
  let hostIp: string | undefined;
  let rest = spec;
  const bracket = /^\[([^\]]*)\]:(.*)$/.exec(spec);
  if (bracket) {
    hostIp = bracket[1];
    rest = bracket[2];
  }
  const parts = rest.split(':');
  if (!bracket && parts.length > 2) {
    hostIp = parts.slice(0, parts.length - 2).join(':');
    parts.splice(0, parts.length - 2);
  }
  const published = parts.length === 2 ? parts[0] : undefined;
  return { ...base, long: false, known: true, hostIp: hostIp || undefined, published: published || undefined, target: parts[parts.length - 1] };
}

/** Whether a port is published on every interface (no host IP, `0.0.0.0`, `::`). */
export function onAllInterfaces(port: ComposePort): boolean {
  return port.hostIp === undefined || port.hostIp === '0.0.0.0' || port.hostIp === '::';
}

export type VolumeType = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'image' | 'cluster' | 'unknown';

export interface ComposeVolume {
  node: Node;
  span: Span;
  long: boolean;
  type: VolumeType;
  /** Host path for binds (for a named volume that binds a host path: its `device`). */
  source?: string;
  target?: string;
  readOnly: boolean;
  propagation?: string;
  /** Short syntax: the options as written after the second colon. */
  options: string[];
  /** The named volume whose `driver_opts` make it a host bind, if any. */
  disguisedAs?: string;
}

const WINDOWS_DRIVE = /^[A-Za-z]:[\\/]/;

function isHostPath(source: string): boolean {
  return /^[/.~]/.test(source) || WINDOWS_DRIVE.test(source) || source.startsWith('\\\\');
}

/** A top-level named volume that is `driver_opts: {o: bind, device: /path}`: its device path. */
export function disguisedBind(document: Document, volumes: YAMLMap | undefined, name: string): string | undefined {
  const volume = volumes ? deref(document, findPair(volumes, name)?.value) : undefined;
  if (!isMap(volume)) return undefined;
  const options = field(document, volume, 'driver_opts');
  if (!isMap(options)) return undefined;
  const o = textOf(field(document, options, 'o'));
  const device = textOf(field(document, options, 'device'));
  return o !== undefined && o.split(',').some((part) => part.trim() === 'bind' || part.trim() === 'rbind') && device ? device : undefined;
}

export function parseVolume(document: Document, item: ComposeItem, volumes: YAMLMap | undefined): ComposeVolume {
  const base = { node: item.node, span: item.span, readOnly: false, options: [] as string[] };
  if (isMap(item.node)) {
    const map = item.node;
    const text = (key: string): string | undefined => textOf(field(document, map, key));
    const declared = text('type');
    let type: VolumeType = (['bind', 'volume', 'tmpfs', 'npipe', 'image', 'cluster'] as const).find((known) => known === declared) ?? 'unknown';
    let source = text('source');
    let disguisedAs: string | undefined;
    if (type === 'volume' && source) {
      const device = disguisedBind(document, volumes, source);
      if (device) [type, disguisedAs, source] = ['bind', source, device];
    }
    const readOnlyNode = findPair(map, 'read_only');
    const readOnly = readOnlyNode ? booleanOf({ node: deref(document, readOnlyNode.value) as Node, pair: readOnlyNode, map, span: item.span }) === true : false;
    const bind = field(document, map, 'bind');
    const propagation = isMap(bind) ? textOf(field(document, bind, 'propagation')) : undefined;
    return { ...base, long: true, type, source, target: text('target'), readOnly, propagation, disguisedAs };
  }
  const raw = isScalar(item.node) && typeof item.node.value === 'string' ? interpolate(item.node.value) : undefined;
  if (raw === undefined) return { ...base, long: false, type: 'unknown' };
  const drive = WINDOWS_DRIVE.test(raw) ? raw.slice(0, 2) : '';
  const parts = raw.slice(drive.length).split(':');
  parts[0] = drive + parts[0];
  if (parts.length === 1) return { ...base, long: false, type: 'volume', target: parts[0] };
  const [source, target, optionText] = parts;
  const options = (optionText ?? '').split(',').map((option) => option.trim()).filter(Boolean);
  const readOnly = options.includes('ro');
  const propagation = options.find((option) => /^r?(shared|slave|private)$/.test(option));
  if (isHostPath(source)) return { ...base, long: false, type: source.startsWith('\\\\.\\pipe\\') ? 'npipe' : 'bind', source, target, readOnly, propagation, options };
  const device = disguisedBind(document, volumes, source);
  if (device) return { ...base, long: false, type: 'bind', source: device, target, readOnly, propagation, options, disguisedAs: source };
  return { ...base, long: false, type: 'volume', source, target, readOnly, propagation, options };
}

/** A service's `volumes:` entries, parsed (named volumes that bind host paths resolved). */
export function volumesOf(document: Document, volumes: YAMLMap | undefined, value: import('./compose-values').ComposeValue | undefined): ComposeVolume[] {
  return itemsOf(document, value).map((item) => parseVolume(document, item, volumes));
}

/** A service's `ports:` entries, parsed. */
export function portsOf(document: Document, value: import('./compose-values').ComposeValue | undefined): ComposePort[] {
  return itemsOf(document, value).map((item) => parsePort(document, item));
}

/** A host path normalised for prefix checks: `/var/run/../run` is not resolved, trailing slashes go. */
export function normaliseHostPath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed.replace(/\/{2,}/g, '/');
}

/** `path` is `root` or lies under it. */
export function isUnder(path: string, root: string): boolean {
  return root === '/' ? path.startsWith('/') : path === root || path.startsWith(`${root}/`);
}
