import rule from '../../../../rules/kubernetes/control-plane/kubelet-serving-certificate';
import { testRule } from '../../../helpers/rule-tester';
import { kubeletConfig } from './manifests';

testRule(rule, {
  valid: [
    { code: kubeletConfig('serverTLSBootstrap: true\n') },
    { name: 'explicit serving certificate files', code: kubeletConfig('tlsCertFile: /var/lib/kubelet/pki/kubelet.crt\ntlsPrivateKeyFile: /var/lib/kubelet/pki/kubelet.key\n') },
  ],
  invalid: [
    {
      code: kubeletConfig('rotateCertificates: true\n'),
      errors: [{ line: 2, column: 7, message: 'Neither `serverTLSBootstrap: true` nor `tlsCertFile`/`tlsPrivateKeyFile` is set in this KubeletConfiguration, so the kubelet serves a self-signed certificate nobody can verify.' }],
    },
    { name: 'explicitly off', code: kubeletConfig('serverTLSBootstrap: false\n'), errors: [{ line: 3, column: 21 }] },
    {
      name: 'serving certificate rotation turned off by feature gate',
      code: kubeletConfig('serverTLSBootstrap: true\nfeatureGates:\n  RotateKubeletServerCertificate: false\n'),
      errors: [{ line: 5, column: 35, message: '`featureGates.RotateKubeletServerCertificate: false` stops the kubelet from renewing its serving certificate.' }],
    },
  ],
});
