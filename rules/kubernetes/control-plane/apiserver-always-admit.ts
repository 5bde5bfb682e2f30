import { defineRule } from '../../engine/rule';
import { cis, examplePod, kics, removeFromList, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-always-admit',
    kind: 'kubernetes',
    title: 'API server enables the AlwaysAdmit admission plugin',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'fix',
    description:
      'AlwaysAdmit admits every request regardless of what the other admission plugins decide, so Pod Security, NodeRestriction and policy webhooks stop protecting the cluster. The plugin is deprecated for that reason.',
    remediation: 'Remove `AlwaysAdmit` from `--enable-admission-plugins` (or the deprecated `--admission-control`).',
    references: [...cis('1.2.10'), { source: 'checkov', id: 'CKV_K8S_79' }, kics('Always Admit Admission Control Plugin Set'), { source: 'trivy', id: 'KCV0011' }],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,AlwaysAdmit'])],
      valid: [examplePod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      for (const flag of ['enable-admission-plugins', 'admission-control']) {
        removeFromList(context, source, flag, ['AlwaysAdmit'], () => `\`--${flag}\` enables AlwaysAdmit, which admits every request whatever the other admission plugins decide.`, true);
      }
    }
  },
});
