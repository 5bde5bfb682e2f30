import type { Node, YAMLMap } from 'yaml';
import { isMap, isScalar } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { configDocuments, kindSpan } from '../../models/control-plane';
import { asSeqItems, getNode, nodeSpan } from '../../models/yaml';
import { seqStrings } from '../../models/yaml-scalar';
import { cis, kics } from './flag-checks';

/** Resources whose request or response bodies carry credentials. */
const SENSITIVE = [
  { group: '', resource: 'secrets' },
  { group: '', resource: 'configmaps' },
  { group: 'authentication.k8s.io', resource: 'tokenreviews' },
  { group: '', resource: 'serviceaccounts/token' },
];
const BODY_LEVELS = new Set(['Request', 'RequestResponse']);
const RESTRICTIONS = ['users', 'userGroups', 'verbs', 'namespaces'];

function selectorMatches(selector: Node, group: string, resource: string): boolean {
  if (!isMap(selector)) return false;
  const groupNode = getNode(selector, 'group');
  if ((isScalar(groupNode) ? String(groupNode.value ?? '') : '') !== group) return false;
  if (seqStrings(getNode(selector, 'resourceNames')).length > 0) return false;
  const resources = seqStrings(getNode(selector, 'resources'));
  const [parent, sub] = resource.split('/');
  return resources.length === 0 || resources.some((written) => written === '*' || written === resource || (sub !== undefined && (written === `${parent}/*` || written === `*/${sub}`)));
}

/** Whether a policy rule applies to some requests for the resource, and whether to all of them. */
function ruleMatch(rule: YAMLMap, group: string, resource: string): 'none' | 'some' | 'all' {
  const selectors = getNode(rule, 'resources');
  if (selectors === undefined && getNode(rule, 'nonResourceURLs') !== undefined) return 'none';
  if (selectors !== undefined && !asSeqItems(selectors).some((selector) => selectorMatches(selector, group, resource))) return 'none';
  return RESTRICTIONS.some((key) => seqStrings(getNode(rule, key)).length > 0) ? 'some' : 'all';
}

export default defineRule({
  meta: {
    id: 'kubernetes/audit-policy-secrets',
    kind: 'kubernetes',
    title: 'Audit policy logs secret contents or skips secrets',
    stride: 'information-disclosure',
    severity: 'warning',
    fix: 'none',
    description:
      'An audit policy applies the first rule that matches a request. A rule at `Request` or `RequestResponse` that matches Secrets, ConfigMaps, TokenReviews or service-account tokens copies those credentials into the audit log, where far more people can read them; a policy whose first rule for Secrets is `None`, or that has none, leaves reads of Secrets untraced.',
    remediation:
      'Start the policy with `- level: Metadata` for `resources: [{group: "", resources: ["secrets", "configmaps", "serviceaccounts/token"]}, {group: "authentication.k8s.io", resources: ["tokenreviews"]}]`, before any rule that logs bodies.',
    references: [...cis('3.2.2'), kics('Audit Policy Not Cover Key Security Concerns')],
    examples: {
      invalid: [{ code: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: RequestResponse\n' }],
      valid: [{ code: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  resources:\n  - group: ""\n    resources: ["secrets", "configmaps", "serviceaccounts/token"]\n  - group: authentication.k8s.io\n    resources: ["tokenreviews"]\n- level: RequestResponse\n' }],
    },
  },
  check(context) {
    for (const manifest of configDocuments(context.model, 'Policy', 'audit.k8s.io/')) {
      const rules = asSeqItems(getNode(manifest.node, 'rules')).filter(isMap);
      const reported = new Set<Node>();
      for (const { group, resource } of SENSITIVE) {
        let covered = false;
        for (const rule of rules) {
          const match = ruleMatch(rule, group, resource);
          if (match === 'none') continue;
          const levelNode = getNode(rule, 'level');
          const level = isScalar(levelNode) ? String(levelNode.value) : '';
          if (BODY_LEVELS.has(level) && levelNode && !reported.has(levelNode)) {
            reported.add(levelNode);
            context.report({ span: nodeSpan(levelNode), message: `This rule logs ${resource} at ${level}, so their contents end up in the audit log.` });
          }
          if (match === 'all') {
            covered = level !== 'None';
            break;
          }
        }
        if (resource === 'secrets' && !covered) context.report({ span: kindSpan(manifest), message: 'No rule of this audit policy records access to secrets, so reads of credentials leave no trace.' });
      }
    }
  },
});
