import rule from '../../../../rules/kubernetes/control-plane/control-plane-profiling';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--profiling=false']) },
    { name: 'controller manager, in args', code: staticPod('kube-controller-manager', [], ['--profiling=false']) },
    { name: 'Go flag syntax with one dash', code: staticPod('kube-scheduler', ['-profiling=false']) },
    { name: 'etcd has no --profiling flag of this kind', code: staticPod('etcd', []) },
    { name: 'scheduler with a --config file: the file decides', code: staticPod('kube-scheduler', ['--config=/etc/kubernetes/scheduler.yaml']) },
    {
      name: 'kubeadm list form, every section',
      code: ['apiServer', 'controllerManager', 'scheduler'].map((section) => kubeadmList(section, { profiling: 'false' }).split('\n').slice(2).join('\n')).join('').replace(/^/, 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n'),
    },
    { name: 'KubeSchedulerConfiguration with profiling off', code: 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nenableProfiling: false\n' },
  ],
  invalid: [
    {
      code: staticPod('kube-scheduler', ['--profiling=true']),
      errors: [{ line: 12, column: 7, message: '`--profiling=true` exposes kube-scheduler profiling data at /debug/pprof.' }],
      output: staticPod('kube-scheduler', ['--profiling=false']),
    },
    {
      name: 'absent on the controller manager',
      code: staticPod('kube-controller-manager', ['--bind-address=127.0.0.1']),
      errors: [{ line: 11, column: 7, message: '`--profiling` is not set in this kube-controller-manager manifest, and its default (true) exposes kube-controller-manager profiling data at /debug/pprof.' }],
      output: staticPod('kube-controller-manager', ['--bind-address=127.0.0.1', '--profiling=false']),
    },
    {
      name: 'the last occurrence wins (args after command)',
      code: staticPod('kube-apiserver', ['--profiling=false'], ['--profiling=true']),
      errors: [{ line: 14, column: 7 }],
      output: staticPod('kube-apiserver', ['--profiling=false'], ['--profiling=false']),
    },
    {
      name: 'kubeadm map form: one finding per section',
      code: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\napiServer:\n  extraArgs:\n    profiling: "false"\ncontrollerManager:\n  extraArgs:\n    profiling: "true"\nscheduler:\n  extraArgs:\n    profiling: "false"\n',
      errors: [{ line: 8, column: 5 }],
      output: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\napiServer:\n  extraArgs:\n    profiling: "false"\ncontrollerManager:\n  extraArgs:\n    profiling: "false"\nscheduler:\n  extraArgs:\n    profiling: "false"\n',
    },
    {
      name: 'kubeadm without a scheduler section: the section is added',
      code: kubeadmMap('apiServer', { profiling: 'false' }).replace('apiServer', 'controllerManager') + 'apiServer:\n  extraArgs:\n    profiling: "false"\n',
      errors: [{ line: 2, column: 7, message: /kube-scheduler/ }],
      output: kubeadmMap('apiServer', { profiling: 'false' }).replace('apiServer', 'controllerManager') + 'apiServer:\n  extraArgs:\n    profiling: "false"\nscheduler:\n  extraArgs:\n    profiling: "false"\n',
    },
    {
      name: 'KubeSchedulerConfiguration without enableProfiling',
      code: 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nclientConnection:\n  kubeconfig: /etc/kubernetes/scheduler.conf\n',
      errors: [{ line: 2, column: 7 }],
      output: 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nclientConnection:\n  kubeconfig: /etc/kubernetes/scheduler.conf\nenableProfiling: false\n',
    },
  ],
});
