import rule from '../../../../rules/kubernetes/control-plane/kubelet-client-cert-rotation';
import { testRule } from '../../../helpers/rule-tester';
import { kubeletConfig, kubeletExtraArgs, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: kubeletConfig('rotateCertificates: true\n') },
    { name: 'flags only', code: staticPod('kubelet', ['--rotate-certificates']) },
    { name: 'kubeletExtraArgs without it: the file decides', code: kubeletExtraArgs({ 'node-ip': '10.0.0.4' }) },
  ],
  invalid: [
    {
      name: 'absent in the file: the default is false; the field is added after the last one',
      code: kubeletConfig('authentication:\n  anonymous:\n    enabled: false\n'),
      errors: [{ line: 2, column: 7, message: '`rotateCertificates` is not set in this KubeletConfiguration, and its default (false) keeps the kubelet client certificate until it expires instead of renewing it.' }],
      output: kubeletConfig('authentication:\n  anonymous:\n    enabled: false\nrotateCertificates: true\n'),
    },
    {
      code: kubeletConfig('rotateCertificates: false\n'),
      errors: [{ line: 3, column: 21 }],
      output: kubeletConfig('rotateCertificates: true\n'),
    },
    {
      name: 'kubeadm kubeletExtraArgs',
      code: kubeletExtraArgs({ 'rotate-certificates': 'false' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeletExtraArgs({ 'rotate-certificates': 'true' }),
    },
  ],
});
