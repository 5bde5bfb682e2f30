import { isMap } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { securityFields, type FieldRef } from '../../models/kubernetes';
import { asBoolean, getNode, nodeSpan } from '../../models/yaml';

export default defineRule({
  meta: {
    id: 'kubernetes/windows-host-process',
    kind: 'kubernetes',
    title: 'Do not run Windows HostProcess containers',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'none',
    description:
      'A Windows HostProcess container runs directly on the node, with the node\'s network and file system and as a node account: it is the Windows equivalent of a privileged container. Pod Security Standards baseline forbids it.',
    remediation: 'Remove `windowsOptions.hostProcess: true`; run node administration through a dedicated, separately admitted namespace.',
    references: [
      { source: 'pss', id: 'windowsHostProcess', note: 'baseline' },
      { source: 'cis-kubernetes', id: '5.2.10', version: '1.12' },
      { source: 'trivy', id: 'AVD-KSV-0103' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  os:\n    name: windows\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n  hostNetwork: true\n  containers:\n    - name: agent\n      image: agent:1.0\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  os:\n    name: windows\n  containers:\n    - name: agent\n      image: agent:1.0\n' }],
    },
  },
  check(context) {
    const checkField = (field: FieldRef, who: string) => {
      const hostProcess = isMap(field.node) ? getNode(field.node, 'hostProcess') : undefined;
      if (asBoolean(hostProcess) !== true) return;
      context.report({ span: nodeSpan(hostProcess), message: `${who} runs as a Windows HostProcess container, with the node's network, files and accounts.` });
    };
    for (const pod of context.model.podSpecs) {
      for (const { field, who } of securityFields(pod, 'windowsOptions')) checkField(field, who);
    }
  },
});
