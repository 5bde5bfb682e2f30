import { isMap } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { describeContainer, regularContainers, stringOf } from '../../models/kubernetes';
import { asMap, findPair, getNode, nodeSpan } from '../../models/yaml';
import { removePair } from '../../models/yaml-edit';

const HANDLERS: ReadonlyArray<readonly string[]> = [['livenessProbe'], ['readinessProbe'], ['startupProbe'], ['lifecycle', 'postStart'], ['lifecycle', 'preStop']];

export default defineRule({
  meta: {
    id: 'kubernetes/probe-host',
    kind: 'kubernetes',
    title: 'Do not point probes or lifecycle hooks at another host',
    stride: 'information-disclosure',
    severity: 'warning',
    fix: 'fix',
    description:
      'A probe or lifecycle hook with `httpGet.host` or `tcpSocket.host` makes the kubelet connect, from the node, to any address the manifest names: a way to reach node-local or internal endpoints the pod itself could not. Pod Security Standards baseline forbids it (policy 1.34 and later).',
    remediation: 'Remove `host`; the kubelet then probes the pod\'s own IP. Set a `Host` header in `httpHeaders` if the application needs a virtual host.',
    references: [{ source: 'pss', id: 'hostProbesAndHostLifecycle', note: 'baseline' }],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n      livenessProbe:\n        httpGet:\n          host: 169.254.169.254\n          path: /\n          port: 80\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n      livenessProbe:\n        httpGet:\n          path: /healthz\n          port: 8080\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      for (const container of regularContainers(pod)) {
        for (const path of HANDLERS) {
          let handler = asMap(getNode(container.node, path[0]));
          if (path[1]) handler = asMap(getNode(handler, path[1]));
          for (const action of ['httpGet', 'tcpSocket']) {
            const target = asMap(getNode(handler, action));
            const pair = findPair(target, 'host');
            const host = stringOf(pair?.value);
            if (!target || !pair || !host || !isMap(target)) continue;
            const edit = removePair(context.text, target, pair);
            context.report({
              span: nodeSpan(pair.value as never),
              message: `The ${path.join('.')} of the ${describeContainer(container)} makes the kubelet connect to ${host} from the node instead of to the pod.`,
              fixes: edit ? [{ title: 'Remove `host` (probe the pod itself)', safe: true, edits: [edit] }] : [],
            });
          }
        }
      }
    }
  },
});
