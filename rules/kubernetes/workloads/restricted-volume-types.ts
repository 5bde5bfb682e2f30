import { isMap } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { podField, stringOf } from '../../models/kubernetes';
import { asSeqItems, getNode, keySpan } from '../../models/yaml';

const ALLOWED = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret']);

export default defineRule({
  meta: {
    id: 'kubernetes/restricted-volume-types',
    kind: 'kubernetes',
    title: 'Use only the volume types the restricted profile allows',
    stride: 'elevation-of-privilege',
    severity: 'info',
    fix: 'none',
    description:
      'Volume sources other than ConfigMap, CSI, downward API, emptyDir, ephemeral, image, PVC, projected and Secret are mounted by the node itself (NFS, iSCSI, RBD, cloud disks, hostPath) and bypass the storage policy the cluster enforces through PersistentVolumes. `gitRepo` is deprecated and runs git on the node: it is a warning. Pod Security Standards restricted allows only the listed types.',
    remediation: 'Mount the storage through a PersistentVolumeClaim or a CSI driver; clone repositories in an init container into an `emptyDir`.',
    references: [
      { source: 'pss', id: 'restrictedVolumes', note: 'restricted' },
      { source: 'trivy', id: 'KSV028' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n  volumes:\n    - name: share\n      nfs:\n        server: nfs.internal\n        path: /exports\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n  volumes:\n    - name: share\n      persistentVolumeClaim:\n        claimName: share\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      for (const volume of asSeqItems(podField(pod, 'volumes')?.node)) {
        if (!isMap(volume)) continue;
        for (const pair of volume.items) {
          const source = stringOf(pair.key);
          if (!source || source === 'name' || ALLOWED.has(source)) continue;
          context.report({
            span: keySpan(pair),
            severity: source === 'gitRepo' ? 'warning' : undefined,
            message: source === 'gitRepo'
              ? `Volume "${stringOf(getNode(volume, 'name')) ?? '?'}" uses the deprecated gitRepo source, which runs git as root on the node.`
              : `Volume "${stringOf(getNode(volume, 'name')) ?? '?'}" uses a ${source} source, which the node mounts itself outside the restricted volume types.`,
          });
        }
      }
    }
  },
});
