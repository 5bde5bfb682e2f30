import { defineRule } from '../../engine/rule';
import { checkPluginEnabled, cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-always-pull-images',
    kind: 'kubernetes',
    title: 'API server does not force image pulls',
    stride: 'information-disclosure',
    severity: 'info',
    fix: 'fix',
    description:
      'A private image pulled once stays in the node\'s cache, and any pod on that node can then run it by name without the pull secret. In a multi-tenant cluster the AlwaysPullImages admission plugin makes every pod prove its right to the image by pulling it.',
    remediation: 'Append `AlwaysPullImages` to `--enable-admission-plugins` (every container start then needs the registry to be reachable).',
    references: [...cis('1.2.11'), { source: 'checkov', id: 'CKV_K8S_80' }, kics('Always Pull Images Admission Control Plugin Not Set'), { source: 'trivy', id: 'KCV0012' }],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction'])],
      valid: [examplePod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,AlwaysPullImages'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      checkPluginEnabled(context, source, 'AlwaysPullImages', "pods can run private images cached on their node without that image's pull secret", true);
    }
  },
});
