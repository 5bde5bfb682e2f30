import rule from '../../../../rules/kubernetes/rbac/rbac-nodes-proxy';
import { testRule } from '../../../helpers/rule-tester';
import { inList, role, rule as policy, stream } from './manifests';

testRule(rule, {
  valid: [
    { code: role('metrics', policy([''], ['nodes', 'nodes/metrics', 'nodes/stats'], ['get', 'list']), 'ClusterRole') },
    { name: 'no verbs, or an empty verb, grant nothing', code: role('empty', policy([''], ['nodes/proxy'], ['']), 'ClusterRole') },
    { name: 'a peer’s odd rule: "*" in resources is rbac-wildcard’s finding', code: role('odd', policy([''], ['*'], ['POST']), 'ClusterRole') },
  ],
  invalid: [
    {
      name: 'any verb counts, get included',
      code: role('metrics', policy([''], ['nodes', 'nodes/proxy'], ['get', 'list']), 'ClusterRole'),
      errors: [{ line: 8, column: 13, severity: 'error', message: 'ClusterRole "metrics" grants get, list on nodes/proxy, so its subjects reach the kubelet API directly and can run commands in any pod on the node, bypassing admission and audit.' }],
    },
    {
      name: 'a List and a second document; "nodes/*" and "*/proxy"',
      code: stream(inList(role('a', policy([''], ['nodes/*'], ['get']), 'ClusterRole')), role('b', policy([''], ['*/proxy'], ['*']), 'ClusterRole')),
      errors: [{ line: 11, column: 17, message: /grants get on nodes\/\*,/ }, { line: 19, column: 17, message: /grants "\*" on \*\/proxy,/ }],
    },
  ],
});
