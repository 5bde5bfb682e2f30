import type { Document, Node } from 'yaml';
import { isMap } from '../../rules/models/yaml-nodes';
import { LineIndex, type FileKind, type Finding, type Position, type Range, type Span } from '../../rules/engine';
import { modelParsers } from '../../rules/models';
import { asMap, asSeqItems, getNode, nodeSpan, scalarValue } from '../../rules/models/yaml';

/**
 * What a threat-model report is about: the things an attacker goes after. Derived from each file's model
 * (the same parsers the rules read): a Dockerfile builds an image, a compose file runs services, a
 * Kubernetes manifest is a workload, a control-plane component or another object, daemon.json configures
 * the Docker daemon. A finding belongs to the innermost asset whose range holds its start; none ⇒ the file.
 */
export type AssetKind = 'image' | 'service' | 'workload' | 'control-plane' | 'manifest' | 'daemon' | 'chart' | 'file';

export interface Asset {
  /** Unique in a report: `<path>#<name>` (or the path alone for a whole-file asset). */
  id: string;
  kind: AssetKind;
  /** What a reviewer calls it: `web` (a compose service), `Deployment/api`, `Docker daemon`. */
  name: string;
  /** The file it is declared in, as displayed. */
  path: string;
  /** Where it is declared; absent for the file itself. */
  range?: Range;
  /** A short fact that tells similar assets apart (the final stage's base image, a namespace). */
  detail?: string;
}

export const ASSET_KIND_LABELS: Record<AssetKind, string> = {
  image: 'Image',
  service: 'Compose service',
  workload: 'Kubernetes workload',
  'control-plane': 'Control-plane component',
  manifest: 'Kubernetes object',
  daemon: 'Docker daemon',
  chart: 'Helm chart',
  file: 'File',
};

const WORKLOAD_KINDS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);
const CONTROL_PLANE_KINDS = new Set(['KubeletConfiguration', 'KubeProxyConfiguration', 'KubeSchedulerConfiguration', 'EncryptionConfiguration', 'AdmissionConfiguration', 'ClusterConfiguration', 'InitConfiguration']);
/** Static pods of the control plane carry the component's name (`kube-apiserver`, or `kube-apiserver-node1`). */
const CONTROL_PLANE_COMPONENT = /^(kube-apiserver|kube-controller-manager|kube-scheduler|etcd|kube-proxy|cloud-controller-manager)(-|$)/;

/** The second line of an asset's label: its kind and what tells it apart ("Compose service · compose.yaml"). */
export function assetDescription(asset: Asset): string {
  const where = asset.kind === 'file' || asset.kind === 'image' ? asset.detail : [asset.detail, asset.path].filter(Boolean).join(' · ');
  return [ASSET_KIND_LABELS[asset.kind], where].filter(Boolean).join(' · ');
}

/** The asset that stands for the whole file: findings nothing narrower holds. */
export function fileAsset(path: string): Asset {
  return { id: path, kind: 'file', name: path, path };
}

/**
 * The Helm chart a finding of a chart's file belongs to (the engine names it in `data.helmChart`, with the
 * file's path inside the chart in `data.helmChartFile`): its templates, values files and subcharts are one
 * asset, named as in Chart.yaml, at the chart's folder. Undefined for a finding of no chart.
 */
export function chartAsset(finding: Finding, path: string): Asset | undefined {
  const name = finding.data?.helmChart;
  if (typeof name !== 'string' || name === '') return undefined;
  const inChart = finding.data?.helmChartFile;
  const folder = typeof inChart === 'string' && inChart !== '' && path.endsWith(`/${inChart}`) ? path.slice(0, -inChart.length - 1) : path === inChart ? '.' : path;
  return { id: `${folder}#helm-chart`, kind: 'chart', name, path: folder };
}

/**
 * The assets declared in one file, parents before the things nested in them, sorted by where they start.
 * Never throws: odd input (a Helm template, a document that is not a map) yields fewer assets, not an error.
 */
export function fileAssets(rawText: string, path: string, kind: FileKind): Asset[] {
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const lines = new LineIndex(text);
  const make = (assetKind: AssetKind, name: string, span: Span, detail?: string): Asset => ({
    id: `${path}#${name}`,
    kind: assetKind,
    name,
    path,
    range: lines.rangeOf(span),
    ...(detail ? { detail } : {}),
  });
  const whole: Span = { start: 0, end: text.length };
  try {
    switch (kind) {
      case 'dockerfile': {
        const model = modelParsers.dockerfile({ text, path }).model;
        const from = model?.finalStage?.from.getArguments()[0]?.getValue();
        return [{ ...make('image', path, whole, from ? `FROM ${from}` : undefined), id: path }];
      }
      case 'daemon':
        return [{ ...make('daemon', 'Docker daemon', whole), id: path }];
      case 'audit':
        return [{ ...make('file', 'Audit rules', whole), id: path }];
      case 'systemd':
      case 'env-file':
        return [{ ...make('daemon', 'Daemon start-up options', whole), id: path }];
      case 'compose': {
        const document = modelParsers.compose({ text, path }).model?.document;
        const services = asMap(getNode(asMap(document?.contents), 'services'));
        return (services?.items ?? []).flatMap((pair) => {
          const name = scalarValue(pair.key);
          if (typeof name !== 'string' && typeof name !== 'number') return [];
          const key = nodeSpan(pair.key as Node);
          const value = nodeSpan(pair.value as Node, key);
          return [make('service', String(name), { start: key.start, end: Math.max(key.end, value.end) })];
        });
      }
      case 'kubernetes': {
        const documents = modelParsers.kubernetes({ text, path }).model?.documents ?? [];
        return documents.flatMap((document: Document.Parsed) => manifestAssets(document.contents, make));
      }
    }
  } catch {
    // Unknown stays unknown: the findings of this file then belong to the file itself.
  }
  return [];
}

type MakeAsset = (kind: AssetKind, name: string, span: Span, detail?: string) => Asset;

/** A manifest (`kind/name`), then the items of a `List`, each its own asset inside the list's range. */
function manifestAssets(node: unknown, make: MakeAsset): Asset[] {
  const map = asMap(node);
  if (!map || !isMap(map)) return [];
  const kind = scalarValue(getNode(map, 'kind'));
  if (typeof kind !== 'string') return [];
  const metadata = asMap(getNode(map, 'metadata'));
  const name = scalarValue(getNode(metadata, 'name'));
  const namespace = scalarValue(getNode(metadata, 'namespace'));
  const items = kind.endsWith('List') ? asSeqItems(getNode(map, 'items')).flatMap((item) => manifestAssets(item, make)) : [];
  const label = `${kind}/${typeof name === 'string' || typeof name === 'number' ? String(name) : '(unnamed)'}`;
  const own = items.length > 0 && name === undefined ? [] : [make(manifestKind(kind, name), label, nodeSpan(map), typeof namespace === 'string' ? `namespace ${namespace}` : undefined)];
  return [...own, ...items];
}

function manifestKind(kind: string, name: unknown): AssetKind {
  if (CONTROL_PLANE_KINDS.has(kind)) return 'control-plane';
  if (kind === 'Pod' && typeof name === 'string' && CONTROL_PLANE_COMPONENT.test(name)) return 'control-plane';
  return WORKLOAD_KINDS.has(kind) ? 'workload' : 'manifest';
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/**
 * The asset of each finding of one file, in the findings' order: the innermost asset whose range holds the
 * finding's start, else the file. One sweep over findings and assets, both in position order (no n × m).
 */
export function assignAssets(findings: readonly Finding[], assets: readonly Asset[], path: string): Asset[] {
  const file = fileAsset(path);
  const ranged = assets.filter((asset) => asset.range).sort((a, b) => (before(a.range!.start, b.range!.start) ? -1 : before(b.range!.start, a.range!.start) ? 1 : 0));
  const order = findings.map((_, index) => index).sort((a, b) => (before(findings[a].range.start, findings[b].range.start) ? -1 : before(findings[b].range.start, findings[a].range.start) ? 1 : a - b));
  const result: Asset[] = new Array(findings.length);
  const open: Asset[] = [];
  let next = 0;
  for (const index of order) {
    const at = findings[index].range.start;
    while (next < ranged.length && !before(at, ranged[next].range!.start)) open.push(ranged[next++]);
    // An asset whose end is before this finding is closed for every later finding too.
    for (let i = open.length - 1; i >= 0; i--) if (before(open[i].range!.end, at)) open.splice(i, 1);
    result[index] = open[open.length - 1] ?? file;
  }
  return result;
}
