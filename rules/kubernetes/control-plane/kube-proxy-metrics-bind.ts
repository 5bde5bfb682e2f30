import { isScalar } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { configDocuments, lookupFlag, setField, setFlagValue } from '../../models/control-plane';
import { getNode, nodeSpan } from '../../models/yaml';
import { renderScalar } from '../../models/yaml-scalar';
import { cis, sources } from './flag-checks';

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|localhost|\[::1\]|::1)(?::\d+)?$/;

export default defineRule({
  meta: {
    id: 'kubernetes/kube-proxy-metrics-bind',
    kind: 'kubernetes',
    title: 'kube-proxy serves metrics on all interfaces',
    stride: 'information-disclosure',
    severity: 'info',
    fix: 'fix',
    description:
      'kube-proxy\'s metrics endpoint (default `127.0.0.1:10249`) has no authentication. Bound to `0.0.0.0` or a node address it tells anyone who can reach the node about its Services and endpoints. The kube-proxy ConfigMap that kubeadm writes carries the configuration as a string, which this rule cannot read; lint the configuration file itself.',
    remediation: 'Set `metricsBindAddress: 127.0.0.1:10249` (or remove it) in the KubeProxyConfiguration, or `--metrics-bind-address=127.0.0.1:10249`.',
    references: [...cis('4.3.1')],
    examples: {
      invalid: [{ code: 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmetricsBindAddress: 0.0.0.0:10249\n' }],
      valid: [{ code: 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmetricsBindAddress: 127.0.0.1:10249\n' }],
    },
  },
  check(context) {
    const message = (address: string): string => `kube-proxy serves unauthenticated metrics on ${address}, reachable beyond the node.`;
    for (const manifest of configDocuments(context.model, 'KubeProxyConfiguration', 'kubeproxy.config.k8s.io/')) {
      const node = getNode(manifest.node, 'metricsBindAddress');
      const address = isScalar(node) && node.value !== null ? String(node.value).trim() : '';
      if (address === '' || LOOPBACK.test(address)) continue;
      const edit = setField(context.text, manifest, ['metricsBindAddress'], renderScalar('127.0.0.1:10249', node));
      context.report({ span: nodeSpan(node), message: message(address), fixes: edit ? [{ title: 'Bind metrics to 127.0.0.1:10249', safe: true, edits: [edit] }] : [] });
    }
    for (const source of sources(context, 'kube-proxy')) {
      const setting = lookupFlag(source, 'metrics-bind-address');
      const address = setting?.value.trim() ?? '';
      if (!setting?.flag || address === '' || LOOPBACK.test(address)) continue;
      const edit = setFlagValue(setting.flag, '127.0.0.1:10249');
      context.report({ span: setting.flag.span, message: message(address), fixes: edit ? [{ title: 'Bind metrics to 127.0.0.1:10249', safe: true, edits: [edit] }] : [] });
    }
  },
});
