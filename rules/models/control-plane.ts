import { type Node, type Pair, Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { isMap, isScalar, isSeq } from './yaml-nodes';
import type { Span, SpanEdit } from '../engine/types';
import { getPath, podSpecOf, type KubernetesModel, type Manifest } from './kubernetes';
import { asMap, asSeqItems, getNode, nodeSpan } from './yaml';
import { appendMapItem, appendSeqItem, removePair, removeSeqItem, setIn } from './yaml-edit';
import { renderScalar, replaceScalar } from './yaml-scalar';

/**
 * The control-plane model (rule-catalog §5.0), derived once per file from the Kubernetes model: every place
 * a component's command-line flags are written (static pod containers, kubeadm `extraArgs`,
 * `kubeletExtraArgs`) as a {@link FlagSource}, each flag with the nodes it was written in, plus the
 * component configuration documents (KubeletConfiguration, KubeProxyConfiguration, …).
 */

export type Component = 'kube-apiserver' | 'etcd' | 'kube-controller-manager' | 'kube-scheduler' | 'kubelet' | 'kube-proxy';
const COMPONENTS: readonly Component[] = ['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy'];
/** `hyperkube <name>` (legacy all-in-one binary) sub-command names. */
const HYPERKUBE: Record<string, Component> = {
  apiserver: 'kube-apiserver', 'kube-apiserver': 'kube-apiserver', 'controller-manager': 'kube-controller-manager',
  'kube-controller-manager': 'kube-controller-manager', scheduler: 'kube-scheduler', 'kube-scheduler': 'kube-scheduler',
  kubelet: 'kubelet', proxy: 'kube-proxy', 'kube-proxy': 'kube-proxy',
};

/** Boolean flags: `--flag value` does not consume `value` (pflag and Go's flag package both need `=`). */
const BOOLEAN_FLAGS = new Set([
  'anonymous-auth', 'profiling', 'client-cert-auth', 'peer-client-cert-auth', 'auto-tls', 'peer-auto-tls', 'use-service-account-credentials',
  'service-account-lookup', 'service-account-extend-token-expiration', 'kubelet-https', 'rotate-certificates', 'authentication-token-webhook',
  'make-iptables-util-chains', 'protect-kernel-defaults', 'seccomp-default', 'rotate-server-certificates', 'allow-privileged', 'leader-elect',
]);

export type FlagForm = 'equals' | 'separate' | 'bare' | 'map' | 'list' | 'env';

export interface Flag {
  /** Without leading dashes: `anonymous-auth`. */
  name: string;
  /** The written value; `true` for a bare boolean flag. */
  value: string;
  form: FlagForm;
  /** Where a finding about this flag sits: the array item, or the `extraArgs` entry. */
  span: Span;
  /** The scalar holding `--flag…` (seq forms) or the key (map) / `name` (list) node. */
  node: Scalar;
  /** The separate value scalar (`--flag value`, map and list forms, env). */
  valueNode?: Scalar;
  /** The collection holding the flag (for removal) and the item's index in it. */
  container: YAMLSeq | YAMLMap;
  index: number;
}

export interface FlagSource {
  component: Component;
  /**
   * `pod`: a container's command/args; `kubeadm`: ClusterConfiguration extraArgs; `kubelet-extra-args`: kubeadm
   * nodeRegistration; `command-line`: a unit's `ExecStart=` or an environment file (no manifest).
   */
  origin: 'pod' | 'kubeadm' | 'kubelet-extra-args' | 'command-line';
  manifest?: Manifest;
  flags: Flag[];
  /** Where "flag not set" findings sit: the component's binary in `command`, or the kubeadm section. */
  anchor: Span;
  /** A `--config`/`--kubeconfig`-style file carries the settings, so an absent flag says nothing. */
  hasConfigFile: boolean;
  /** Appends `--name=value` (or a kubeadm entry) in the source's own style; undefined when that is not clean. */
  add(name: string, value: string): SpanEdit | undefined;
}

export interface ControlPlaneModel {
  sources: FlagSource[];
}

/** kubeadm writes these flags into the static pods it generates, so in a ClusterConfiguration absent means this. */
const KUBEADM_DEFAULTS: Partial<Record<Component, Record<string, string>>> = {
  'kube-apiserver': {
    'authorization-mode': 'Node,RBAC', 'enable-admission-plugins': 'NodeRestriction', 'client-ca-file': '/etc/kubernetes/pki/ca.crt',
    'tls-cert-file': '/etc/kubernetes/pki/apiserver.crt', 'tls-private-key-file': '/etc/kubernetes/pki/apiserver.key',
    'kubelet-client-certificate': '/etc/kubernetes/pki/apiserver-kubelet-client.crt', 'kubelet-client-key': '/etc/kubernetes/pki/apiserver-kubelet-client.key',
    'etcd-cafile': '/etc/kubernetes/pki/etcd/ca.crt', 'etcd-certfile': '/etc/kubernetes/pki/apiserver-etcd-client.crt', 'etcd-keyfile': '/etc/kubernetes/pki/apiserver-etcd-client.key',
    'etcd-servers': 'https://127.0.0.1:2379', 'service-account-key-file': '/etc/kubernetes/pki/sa.pub', 'service-account-signing-key-file': '/etc/kubernetes/pki/sa.key',
    'service-account-issuer': 'https://kubernetes.default.svc.cluster.local', 'secure-port': '6443',
  },
  'kube-controller-manager': {
    'bind-address': '127.0.0.1', 'use-service-account-credentials': 'true', 'root-ca-file': '/etc/kubernetes/pki/ca.crt',
    'service-account-private-key-file': '/etc/kubernetes/pki/sa.key', kubeconfig: '/etc/kubernetes/controller-manager.conf',
  },
  'kube-scheduler': { 'bind-address': '127.0.0.1', kubeconfig: '/etc/kubernetes/scheduler.conf' },
  etcd: {
    'cert-file': '/etc/kubernetes/pki/etcd/server.crt', 'key-file': '/etc/kubernetes/pki/etcd/server.key', 'client-cert-auth': 'true',
    'trusted-ca-file': '/etc/kubernetes/pki/etcd/ca.crt', 'peer-cert-file': '/etc/kubernetes/pki/etcd/peer.crt', 'peer-key-file': '/etc/kubernetes/pki/etcd/peer.key',
    'peer-client-cert-auth': 'true', 'peer-trusted-ca-file': '/etc/kubernetes/pki/etcd/ca.crt', 'listen-client-urls': 'https://127.0.0.1:2379',
    'advertise-client-urls': 'https://127.0.0.1:2379', 'listen-peer-urls': 'https://127.0.0.1:2380', 'initial-advertise-peer-urls': 'https://127.0.0.1:2380',
  },
};

/** What a flag is set to in a source: the last occurrence written, or (kubeadm) what kubeadm writes itself. */
export interface FlagSetting {
  value: string;
  /** The last occurrence; undefined when the value is kubeadm's own default. */
  flag?: Flag;
}

export function lookupFlag(source: FlagSource, name: string): FlagSetting | undefined {
  for (let i = source.flags.length - 1; i >= 0; i--) {
    if (source.flags[i].name === name) return { value: source.flags[i].value, flag: source.flags[i] };
  }
  const implied = source.origin === 'kubeadm' ? KUBEADM_DEFAULTS[source.component]?.[name] : undefined;
  return implied === undefined ? undefined : { value: implied };
}

/** Splits a comma list flag value (`NodeRestriction, EventRateLimit`), dropping blanks. */
export function listItems(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** `true`/`false` as Go's strconv.ParseBool reads them; anything else is unknown. */
export function flagBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(?:1|t|true)$/i.test(value.trim())) return true;
  if (/^(?:0|f|false)$/i.test(value.trim())) return false;
  return undefined;
}

/** Sets a written flag to a new value in place, keeping its form and quoting. */
export function setFlagValue(flag: Flag, value: string): SpanEdit | undefined {
  if (flag.valueNode) return replaceScalar(flag.valueNode, value);
  if (!flag.node.range) return undefined;
  const written = String(flag.node.value);
  const dashes = written.startsWith('--') ? '--' : '-';
  return { start: flag.node.range[0], end: flag.node.range[1], newText: renderScalar(`${dashes}${flag.name}=${value}`, flag.node) };
}

/** Removes a written flag (with its separate value item). */
export function removeFlag(text: string, flag: Flag): SpanEdit | undefined {
  if (isSeq(flag.container)) return removeSeqItem(text, flag.container, flag.index, flag.form === 'separate' ? 2 : 1);
  const pair = flag.container.items[flag.index] as Pair | undefined;
  return pair ? removePair(text, flag.container, pair) : undefined;
}

/** Sets a flag: edits the last occurrence, or adds it to the source. */
export function setFlag(source: FlagSource, name: string, value: string): SpanEdit | undefined {
  const setting = lookupFlag(source, name);
  return setting?.flag ? setFlagValue(setting.flag, value) : source.add(name, value);
}

/** The span a finding about `name` should sit at: the flag when written, else the source's anchor. */
export function flagSpan(source: FlagSource, name: string): Span {
  return lookupFlag(source, name)?.flag?.span ?? source.anchor;
}

/** "in this manifest" or "in this ClusterConfiguration", for messages. */
export function where(source: FlagSource): string {
  if (source.origin === 'command-line') return `on this ${source.component} command line`;
  return source.origin === 'pod' ? `in this ${source.component} manifest` : `in this kubeadm ${source.manifest?.kind ?? 'configuration'}`;
}

const cache = new WeakMap<KubernetesModel, ControlPlaneModel>();

/** The control-plane view of a Kubernetes file, computed once and shared by every rule. */
export function controlPlaneOf(model: KubernetesModel, text: string): ControlPlaneModel {
  let result = cache.get(model);
  if (!result) {
    result = { sources: [...model.manifests.flatMap((manifest) => sourcesOf(manifest, text)), ...(model.commandLines ?? [])] };
    cache.set(model, result);
  }
  return result;
}

/** Flag sources of one component (every static pod and kubeadm section that configures it). */
export function sourcesFor(model: KubernetesModel, text: string, ...components: Component[]): readonly FlagSource[] {
  const all = controlPlaneOf(model, text).sources;
  // Most files configure no control plane: ~40 rules ask each of them, so no new empty list for each.
  return all.length === 0 ? NO_SOURCES : all.filter((source) => components.includes(source.component));
}

const NO_SOURCES: readonly FlagSource[] = Object.freeze([]);

/** Manifests of a kind whose apiVersion starts with `group` (e.g. `kubelet.config.k8s.io/`). */
export function configDocuments(model: KubernetesModel, kind: string, group: string): Manifest[] {
  return model.manifests.filter((manifest) => manifest.kind === kind && (manifest.apiVersion ?? '').startsWith(group));
}

/** The span of a configuration document's `kind:` value, where "field not set" findings sit. */
export function kindSpan(manifest: Manifest): Span {
  return nodeSpan(getNode(manifest.node, 'kind'), nodeSpan(manifest.node));
}

/** Sets a (nested) field of a configuration document; `rendered` is the YAML text of the value. */
export function setField(text: string, manifest: Manifest, path: readonly string[], rendered: string): SpanEdit | undefined {
  return setIn(text, manifest.node, path, rendered);
}

function sourcesOf(manifest: Manifest, text: string): FlagSource[] {
  if (manifest.kind === 'ClusterConfiguration' && (manifest.apiVersion ?? '').startsWith('kubeadm.k8s.io/')) return kubeadmSources(manifest, text);
  if ((manifest.kind === 'InitConfiguration' || manifest.kind === 'JoinConfiguration') && (manifest.apiVersion ?? '').startsWith('kubeadm.k8s.io/')) {
    const section = asMap(getNode(manifest.node, 'nodeRegistration'));
    return section ? [extraArgsSource(manifest, text, 'kubelet', ['nodeRegistration'], 'kubeletExtraArgs', 'kubelet-extra-args')] : [];
  }
  const sources: FlagSource[] = [];
  for (const { spec, labels } of podSpecsOf(manifest)) {
    const containers = asSeqItems(getNode(spec, 'containers')).filter(isMap);
    for (const container of containers) {
      const source = containerSource(manifest, text, container, labels, containers.length);
      if (source) sources.push(source);
    }
  }
  return sources;
}

/** Pod specs of standard kinds (the Kubernetes model) and of custom kinds that embed one (Knative, …). */
function podSpecsOf(manifest: Manifest): Array<{ spec: YAMLMap; labels?: YAMLMap }> {
  const known = podSpecOf(manifest);
  if (known) return [{ spec: known.spec, labels: asMap(getNode(known.podMetadata ?? manifest.metadata, 'labels')) }];
  for (const path of [['spec', 'template', 'spec'], ['spec']]) {
    const spec = asMap(getPath(manifest.node, path));
    if (spec && isSeq(getNode(spec, 'containers'))) return [{ spec, labels: asMap(getNode(manifest.metadata, 'labels')) }];
  }
  return [];
}

function baseName(value: string): string {
  return value.slice(value.lastIndexOf('/') + 1);
}

/** `registry.k8s.io/kube-apiserver-amd64:v1.30.0` → `kube-apiserver`. */
function imageComponent(image: string): Component | undefined {
  const name = baseName(image.split('@')[0]).split(':')[0].replace(/-(?:amd64|arm64|arm|ppc64le|s390x)$/, '');
  return (COMPONENTS as readonly string[]).includes(name) ? (name as Component) : undefined;
}

function containerSource(manifest: Manifest, text: string, container: YAMLMap, labels: YAMLMap | undefined, siblings: number): FlagSource | undefined {
  const commandNode = getNode(container, 'command');
  const argsNode = getNode(container, 'args');
  const command = asSeqItems(commandNode);
  const first = isScalar(command[0]) ? String(command[0].value ?? '') : '';
  let component: Component | undefined;
  let skip = 1;
  if ((COMPONENTS as readonly string[]).includes(baseName(first))) component = baseName(first) as Component;
  else if (baseName(first) === 'hyperkube' && isScalar(command[1])) {
    component = HYPERKUBE[String(command[1].value)];
    skip = 2;
  } else if (command.length === 0) {
    const image = getNode(container, 'image');
    const label = isScalar(getNode(labels, 'component')) ? String((getNode(labels, 'component') as Scalar).value) : '';
    const name = isScalar(getNode(container, 'name')) ? String((getNode(container, 'name') as Scalar).value) : '';
    component = isScalar(image) ? imageComponent(String(image.value)) : undefined;
    if (!component && (COMPONENTS as readonly string[]).includes(label) && (name === label || siblings === 1)) component = label as Component;
    skip = 0;
  }
  if (!component) return undefined;
  const flags: Flag[] = [];
  if (component === 'etcd') flags.push(...envFlags(getNode(container, 'env')));
  if (isSeq(commandNode)) flags.push(...seqFlags(commandNode, skip));
  if (isSeq(argsNode)) flags.push(...seqFlags(argsNode, 0));
  const target = isSeq(argsNode) && (argsNode.items.length > 0 || !isSeq(commandNode)) ? argsNode : isSeq(commandNode) ? commandNode : undefined;
  const anchorNode = (command[skip - 1] as Node | undefined) ?? getNode(container, 'image') ?? container;
  return {
    component,
    origin: 'pod',
    manifest,
    flags,
    anchor: nodeSpan(anchorNode),
    hasConfigFile: flags.some((flag) => flag.name === 'config' || flag.name === 'config-file'),
    add: (name, value) => (target ? appendFlagItem(text, target, `--${name}=${value}`) : undefined),
  };
}

/** Appends a flag item to a command or args list, quoted like the last item (block lists of scalars only). */
function appendFlagItem(text: string, seq: YAMLSeq, flag: string): SpanEdit | undefined {
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (!seq.flow && !isScalar(last)) return undefined;
  return appendSeqItem(text, seq, renderScalar(flag, last));
}

/** Appends `{name: …, value: …}` to a kubeadm v1beta4 argument list, quoting the value like the last item's. */
function appendNameValueItem(text: string, seq: YAMLSeq, name: string, value: string): SpanEdit | undefined {
  const last = seq.items[seq.items.length - 1];
  const valueNode = isMap(last) ? (getNode(last, 'value') as Node | undefined) : undefined;
  return appendMapItem(text, seq, [['name', renderScalar(name)], ['value', renderScalar(value, valueNode ?? new Scalar('"'))]]);
}

/** The flags of a list of scalars (`command`/`args`), as the component's flag parser reads them. */
export function seqFlags(seq: YAMLSeq, skip: number): Flag[] {
  const items = seq.items as Node[];
  const flags: Flag[] = [];
  for (let index = skip; index < items.length; index++) {
    const item = items[index];
    if (!isScalar(item) || typeof item.value !== 'string' || !/^--?[A-Za-z]/.test(item.value)) continue;
    const written = item.value.replace(/^--?/, '');
    const equals = written.indexOf('=');
    const span = nodeSpan(item);
    if (equals >= 0) {
      flags.push({ name: written.slice(0, equals), value: written.slice(equals + 1), form: 'equals', span, node: item, container: seq, index });
      continue;
    }
    const next = items[index + 1];
    if (!BOOLEAN_FLAGS.has(written) && isScalar(next) && next.value !== null && !/^-/.test(String(next.value))) {
      flags.push({ name: written, value: String(next.value), form: 'separate', span: { start: span.start, end: nodeSpan(next).end }, node: item, valueNode: next, container: seq, index });
      index++;
      continue;
    }
    flags.push({ name: written, value: 'true', form: 'bare', span, node: item, container: seq, index });
  }
  return flags;
}

/** etcd reads `ETCD_CLIENT_CERT_AUTH` and friends from the environment; command-line flags win over them. */
function envFlags(env: Node | undefined): Flag[] {
  const flags: Flag[] = [];
  asSeqItems(env).forEach((item, index) => {
    const map = asMap(item);
    const name = getNode(map, 'name');
    const value = getNode(map, 'value');
    if (!map || !isScalar(name) || !isScalar(value) || !/^ETCD_[A-Z0-9_]+$/.test(String(name.value))) return;
    const flagName = String(name.value).slice(5).toLowerCase().replace(/_/g, '-');
    flags.push({ name: flagName, value: String(value.value ?? ''), form: 'env', span: { start: nodeSpan(name).start, end: nodeSpan(value).end }, node: name, valueNode: value, container: env as YAMLSeq, index });
  });
  return flags;
}

const KUBEADM_SECTIONS: Array<{ component: Component; path: string[] }> = [
  { component: 'kube-apiserver', path: ['apiServer'] },
  { component: 'kube-controller-manager', path: ['controllerManager'] },
  { component: 'kube-scheduler', path: ['scheduler'] },
  { component: 'etcd', path: ['etcd', 'local'] },
];

function kubeadmSources(manifest: Manifest, text: string): FlagSource[] {
  const external = getNode(asMap(getNode(manifest.node, 'etcd')), 'external') !== undefined;
  return KUBEADM_SECTIONS.filter(({ component }) => component !== 'etcd' || !external).map(({ component, path }) => extraArgsSource(manifest, text, component, path, 'extraArgs', 'kubeadm'));
}

/** kubeadm `extraArgs`: a map (v1beta3) or a list of `{name, value}` (v1beta4). */
function extraArgsSource(manifest: Manifest, text: string, component: Component, path: string[], key: string, origin: FlagSource['origin']): FlagSource {
  const section = asMap(getPath(manifest.node, path));
  const args = getNode(section, key);
  const flags: Flag[] = [];
  if (isMap(args)) {
    args.items.forEach((pair, index) => {
      if (!isScalar(pair.key)) return;
      const value = pair.value as Node | null;
      flags.push({ name: String(pair.key.value), value: isScalar(value) ? String(value.value ?? '') : '', form: 'map', span: { start: nodeSpan(pair.key).start, end: nodeSpan(value ?? pair.key).end }, node: pair.key, valueNode: isScalar(value) ? value : undefined, container: args, index });
    });
  } else if (isSeq(args)) {
    (args.items as Node[]).forEach((item, index) => {
      const name = getNode(asMap(item), 'name');
      const value = getNode(asMap(item), 'value');
      if (!isScalar(name)) return;
      flags.push({ name: String(name.value), value: isScalar(value) ? String(value.value ?? '') : '', form: 'list', span: nodeSpan(item), node: name, valueNode: isScalar(value) ? value : undefined, container: args, index });
    });
  }
  const keyOf = (map: YAMLMap | undefined, value: unknown): Node | undefined => (map?.items as Pair[] | undefined)?.find((pair) => pair.value === value)?.key as Node | undefined;
  const parent = path.length > 1 ? asMap(getPath(manifest.node, path.slice(0, -1))) : manifest.node;
  const anchorNode = (args !== undefined ? keyOf(section, args) : undefined) ?? (section ? keyOf(parent, section) : undefined);
  const listForm = isSeq(args) || (!isMap(args) && /\/v1beta[4-9]$|\/v1$/.test(manifest.apiVersion ?? ''));
  return {
    component,
    origin,
    manifest,
    flags,
    anchor: anchorNode ? nodeSpan(anchorNode) : kindSpan(manifest),
    hasConfigFile: false,
    add: (name, value) => {
      if (isSeq(args)) return appendNameValueItem(text, args, name, value);
      if (isMap(args) && args.items.length > 0) return setIn(text, args, [name], renderScalar(value, (args.items[0] as Pair).value as Node));
      if (args !== undefined || listForm) return undefined;
      return setIn(text, manifest.node, [...path, key, name], renderScalar(value));
    },
  };
}
