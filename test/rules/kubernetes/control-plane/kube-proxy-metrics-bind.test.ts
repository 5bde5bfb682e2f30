import rule from '../../../../rules/kubernetes/control-plane/kube-proxy-metrics-bind';
import { testRule } from '../../../helpers/rule-tester';
import { staticPod } from './manifests';

const proxy = (body: string): string => `apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\n${body}`;

testRule(rule, {
  valid: [
    { name: 'absent: 127.0.0.1:10249', code: proxy('mode: ipvs\n') },
    { code: proxy('metricsBindAddress: 127.0.0.1:10249\n') },
    { name: 'flag on loopback', code: staticPod('kube-proxy', ['--metrics-bind-address=127.0.0.1:10249']) },
  ],
  invalid: [
    {
      code: proxy('metricsBindAddress: "0.0.0.0:10249"\n'),
      errors: [{ line: 3, column: 21, message: 'kube-proxy serves unauthenticated metrics on 0.0.0.0:10249, reachable beyond the node.' }],
      output: proxy('metricsBindAddress: "127.0.0.1:10249"\n'),
    },
    {
      name: 'flag in args of a DaemonSet found by image',
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: kube-proxy}\nspec:\n  template:\n    spec:\n      containers:\n      - name: kube-proxy\n        image: registry.k8s.io/kube-proxy:v1.31.0\n        args: ["--metrics-bind-address=0.0.0.0:10249"]\n',
      errors: [{ line: 10, column: 16 }],
      output: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: kube-proxy}\nspec:\n  template:\n    spec:\n      containers:\n      - name: kube-proxy\n        image: registry.k8s.io/kube-proxy:v1.31.0\n        args: ["--metrics-bind-address=127.0.0.1:10249"]\n',
    },
  ],
});
