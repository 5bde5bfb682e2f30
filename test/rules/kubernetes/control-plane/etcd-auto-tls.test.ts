import rule from '../../../../rules/kubernetes/control-plane/etcd-auto-tls';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('etcd', ['--cert-file=/pki/server.crt', '--key-file=/pki/server.key']) },
    { name: 'explicitly off, in args', code: staticPod('etcd', [], ['--auto-tls=false', '--peer-auto-tls=false']) },
  ],
  invalid: [
    {
      code: staticPod('etcd', ['--auto-tls=true']),
      errors: [{ line: 12, column: 7, message: '`--auto-tls=true` gives etcd self-signed certificates that nobody can verify.' }],
      output: staticPod('etcd', ['--auto-tls=false']),
    },
    {
      name: 'bare peer flag in args',
      code: staticPod('etcd', [], ['--peer-auto-tls']),
      errors: [{ line: 13, column: 7, message: '`--peer-auto-tls=true` gives etcd self-signed certificates that nobody can verify.' }],
      output: staticPod('etcd', [], ['--peer-auto-tls=false']),
    },
    {
      name: 'kubeadm list form',
      code: kubeadmList('etcd.local', { 'auto-tls': 'true' }),
      errors: [{ line: 6, column: 7 }],
      output: kubeadmList('etcd.local', { 'auto-tls': 'false' }),
    },
  ],
});
