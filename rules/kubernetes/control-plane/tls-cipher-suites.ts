import { isSeq } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { configDocuments, kindSpan, listItems, lookupFlag, setField, setFlag, where, type FlagSource } from '../../models/control-plane';
import { getNode, nodeSpan } from '../../models/yaml';
import { seqStrings } from '../../models/yaml-scalar';
import { cis, examplePod, kics, sources, type Context } from './flag-checks';

const APISERVER_SUITES = [
  'TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
];
const KUBELET_SUITES = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
];
const OLD_TLS = new Set(['VersionTLS10', 'VersionTLS11']);

export default defineRule({
  meta: {
    id: 'kubernetes/tls-cipher-suites',
    kind: 'kubernetes',
    title: 'Weak or unrestricted TLS cipher suites',
    stride: 'information-disclosure',
    severity: 'info',
    fix: 'fix',
    description:
      'Without an explicit `--tls-cipher-suites` (kube-apiserver) or `tlsCipherSuites` (kubelet), Go\'s default list applies, which still allows CBC-mode and non-forward-secret suites; a minimum version of TLS 1.0 or 1.1 allows downgrade attacks. Recorded traffic can then be broken more easily.',
    remediation:
      'Set the CIS list of AEAD, forward-secret suites for the component (the fix writes it) and leave `--tls-min-version`/`tlsMinVersion` at TLS 1.2 or higher.',
    references: [...cis('1.2.29'), ...cis('4.2.12'), { source: 'checkov', id: 'CKV_K8S_105' }, { source: 'checkov', id: 'CKV_K8S_151' }, kics('Weak TLS Cipher Suites'), { source: 'trivy', id: 'KCV0092' }],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--tls-cipher-suites=TLS_RSA_WITH_AES_128_CBC_SHA'])],
      valid: [examplePod('kube-apiserver', [`--tls-cipher-suites=${APISERVER_SUITES.join(',')}`])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) checkFlags(context, source, APISERVER_SUITES, true);
    for (const source of sources(context, 'kubelet')) checkFlags(context, source, KUBELET_SUITES, (source.origin === 'pod' || source.origin === 'command-line') && !source.hasConfigFile);
    for (const manifest of configDocuments(context.model, 'KubeletConfiguration', 'kubelet.config.k8s.io/')) {
      const node = getNode(manifest.node, 'tlsCipherSuites');
      const weak = seqStrings(node).filter((suite) => !KUBELET_SUITES.includes(suite));
      if (node === undefined || weak.length > 0) {
        const edit = setField(context.text, manifest, ['tlsCipherSuites'], `[${KUBELET_SUITES.join(', ')}]`);
        context.report({
          span: node ? nodeSpan(node) : kindSpan(manifest),
          message: node ? `\`tlsCipherSuites\` allows ${weak.join(', ')}, outside the CIS list of strong suites.` : '`tlsCipherSuites` is not set in this KubeletConfiguration, so Go\'s default list, with weaker suites, applies.',
          fixes: edit && (node === undefined || isSeq(node)) ? [{ title: 'Set `tlsCipherSuites` to the CIS list', safe: true, edits: [edit] }] : [],
        });
      }
      const minimum = getNode(manifest.node, 'tlsMinVersion');
      const version = String((minimum as { value?: unknown } | undefined)?.value ?? '');
      if (OLD_TLS.has(version)) context.report({ span: nodeSpan(minimum), message: `\`tlsMinVersion: ${version}\` allows TLS versions with known downgrade weaknesses.` });
    }
  },
});

function checkFlags(context: Context, source: FlagSource, strong: readonly string[], absentMatters: boolean): void {
  const setting = lookupFlag(source, 'tls-cipher-suites');
  const weak = listItems(setting?.value).filter((suite) => !strong.includes(suite));
  if ((setting && weak.length > 0) || (!setting && absentMatters && !source.hasConfigFile)) {
    const edit = setFlag(source, 'tls-cipher-suites', strong.join(','));
    context.report({
      span: setting?.flag?.span ?? source.anchor,
      message: setting ? `\`--tls-cipher-suites\` allows ${weak.join(', ')}, outside the CIS list of strong suites.` : `\`--tls-cipher-suites\` is not set ${where(source)}, so Go's default list, with weaker suites, applies.`,
      fixes: edit ? [{ title: 'Set `--tls-cipher-suites` to the CIS list', safe: true, edits: [edit] }] : [],
    });
  }
  const minimum = lookupFlag(source, 'tls-min-version');
  if (minimum?.flag && OLD_TLS.has(minimum.value)) context.report({ span: minimum.flag.span, message: `\`--tls-min-version=${minimum.value}\` allows TLS versions with known downgrade weaknesses.` });
}
