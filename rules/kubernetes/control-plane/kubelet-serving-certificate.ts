import { isScalar } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { getPath } from '../../models/kubernetes';
import { configDocuments, kindSpan } from '../../models/control-plane';
import { nodeSpan } from '../../models/yaml';
import { cis, kics } from './flag-checks';

const text = (node: unknown): string => (isScalar(node) && node.value !== null ? String(node.value).trim() : '');

export default defineRule({
  meta: {
    id: 'kubernetes/kubelet-serving-certificate',
    kind: 'kubernetes',
    title: 'Kubelet serves a certificate nobody can verify',
    stride: 'spoofing',
    severity: 'info',
    fix: 'none',
    description:
      'Without `tlsCertFile`/`tlsPrivateKeyFile` and without `serverTLSBootstrap: true`, the kubelet generates a self-signed serving certificate, so the API server (and anyone else) cannot tell the real kubelet from an impostor. `featureGates.RotateKubeletServerCertificate: false` also stops renewal of CA-signed serving certificates.',
    remediation: 'Set `serverTLSBootstrap: true` and approve the kubelet serving CSRs (or provide `tlsCertFile` and `tlsPrivateKeyFile`), then set `--kubelet-certificate-authority` on the API server.',
    references: [...cis('4.2.9'), ...cis('4.2.11'), { source: 'checkov', id: 'CKV_K8S_148' }, kics('Rotate Kubelet Server Certificate Not Active'), { source: 'trivy', id: 'KCV0088' }, { source: 'trivy', id: 'KCV0089' }, { source: 'trivy', id: 'KCV0091' }],
    examples: {
      invalid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nrotateCertificates: true\n' }],
      valid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nrotateCertificates: true\nserverTLSBootstrap: true\n' }],
    },
  },
  check(context) {
    for (const manifest of configDocuments(context.model, 'KubeletConfiguration', 'kubelet.config.k8s.io/')) {
      const bootstrap = getPath(manifest.node, ['serverTLSBootstrap']);
      const files = text(getPath(manifest.node, ['tlsCertFile'])) !== '' && text(getPath(manifest.node, ['tlsPrivateKeyFile'])) !== '';
      if (!files && !/^true$/i.test(text(bootstrap))) {
        context.report({
          span: bootstrap ? nodeSpan(bootstrap) : kindSpan(manifest),
          message: 'Neither `serverTLSBootstrap: true` nor `tlsCertFile`/`tlsPrivateKeyFile` is set in this KubeletConfiguration, so the kubelet serves a self-signed certificate nobody can verify.',
        });
      }
      const gate = getPath(manifest.node, ['featureGates', 'RotateKubeletServerCertificate']);
      if (/^false$/i.test(text(gate))) {
        context.report({ span: nodeSpan(gate), message: '`featureGates.RotateKubeletServerCertificate: false` stops the kubelet from renewing its serving certificate.' });
      }
    }
  },
});
