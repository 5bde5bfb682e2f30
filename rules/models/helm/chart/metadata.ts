import type { GoMap, GoValue } from '../value';

/** One entry of Chart.yaml `dependencies` (or a v1 chart's requirements.yaml). */
export interface DependencySpec {
  name: string;
  version: string;
  repository: string;
  condition: string;
  tags: string[];
  alias: string;
  /** `import-values`: strings (`exports.<x>`) or `{child, parent}` maps, as written. */
  importValues: GoValue[];
  /** Set while conditions and tags are processed. */
  enabled: boolean;
}

/** Chart.yaml as Helm's `chart.Metadata` reads it (Go field names in comments where they differ). */
export interface ChartMetadata {
  name: string;
  home: string;
  sources: string[];
  version: string;
  description: string;
  keywords: string[];
  maintainers: { name: string; email: string; url: string }[];
  icon: string;
  apiVersion: string;
  condition: string;
  tags: string;
  appVersion: string;
  deprecated: boolean;
  annotations: Map<string, string>;
  kubeVersion: string;
  dependencies: DependencySpec[];
  type: string;
}

/** Reads Chart.yaml's map into metadata; wrong types are read leniently (Helm would reject the file). */
export function readMetadata(raw: GoValue): ChartMetadata {
  const map = raw instanceof Map ? raw : new Map<string, GoValue>();
  return {
    name: text(map.get('name')),
    home: text(map.get('home')),
    sources: texts(map.get('sources')),
    version: text(map.get('version')),
    description: text(map.get('description')),
    keywords: texts(map.get('keywords')),
    maintainers: list(map.get('maintainers')).map((entry) => {
      const m = entry instanceof Map ? entry : new Map<string, GoValue>();
      return { name: text(m.get('name')), email: text(m.get('email')), url: text(m.get('url')) };
    }),
    icon: text(map.get('icon')),
    apiVersion: text(map.get('apiVersion')) || 'v1',
    condition: text(map.get('condition')),
    tags: text(map.get('tags')),
    appVersion: text(map.get('appVersion')),
    deprecated: map.get('deprecated') === true,
    annotations: new Map([...(asMap(map.get('annotations')) ?? new Map())].map(([key, value]) => [key, text(value)])),
    kubeVersion: text(map.get('kubeVersion')),
    dependencies: readDependencies(map.get('dependencies')),
    type: text(map.get('type')),
  };
}

export function readDependencies(raw: GoValue | undefined): DependencySpec[] {
  return list(raw).flatMap((entry) => {
    const m = asMap(entry);
    if (!m) return [];
    return [{
      name: text(m.get('name')),
      version: text(m.get('version')),
      repository: text(m.get('repository')),
      condition: text(m.get('condition')),
      tags: texts(m.get('tags')),
      alias: text(m.get('alias')),
      importValues: list(m.get('import-values')),
      enabled: true,
    }];
  });
}

/**
 * Helm's `Metadata.Validate` (v3), the checks `helm template` reports as `validation: …`. Returns the message
 * or undefined.
 */
export function validateMetadata(metadata: ChartMetadata): string | undefined {
  if (!metadata.apiVersion) return 'chart.metadata.apiVersion is required';
  if (!metadata.name) return 'chart.metadata.name is required';
  if (metadata.name.includes('/') || metadata.name.includes('\\')) return `chart.metadata.name ${JSON.stringify(metadata.name)} is invalid`;
  if (!metadata.version) return 'chart.metadata.version is required';
  if (!/^v?\d+(\.\d+)?(\.\d+)?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(metadata.version)) return `chart.metadata.version ${JSON.stringify(metadata.version)} is invalid`;
  if (!['', 'application', 'library'].includes(metadata.type)) return 'chart.metadata.type must be application or library';
  for (const dependency of metadata.dependencies) {
    if (dependency.alias && !/^[a-zA-Z0-9-_]+$/.test(dependency.alias)) return `dependency ${JSON.stringify(dependency.name)} has disallowed characters in the alias`;
  }
  return undefined;
}

function text(value: GoValue | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

function texts(value: GoValue | undefined): string[] {
  return list(value).map(text);
}

function list(value: GoValue | undefined): GoValue[] {
  return Array.isArray(value) ? value : [];
}

function asMap(value: GoValue | undefined): GoMap | undefined {
  return value instanceof Map ? value : undefined;
}
