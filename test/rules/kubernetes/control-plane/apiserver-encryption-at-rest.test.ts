import rule from '../../../../rules/kubernetes/control-plane/apiserver-encryption-at-rest';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--encryption-provider-config=/etc/kubernetes/enc/encryption.yaml']) },
    { name: 'two-item form in args', code: staticPod('kube-apiserver', [], ['--encryption-provider-config', '/etc/kubernetes/enc.yaml']) },
    { name: 'kubeadm list form', code: kubeadmList('apiServer', { 'encryption-provider-config': '/etc/kubernetes/enc.yaml' }) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--etcd-servers=https://127.0.0.1:2379']),
      errors: [{ line: 11, column: 7, message: '`--encryption-provider-config` is not set in this kube-apiserver manifest, so Secrets are stored in etcd unencrypted.' }],
    },
    { name: 'kubeadm map form', code: kubeadmMap('apiServer', { profiling: 'false' }), errors: [{ line: 4, column: 3 }] },
  ],
});
