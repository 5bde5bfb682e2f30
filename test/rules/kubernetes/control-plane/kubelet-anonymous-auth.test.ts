import rule from '../../../../rules/kubernetes/control-plane/kubelet-anonymous-auth';
import { testRule } from '../../../helpers/rule-tester';
import { kubeletConfig, kubeletExtraArgs, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { name: 'absent in a KubeletConfiguration file: the file default is false', code: kubeletConfig('readOnlyPort: 0\n') },
    { code: kubeletConfig('authentication:\n  anonymous:\n    enabled: false\n  webhook:\n    enabled: true\n') },
    { name: 'kubelet flags with a --config file', code: staticPod('kubelet', ['--config=/var/lib/kubelet/config.yaml']) },
    { name: 'flags only, secure', code: staticPod('kubelet', [], ['--anonymous-auth=false']) },
    { name: 'kubeadm kubeletExtraArgs without it: the file decides', code: kubeletExtraArgs({ 'node-ip': '10.0.0.4' }) },
  ],
  invalid: [
    {
      code: kubeletConfig('authentication:\n  anonymous:\n    enabled: true  # for probes\n'),
      errors: [{ line: 5, column: 14, message: '`authentication.anonymous.enabled: true` lets unauthenticated requests reach the kubelet API.' }],
      output: kubeletConfig('authentication:\n  anonymous:\n    enabled: false  # for probes\n'),
    },
    {
      name: 'webhook token authentication turned off',
      code: kubeletConfig('authentication:\n  webhook:\n    enabled: false\n'),
      errors: [{ line: 5, column: 14, message: '`authentication.webhook.enabled: false` stops the kubelet from checking bearer tokens with the API server.' }],
      output: kubeletConfig('authentication:\n  webhook:\n    enabled: true\n'),
    },
    {
      name: 'JSON KubeletConfiguration',
      code: '{\n  "kind": "KubeletConfiguration",\n  "apiVersion": "kubelet.config.k8s.io/v1beta1",\n  "authentication": {"anonymous": {"enabled": true}}\n}\n',
      errors: [{ line: 4, column: 47 }],
      output: '{\n  "kind": "KubeletConfiguration",\n  "apiVersion": "kubelet.config.k8s.io/v1beta1",\n  "authentication": {"anonymous": {"enabled": false}}\n}\n',
    },
    {
      name: 'a kubelet run with flags only: the flag default is true',
      code: staticPod('kubelet', ['--kubeconfig=/etc/kubernetes/kubelet.conf']),
      errors: [{ line: 11, column: 7, message: '`--anonymous-auth` is not set for this kubelet (no `--config` file), and its default (true) lets unauthenticated requests reach the kubelet API.' }],
      output: staticPod('kubelet', ['--kubeconfig=/etc/kubernetes/kubelet.conf', '--anonymous-auth=false']),
    },
    {
      name: 'kubeadm kubeletExtraArgs override the file',
      code: kubeletExtraArgs({ 'anonymous-auth': 'true' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeletExtraArgs({ 'anonymous-auth': 'false' }),
    },
  ],
});
