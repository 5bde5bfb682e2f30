import type { Node, YAMLMap } from 'yaml';
import { isMap, isScalar } from '../../models/yaml-nodes';
import type { RuleContext } from '../../engine/rule';
import type { Severity, Span } from '../../engine/types';
import { stringMap, type KubernetesModel, type Manifest } from '../../models/kubernetes';
import { selectorOf } from '../../models/file-facts/kubernetes-facts';
import { selectsLabels } from '../../facts/label-selector';
import { asMap, asSeqItems, getNode, nodeSpan } from '../../models/yaml';

/**
 * RBAC reading for the `kubernetes/rbac-*` rules (rule-catalog §4R), built once per file on top of the
 * Kubernetes model: the policy rules of every Role/ClusterRole with the node of each list item, the subjects
 * and roleRef of every binding, aggregation, and which ClusterRoles a ClusterRoleBinding grants cluster-wide.
 */

/** One string of a policy rule list (`verbs`, `resources`, …) where it was written. */
export interface Item {
  value: string;
  span: Span;
}

export interface PolicyRule {
  node: YAMLMap;
  apiGroups: Item[];
  resources: Item[];
  verbs: Item[];
  resourceNames: Item[];
  nonResourceURLs: Item[];
}

export interface Role {
  manifest: Manifest;
  kind: 'Role' | 'ClusterRole';
  /** `Role "pod-reader"`, for messages. */
  label: string;
  /** `data` for every finding: the report's asset (`Role/pod-reader`). */
  data: Record<string, string>;
  labels: Record<string, string>;
  /** Empty for an aggregating ClusterRole: the controller overwrites what is written there. */
  rules: PolicyRule[];
  aggregationSelectors?: YAMLMap[];
  /** A ClusterRole (or one aggregated into it) that a ClusterRoleBinding in this file grants to a service account or a broad group. */
  boundClusterWide: boolean;
}

export interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
  /** The subject's `name:` value, else the whole subject. */
  span: Span;
}

export interface Binding {
  manifest: Manifest;
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  label: string;
  data: Record<string, string>;
  name?: string;
  roleRef: { kind?: string; name?: string };
  subjects: Subject[];
}

export interface RbacModel {
  roles: Role[];
  bindings: Binding[];
}

const RBAC_API = /^rbac\.authorization\.k8s\.io\//;
/** Groups that hold every service account, or everyone: binding a role to them is binding it to many. */
const BROAD_GROUPS = /^system:(?:authenticated|unauthenticated|serviceaccounts(?::.*)?)$/;

function text(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined && typeof node.value !== 'object' ? String(node.value) : undefined;
}

function items(map: YAMLMap, key: string): Item[] {
  const result: Item[] = [];
  for (const node of asSeqItems(getNode(map, key))) {
    const value = text(node);
    if (value !== undefined) result.push({ value, span: nodeSpan(node) });
  }
  return result;
}


function isRbacObject(manifest: Manifest, kinds: readonly string[]): boolean {
  return manifest.kind !== undefined && kinds.includes(manifest.kind) && (manifest.apiVersion === undefined || RBAC_API.test(manifest.apiVersion));
}

function labelOf(manifest: Manifest): string {
  return manifest.name === undefined ? `${manifest.kind} (unnamed)` : `${manifest.kind} "${manifest.name}"`;
}

function dataOf(manifest: Manifest): Record<string, string> {
  return manifest.name === undefined ? {} : { asset: `${manifest.kind}/${manifest.name}` };
}

function readRole(manifest: Manifest): Role {
  const aggregation = asMap(getNode(manifest.node, 'aggregationRule'));
  const selectors = aggregation ? asSeqItems(getNode(aggregation, 'clusterRoleSelectors')).filter(isMap) : undefined;
  const rules = aggregation
    ? []
    : asSeqItems(getNode(manifest.node, 'rules'))
        .filter(isMap)
        .map((node) => ({ node, apiGroups: items(node, 'apiGroups'), resources: items(node, 'resources'), verbs: items(node, 'verbs'), resourceNames: items(node, 'resourceNames'), nonResourceURLs: items(node, 'nonResourceURLs') }));
  return { manifest, kind: manifest.kind as Role['kind'], label: labelOf(manifest), data: dataOf(manifest), labels: stringMap(getNode(manifest.metadata, 'labels')), rules, aggregationSelectors: selectors, boundClusterWide: false };
}

function readBinding(manifest: Manifest): Binding {
  const roleRef = asMap(getNode(manifest.node, 'roleRef'));
  const subjects = asSeqItems(getNode(manifest.node, 'subjects'))
    .filter(isMap)
    .map((node) => ({ kind: text(getNode(node, 'kind')), name: text(getNode(node, 'name')), namespace: text(getNode(node, 'namespace')), span: nodeSpan(getNode(node, 'name') as Node | undefined, nodeSpan(node)) }));
  return { manifest, kind: manifest.kind as Binding['kind'], label: labelOf(manifest), data: dataOf(manifest), name: manifest.name, roleRef: { kind: text(getNode(roleRef, 'kind')), name: text(getNode(roleRef, 'name')) }, subjects };
}

/** A label selector (`matchLabels`, `matchExpressions`) against a role's labels. */
function selects(selector: YAMLMap, labels: Record<string, string>): boolean {
  return selectsLabels(selectorOf(selector)!, labels);
}

export function isBroadSubject(subject: Subject): boolean {
  return subject.kind === 'ServiceAccount' || (subject.kind === 'Group' && BROAD_GROUPS.test(subject.name ?? ''));
}

function markClusterWide(roles: Role[], bindings: Binding[]): void {
  const clusterRoles = new Map<string, Role[]>();
  for (const role of roles) {
    if (role.kind !== 'ClusterRole' || role.manifest.name === undefined) continue;
    clusterRoles.set(role.manifest.name, [...(clusterRoles.get(role.manifest.name) ?? []), role]);
  }
  const mark = (role: Role, depth: number): void => {
    if (role.boundClusterWide && depth > 0) return;
    role.boundClusterWide = true;
    // Aggregated roles count as bound too; the depth guard stops selector cycles.
    if (!role.aggregationSelectors || depth > 3) return;
    for (const other of roles) {
      if (other !== role && other.kind === 'ClusterRole' && role.aggregationSelectors.some((selector) => selects(selector, other.labels))) mark(other, depth + 1);
    }
  };
  for (const binding of bindings) {
    if (binding.kind !== 'ClusterRoleBinding' || binding.roleRef.kind !== 'ClusterRole' || !binding.subjects.some(isBroadSubject)) continue;
    for (const role of clusterRoles.get(binding.roleRef.name ?? '') ?? []) mark(role, 0);
  }
}

const cache = new WeakMap<KubernetesModel, RbacModel>();

/** The RBAC view of a file, read once and shared by every RBAC rule. */
export function rbacOf(model: KubernetesModel): RbacModel {
  let rbac = cache.get(model);
  if (!rbac) {
    const roles = model.manifests.filter((manifest) => isRbacObject(manifest, ['Role', 'ClusterRole'])).map(readRole);
    const bindings = model.manifests.filter((manifest) => isRbacObject(manifest, ['RoleBinding', 'ClusterRoleBinding'])).map(readBinding);
    markClusterWide(roles, bindings);
    rbac = { roles, bindings };
    cache.set(model, rbac);
  }
  return rbac;
}

/** The built-in `cluster-admin` ClusterRoleBinding gives group `system:masters` what it already has. */
export function isBuiltinMastersBinding(binding: Binding, subject: Subject): boolean {
  return binding.kind === 'ClusterRoleBinding' && binding.name === 'cluster-admin' && subject.kind === 'Group' && subject.name === 'system:masters';
}

const LOWER: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'info' };
const HIGHER: Record<Severity, Severity> = { error: 'error', warning: 'error', info: 'warning' };

/** `resourceNames` narrows a grant (one level down); a cluster-wide binding to many subjects widens it (one up). */
export function adjustSeverity(severity: Severity, role: Role, rule: PolicyRule): Severity {
  const narrowed = rule.resourceNames.length > 0 ? LOWER[severity] : severity;
  return role.boundClusterWide ? HIGHER[narrowed] : narrowed;
}

export const CORE = [''] as const;

/** A resource in its API group(s): `pods/exec` in `""`; `userextras/*` means any subresource of `userextras`. */
export interface Target {
  groups: readonly string[];
  resource: string;
}

export interface GrantQuery {
  /** `any`: every verb counts (`nodes/proxy`). */
  verbs: readonly string[] | 'any';
  targets: readonly Target[];
}

export interface Grant {
  role: Role;
  rule: PolicyRule;
  verbs: string[];
  resources: string[];
  /** The first verb written out that grants the access, else (`"*"` in verbs) the first resource. */
  span: Span;
}

function resourceMatches(item: string, resource: string): boolean {
  if (item === resource) return true;
  const [base, sub] = resource.split('/');
  if (sub === undefined) return false;
  if (sub === '*') return item.startsWith(`${base}/`);
  // `*/exec` matches every resource's exec subresource (Kubernetes), `pods/*` every pods subresource (catalog).
  return item === `*/${sub}` || item === `${base}/*`;
}

// Where a role's rules grant one of the queried accesses by naming the resource (`secrets`, `pods/exec`,
// `*/exec`). `*` in resources is left to `kubernetes/rbac-wildcard`, which reports that item once, naming what
// it includes, instead of every rule here reporting the same `*` again.

export function findGrants(model: KubernetesModel, queries: readonly GrantQuery[]): Grant[] {
  const grants: Grant[] = [];
  for (const role of rbacOf(model).roles) {
    for (const rule of role.rules) {
      const verbs = new Set<Item>();
      const resources = new Set<Item>();
      for (const query of queries) {
        const wanted = query.verbs;
        const verbItems = rule.verbs.filter((item) => item.value === '*' || (wanted === 'any' ? item.value !== '' : wanted.includes(item.value)));
        if (verbItems.length === 0) continue;
        for (const target of query.targets) {
          if (!rule.apiGroups.some((item) => item.value === '*' || target.groups.includes(item.value))) continue;
          const resourceItems = rule.resources.filter((item) => item.value !== '*' && resourceMatches(item.value, target.resource));
          if (resourceItems.length === 0) continue;
          verbItems.forEach((item) => verbs.add(item));
          resourceItems.forEach((item) => resources.add(item));
        }
      }
      const at = [...verbs].find((item) => item.value !== '*') ?? [...resources][0];
      if (!at) continue;
      grants.push({ role, rule, verbs: unique(verbs), resources: unique(resources), span: at.span });
    }
  }
  return grants;
}

function unique(items: Set<Item>): string[] {
  return [...new Set([...items].sort((a, b) => a.span.start - b.span.start).map((item) => item.value))];
}

/** Reports every grant of the queried accesses at its verb (or resource), with the §4R severity adjustments. */
export function reportGrants(context: RuleContext<KubernetesModel>, severity: Severity, queries: readonly GrantQuery[], message: (grant: Grant) => string): void {
  for (const grant of findGrants(context.model, queries)) {
    context.report({ span: grant.span, message: message(grant), severity: adjustSeverity(severity, grant.role, grant.rule), data: grant.role.data });
  }
}

/** `get, list` / `secrets` as written, for messages. */
export function list(values: readonly string[]): string {
  return values.map((value) => (value === '*' ? '"*"' : value)).join(', ');
}
