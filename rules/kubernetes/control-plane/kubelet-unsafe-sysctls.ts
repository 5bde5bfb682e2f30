import { isSeq } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { getPath } from '../../models/kubernetes';
import { configDocuments, listItems, lookupFlag } from '../../models/control-plane';
import { nodeSpan } from '../../models/yaml';
import { seqStrings } from '../../models/yaml-scalar';
import { kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/kubelet-unsafe-sysctls',
    kind: 'kubernetes',
    title: 'Kubelet allows unsafe sysctls',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'none',
    description:
      '`allowedUnsafeSysctls` (`--allowed-unsafe-sysctls`) lets pods set kernel parameters that are not namespaced or not isolated, so one pod can change the behaviour of the whole node and its neighbours.',
    remediation: 'Remove `allowedUnsafeSysctls`; if a workload truly needs one, run it on dedicated, tainted nodes.',
    references: [kics('Cluster Allows Unsafe Sysctls'), { source: 'pss', id: 'sysctls', note: 'baseline' }],
    examples: {
      invalid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nallowedUnsafeSysctls:\n- kernel.msg*\n' }],
      valid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nallowedUnsafeSysctls: []\n' }],
    },
  },
  check(context) {
    for (const manifest of configDocuments(context.model, 'KubeletConfiguration', 'kubelet.config.k8s.io/')) {
      const node = getPath(manifest.node, ['allowedUnsafeSysctls']);
      const sysctls = seqStrings(node);
      if (isSeq(node) && sysctls.length > 0) context.report({ span: nodeSpan(node), message: `\`allowedUnsafeSysctls\` lets pods set ${sysctls.join(', ')}, which can affect the whole node.` });
    }
    for (const source of sources(context, 'kubelet')) {
      const setting = lookupFlag(source, 'allowed-unsafe-sysctls');
      const sysctls = listItems(setting?.value);
      if (setting?.flag && sysctls.length > 0) context.report({ span: setting.flag.span, message: `\`--allowed-unsafe-sysctls\` lets pods set ${sysctls.join(', ')}, which can affect the whole node.` });
    }
  },
});
