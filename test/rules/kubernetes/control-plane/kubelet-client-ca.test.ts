import rule from '../../../../rules/kubernetes/control-plane/kubelet-client-ca';
import { testRule } from '../../../helpers/rule-tester';
import { kubeletConfig, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: kubeletConfig('authentication:\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\n') },
    { name: 'flags only', code: staticPod('kubelet', ['--client-ca-file=/etc/kubernetes/pki/ca.crt']) },
    { name: 'flags with a --config file', code: staticPod('kubelet', [], ['--config', '/var/lib/kubelet/config.yaml']) },
  ],
  invalid: [
    {
      code: kubeletConfig('authentication:\n  webhook:\n    enabled: true\n'),
      errors: [{ line: 2, column: 7, message: '`authentication.x509.clientCAFile` is not set in this KubeletConfiguration, so the kubelet cannot verify client certificates, and callers such as the API server are not authenticated by certificate.' }],
    },
    { name: 'an empty value', code: kubeletConfig('authentication:\n  x509:\n    clientCAFile: ""\n'), errors: [{ line: 5, column: 19 }] },
    { name: 'flags only, absent', code: staticPod('kubelet', ['--kubeconfig=/etc/kubernetes/kubelet.conf']), errors: [{ line: 11, column: 7 }] },
  ],
});
