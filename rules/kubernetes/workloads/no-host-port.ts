import { isMap } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { describeContainer, regularContainers } from '../../models/kubernetes';
import { asSeqItems, findPair, getNode, nodeSpan, scalarValue } from '../../models/yaml';
import { removePair } from '../../models/yaml-edit';

export default defineRule({
  meta: {
    id: 'kubernetes/no-host-port',
    kind: 'kubernetes',
    title: 'Do not bind container ports on the node',
    stride: 'information-disclosure',
    severity: 'warning',
    fix: 'suggest',
    description:
      "A `hostPort` opens the port on the node's own address, outside Services and often outside NetworkPolicy, and ties the pod to nodes where the port is free. Pod Security Standards baseline forbids it.",
    remediation: 'Remove `hostPort` and expose the container through a Service (NodePort or LoadBalancer if it must be reachable from outside).',
    references: [
      { source: 'pss', id: 'hostPorts', note: 'baseline' },
      { source: 'cis-kubernetes', id: '5.2.12', version: '1.12' },
      { source: 'checkov', id: 'CKV_K8S_26' },
      { source: 'trivy', id: 'KSV024' },
      { source: 'polaris', id: 'hostPortSet' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n          hostPort: 8080\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n          hostPort: 0\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      if (pod.isControlPlane) continue;
      for (const container of regularContainers(pod)) {
        for (const port of asSeqItems(getNode(container.node, 'ports'))) {
          if (!isMap(port)) continue;
          const pair = findPair(port, 'hostPort');
          const value = scalarValue(pair?.value);
          // Only a number is a port: a template expression or an odd type is unknown, not a finding.
          if (!pair || (typeof value !== 'number' && !/^\d+$/.test(String(value))) || Number(value) === 0) continue;
          const edit = removePair(context.text, port, pair);
          context.report({
            span: nodeSpan(pair.value as never),
            message: `The ${describeContainer(container)} binds host port ${String(value)} on the node, bypassing Services and exposing it on the node's address.`,
            fixes: edit ? [{ title: 'Remove `hostPort`', safe: false, edits: [edit] }] : [],
          });
        }
      }
    }
  },
});
