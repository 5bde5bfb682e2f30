import { defineRule } from '../../engine/rule';
import { cis, examplePod, kics, removeFromList, sources } from './flag-checks';

const PROTECTIVE = ['ServiceAccount', 'NamespaceLifecycle', 'PodSecurity'];

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-admission-disabled',
    kind: 'kubernetes',
    title: 'API server disables a protective admission plugin',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'fix',
    description:
      'ServiceAccount, NamespaceLifecycle and PodSecurity are on by default. Turning them off with `--disable-admission-plugins` lets pods use service accounts that do not exist, objects be created in terminating namespaces, and pods ignore the Pod Security Standards labels of their namespace.',
    remediation: 'Remove `ServiceAccount`, `NamespaceLifecycle` and `PodSecurity` from `--disable-admission-plugins`.',
    references: [
      ...cis('1.2.12'),
      ...cis('1.2.13'),
      ...cis('5.2.1'),
      { source: 'checkov', id: 'CKV_K8S_82' },
      { source: 'checkov', id: 'CKV_K8S_83' },
      kics('Service Account Admission Control Plugin Disabled'),
      kics('Namespace Lifecycle Admission Control Plugin Disabled'),
      { source: 'trivy', id: 'KCV0014' },
      { source: 'trivy', id: 'KCV0015' },
    ],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--disable-admission-plugins=PodSecurity'])],
      valid: [examplePod('kube-apiserver', ['--disable-admission-plugins=DefaultStorageClass'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      removeFromList(context, source, 'disable-admission-plugins', PROTECTIVE, (found) => `\`--disable-admission-plugins\` turns off ${found.join(', ')}, which the API server enables by default to confine pods and namespaces.`, true);
    }
  },
});
