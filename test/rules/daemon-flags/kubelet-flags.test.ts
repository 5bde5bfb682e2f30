import anonymousAuth from '../../../rules/kubernetes/control-plane/kubelet-anonymous-auth';
import readOnlyPort from '../../../rules/kubernetes/control-plane/kubelet-read-only-port';
import { testRule } from '../../helpers/rule-tester';

const DROP_IN = 'kubelet.service.d/override.conf';
const KUBEADM = '[Service]\nEnvironment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"\nEnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env\nExecStart=\nExecStart=/usr/bin/kubelet $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS\n';

testRule(readOnlyPort, {
  valid: [
    { name: 'kubeadm drop-in: a --config file and variables from elsewhere, no flag judged absent', kind: 'systemd', path: '10-kubeadm.conf', code: KUBEADM },
    { name: 'env file: KUBELET_EXTRA_ARGS without the flag says nothing about it', kind: 'env-file', path: 'etc/default/kubelet', code: 'KUBELET_EXTRA_ARGS="--node-ip=10.0.0.5"\n' },
  ],
  invalid: [
    {
      name: 'unit: --read-only-port=10255 on the flag, changed in place',
      kind: 'systemd',
      path: DROP_IN,
      code: '[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml --read-only-port=10255\n',
      errors: [{ line: 3, column: 66, endColumn: 88, message: '`--read-only-port=10255` serves pod and node data over HTTP without authentication.' }],
      output: '[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml --read-only-port=0\n',
    },
    {
      name: 'unit without --config: the flag default (10255) is judged on the kubelet word, the fix appends the flag',
      kind: 'systemd',
      path: 'kubelet.service',
      code: '[Service]\nExecStart=/usr/bin/kubelet --kubeconfig=/etc/kubernetes/kubelet.conf\n',
      errors: [{ line: 2, column: 11, endColumn: 27 }],
      output: '[Service]\nExecStart=/usr/bin/kubelet --kubeconfig=/etc/kubernetes/kubelet.conf --read-only-port=0\n',
    },
    {
      name: 'env file: KUBELET_EXTRA_ARGS (Debian /etc/default/kubelet)',
      kind: 'env-file',
      path: 'etc/default/kubelet',
      code: 'KUBELET_EXTRA_ARGS="--read-only-port=10255"\n',
      errors: [{ line: 1, column: 21 }],
      output: 'KUBELET_EXTRA_ARGS="--read-only-port=0"\n',
    },
  ],
});

testRule(anonymousAuth, {
  valid: [{ name: 'unit: --anonymous-auth=false', kind: 'systemd', path: DROP_IN, code: '[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --config=/c.yaml --anonymous-auth=false\n' }],
  invalid: [
    {
      name: 'sysconfig: KUBELET_EXTRA_ARGS=--anonymous-auth=true (unquoted: changed in place, nothing appended)',
      kind: 'env-file',
      path: 'etc/sysconfig/kubelet',
      code: 'KUBELET_EXTRA_ARGS=--anonymous-auth=true\n',
      errors: [{ line: 1, column: 20 }],
      output: 'KUBELET_EXTRA_ARGS=--anonymous-auth=false\n',
    },
  ],
});
