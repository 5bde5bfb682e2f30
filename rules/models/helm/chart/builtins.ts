import { GoMethodMap, GoObject, TemplateError, type GoMap, type GoMethod, type GoValue } from '../value';
import type { ChartMetadata, DependencySpec } from './metadata';
import type { ChartFile } from './loader';
import { filesGlobMatch } from './path-match';
import { HELM_API_VERSIONS } from './api-versions';
import { noteFilesRead } from '../template/read-log';

/**
 * The objects Helm puts beside `.Values` (pkg/engine recAllTpls, pkg/chartutil ToRenderValues): `.Release`,
 * `.Chart`, `.Capabilities`, `.Files`, `.Template`, `.Subcharts`. Maps where Helm uses maps (a missing key is
 * `<no value>`), structs where Helm uses structs (a missing field is an error).
 */

export interface ReleaseOptions {
  name: string;
  namespace: string;
}

export function releaseObject(release: ReleaseOptions): GoMap {
  return new Map<string, GoValue>([
    ['Name', release.name],
    ['Namespace', release.namespace],
    ['IsUpgrade', false],
    ['IsInstall', true],
    ['Revision', 1n],
    ['Service', 'Helm'],
  ]);
}

/** Helm's version as `helm template` v3 reports it (`.Capabilities.HelmVersion`). */
const HELM_VERSION = new GoObject('version.BuildInfo', new Map<string, GoValue>([
  ['Version', 'v3.21.4'],
  ['GitCommit', ''],
  ['GitTreeState', ''],
  ['GoVersion', 'go1.25.0'],
]));

/** `.Capabilities`: `kubeVersion` as given to `--kube-version` (e.g. `1.16.0` or `v1.30`), extra API versions added. */
export function capabilitiesObject(kubeVersion: string | undefined, extraApiVersions: readonly string[]): GoObject {
  const parsed = parseKubeVersion(kubeVersion ?? 'v1.20.0') ?? parseKubeVersion('v1.20.0')!;
  const versionMethod: GoMethod = () => parsed.version;
  const kube = new GoObject(
    'chartutil.KubeVersion',
    new Map<string, GoValue>([['Version', parsed.version], ['Major', parsed.major], ['Minor', parsed.minor]]),
    new Map([['String', versionMethod], ['GitVersion', versionMethod]]),
  );
  const versions = [...HELM_API_VERSIONS, ...extraApiVersions];
  const has: GoMethod = ([apiVersion]) => typeof apiVersion === 'string' && versions.includes(apiVersion);
  const apiVersions = new GoObject('chartutil.VersionSet', new Map(), new Map([['Has', has]]));
  return new GoObject('*chartutil.Capabilities', new Map<string, GoValue>([['KubeVersion', kube], ['APIVersions', apiVersions], ['HelmVersion', HELM_VERSION]]));
}

/** k8s `version.ParseGeneric` as `--kube-version` uses it: `[v]MAJOR.MINOR[.PATCH]…`; undefined when unreadable. */
export function parseKubeVersion(text: string): { version: string; major: string; minor: string } | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?([-+][0-9A-Za-z.+-]*)?$/.exec(text.trim());
  if (!match) return undefined;
  const [, major, minor, patch, rest] = match;
  const numbers = [major, minor, ...(patch === undefined ? [] : [patch])].map((part) => String(Number(part)));
  return { version: `v${numbers.join('.')}${rest ?? ''}`, major: numbers[0], minor: numbers[1] };
}

/** `.Chart`: Helm's `chart.Metadata` plus `IsRoot`, with dependency names already replaced by aliases. */
export function chartObject(metadata: ChartMetadata, name: string, dependencies: DependencySpec[], isRoot: boolean): GoObject {
  const strings = (list: string[]): GoValue[] => [...list];
  return new GoObject('struct { chart.Metadata; IsRoot bool }', new Map<string, GoValue>([
    ['Name', name],
    ['Home', metadata.home],
    ['Sources', strings(metadata.sources)],
    ['Version', metadata.version],
    ['Description', metadata.description],
    ['Keywords', strings(metadata.keywords)],
    ['Maintainers', metadata.maintainers.map((m) => new GoObject('*chart.Maintainer', new Map<string, GoValue>([['Name', m.name], ['Email', m.email], ['URL', m.url]])))],
    ['Icon', metadata.icon],
    ['APIVersion', metadata.apiVersion],
    ['Condition', metadata.condition],
    ['Tags', metadata.tags],
    ['AppVersion', metadata.appVersion],
    ['Deprecated', metadata.deprecated],
    ['Annotations', new Map<string, GoValue>(metadata.annotations)],
    ['KubeVersion', metadata.kubeVersion],
    ['Dependencies', dependencies.map(dependencyObject)],
    ['Type', metadata.type],
    ['IsRoot', isRoot],
  ]));
}

function dependencyObject(dependency: DependencySpec): GoObject {
  return new GoObject('*chart.Dependency', new Map<string, GoValue>([
    ['Name', dependency.name],
    ['Version', dependency.version],
    ['Repository', dependency.repository],
    ['Condition', dependency.condition],
    ['Tags', [...dependency.tags]],
    ['Enabled', dependency.enabled],
    ['ImportValues', dependency.importValues],
    ['Alias', dependency.alias],
  ]));
}

/**
 * `.Files` (pkg/engine/files.go): `map[string][]byte` of the chart's other files, with Get, GetBytes, Glob
 * (gobwas/glob, `**` crosses `/`), Lines, AsConfig and AsSecrets (YAML of base name → text or base64).
 * `toYaml` is Helm's toYAML, handed in so this file does not depend on the function library.
 */
export function filesObject(files: readonly ChartFile[] | ReadonlyMap<string, Uint8Array>, toYaml: (value: GoValue) => string): GoMethodMap {
  // A text file's bytes are made when read (most renders read no file, and values.yaml is one of them).
  const entries: [string, GoValue][] = files instanceof Map ? [...files] : (files as ChartFile[]).map((file) => [file.name, file.data]);
  const bytes = (name: GoValue): Uint8Array => {
    const value = typeof name === 'string' ? map.get(name) : undefined;
    return value instanceof Uint8Array ? value : new Uint8Array();
  };
  const asMap = (encode: (data: Uint8Array) => string): string => {
    if (map.size === 0) return '';
    const config: GoMap = new Map();
    for (const [name, data] of map) config.set(name.slice(name.lastIndexOf('/') + 1), encode(data as Uint8Array));
    return toYaml(new Map([...config].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  };
  const methods = new Map<string, GoMethod>([
    ['GetBytes', ([name]) => bytes(stringArgument('GetBytes', name))],
    ['Get', ([name]) => Buffer.from(bytes(stringArgument('Get', name))).toString('utf8')],
    ['Glob', ([pattern]) => {
      const glob = stringArgument('Glob', pattern);
      return filesObject(new Map([...map.keys()].filter((name) => filesGlobMatch(glob, name)).map((name) => [name, map.get(name) as Uint8Array])), toYaml);
    }],
    ['AsConfig', () => asMap((data) => Buffer.from(data).toString('utf8'))],
    ['AsSecrets', () => asMap((data) => Buffer.from(data).toString('base64'))],
    ['Lines', ([name]) => {
      const text = Buffer.from(bytes(stringArgument('Lines', name))).toString('utf8');
      if (text === '') return [];
      return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
    }],
  ]);
  const map: GoMethodMap = new FilesMap('engine.files', entries, methods);
  return map;
}

/**
 * `.Files` (and a Glob of it): any read of its entries, by its methods or not (`range .Files`), is noted (read-log.ts).
 * An entry holding a file's text becomes its UTF-8 bytes when first read: every value seen is a `[]byte`.
 */
class FilesMap extends GoMethodMap {
  override get(name: string): GoValue | undefined {
    noteFilesRead();
    return this.bytes(name, super.get(name));
  }

  private bytes(name: string, value: GoValue | undefined): GoValue | undefined {
    if (typeof value !== 'string') return value;
    const bytes = bytesOf(value);
    super.set(name, bytes);
    return bytes;
  }

  override has(name: string): boolean {
    noteFilesRead();
    return super.has(name);
  }

  override get size(): number {
    noteFilesRead();
    return super.size;
  }

  override entries(): MapIterator<[string, GoValue]> {
    noteFilesRead();
    this.allBytes();
    return super.entries();
  }

  /** Every entry as bytes (before an iteration hands them out). */
  private allBytes(): void {
    for (const [name, value] of super.entries()) if (typeof value === 'string') this.bytes(name, value);
  }

  override keys(): MapIterator<string> {
    noteFilesRead();
    return super.keys();
  }

  override values(): MapIterator<GoValue> {
    noteFilesRead();
    this.allBytes();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[string, GoValue]> {
    return this.entries();
  }

  override forEach(callback: (value: GoValue, key: string, map: Map<string, GoValue>) => void, thisArg?: unknown): void {
    noteFilesRead();
    this.allBytes();
    super.forEach(callback, thisArg);
  }
}

function stringArgument(method: string, value: GoValue): string {
  if (typeof value !== 'string') throw new TemplateError(`wrong type for value; expected string; got ${value === null ? 'interface {}' : typeof value} (in Files.${method})`);
  return value;
}

function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new Uint8Array(Buffer.from(data, 'utf8')) : data;
}
