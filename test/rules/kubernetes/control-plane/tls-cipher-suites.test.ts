import rule from '../../../../rules/kubernetes/control-plane/tls-cipher-suites';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmMap, staticPod } from './manifests';

const STRONG = 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256';
const KUBELET_LIST = 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384';
const kubelet = (body: string): string => `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n${body}`;

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', [`--tls-cipher-suites=${STRONG}`]) },
    { name: 'two-item form in args', code: staticPod('kube-apiserver', [], ['--tls-cipher-suites', STRONG]) },
    { name: 'kubelet file with the CIS list', code: kubelet(`tlsCipherSuites: [${KUBELET_LIST}]\n`) },
    { name: 'kubelet flags with a --config file', code: staticPod('kubelet', ['--config=/var/lib/kubelet/config.yaml']) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--tls-cipher-suites=TLS_RSA_WITH_AES_128_CBC_SHA,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256']),
      errors: [{ line: 12, column: 7, message: '`--tls-cipher-suites` allows TLS_RSA_WITH_AES_128_CBC_SHA, outside the CIS list of strong suites.' }],
      output: staticPod('kube-apiserver', ['--tls-cipher-suites=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256']),
    },
    {
      name: 'absent on the API server; an old minimum version',
      code: staticPod('kube-apiserver', [], ['--tls-min-version=VersionTLS10']),
      errors: [{ line: 11, column: 7, message: /^`--tls-cipher-suites` is not set in this kube-apiserver manifest/ }, { line: 13, column: 7, message: '`--tls-min-version=VersionTLS10` allows TLS versions with known downgrade weaknesses.' }],
      output: staticPod('kube-apiserver', [], ['--tls-min-version=VersionTLS10', '--tls-cipher-suites=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256']),
    },
    {
      name: 'KubeletConfiguration without the field: the CIS list is added',
      code: kubelet('readOnlyPort: 0  # closed\n'),
      errors: [{ line: 2, column: 7, message: "`tlsCipherSuites` is not set in this KubeletConfiguration, so Go's default list, with weaker suites, applies." }],
      output: kubelet(`readOnlyPort: 0  # closed\ntlsCipherSuites: [${KUBELET_LIST}]\n`),
    },
    {
      name: 'kubeadm map form',
      code: kubeadmMap('apiServer', { 'tls-cipher-suites': 'TLS_RSA_WITH_RC4_128_SHA' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmMap('apiServer', { 'tls-cipher-suites': 'TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256' }),
    },
  ],
});
