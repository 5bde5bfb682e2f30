import rule from '../../../../rules/kubernetes/control-plane/apiserver-service-account-lookup';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--service-account-extend-token-expiration=false']) },
    { name: 'explicit lookup, in args', code: staticPod('kube-apiserver', [], ['--service-account-lookup=true', '--service-account-extend-token-expiration=false']) },
    { name: 'kubeadm list form', code: kubeadmList('apiServer', { 'service-account-extend-token-expiration': 'false' }) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--service-account-lookup=false', '--service-account-extend-token-expiration=false']),
      errors: [{ line: 12, column: 7, message: '`--service-account-lookup=false` keeps tokens of deleted service accounts valid.' }],
      output: staticPod('kube-apiserver', ['--service-account-lookup=true', '--service-account-extend-token-expiration=false']),
    },
    {
      name: 'extension of token expiry is on by default',
      code: staticPod('kube-apiserver', [], ['--secure-port=6443']),
      errors: [{ line: 11, column: 7, message: '`--service-account-extend-token-expiration` is not set in this kube-apiserver manifest, and its default (true) extends projected service-account tokens to a year of validity.' }],
      output: staticPod('kube-apiserver', [], ['--secure-port=6443', '--service-account-extend-token-expiration=false']),
    },
    {
      name: 'kubeadm map form',
      code: kubeadmMap('apiServer', { 'service-account-lookup': 'false', 'service-account-extend-token-expiration': 'false' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmMap('apiServer', { 'service-account-lookup': 'true', 'service-account-extend-token-expiration': 'false' }),
    },
  ],
});
