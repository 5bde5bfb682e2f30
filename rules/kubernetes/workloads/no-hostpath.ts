import { isMap } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { podField, stringOf } from '../../models/kubernetes';
import { asMap, asSeqItems, findPair, getNode, keySpan } from '../../models/yaml';

export default defineRule({
  meta: {
    id: 'kubernetes/no-hostpath',
    kind: 'kubernetes',
    title: 'Avoid hostPath volumes',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'none',
    description:
      "A `hostPath` volume mounts a directory of the node into the pod: the pod can read node files, plant files other pods or the kubelet pick up, and stays tied to that node. Pod Security Standards baseline forbids it. A PersistentVolume backed by `hostPath` is reported as info (single-node test clusters use it).",
    remediation: 'Use an `emptyDir`, a PersistentVolumeClaim, or a ConfigMap, Secret or projected volume instead of `hostPath`.',
    references: [
      { source: 'pss', id: 'hostPathVolumes', note: 'baseline' },
      { source: 'cis-kubernetes', id: '5.2.11', version: '1.12' },
      { source: 'kics', id: 'Non Kube System Pod With Host Mount', note: 'Non Kube System Pod With Host Mount' },
      { source: 'trivy', id: 'KSV023' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n  volumes:\n    - name: data\n      hostPath:\n        path: /srv/data\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n  volumes:\n    - name: data\n      emptyDir: {}\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      if (pod.isControlPlane) continue;
      for (const volume of asSeqItems(podField(pod, 'volumes')?.node)) {
        const pair = isMap(volume) ? findPair(volume, 'hostPath') : undefined;
        if (!pair) continue;
        const path = stringOf(getNode(asMap(pair.value), 'path'));
        context.report({
          span: keySpan(pair),
          message: `Volume "${stringOf(getNode(volume as never, 'name')) ?? '?'}" mounts the node's ${path ? `"${path}"` : 'file system'} into the pod, which can then read or plant files on the node.`,
        });
      }
    }
    for (const manifest of context.model.manifests) {
      if (manifest.kind !== 'PersistentVolume') continue;
      const pair = findPair(asMap(getNode(manifest.node, 'spec')), 'hostPath');
      if (!pair) continue;
      context.report({
        span: keySpan(pair),
        severity: 'info',
        message: `PersistentVolume ${manifest.name ?? ''} is backed by a node directory, so any pod bound to it reads and writes that node's files.`.replace('  ', ' '),
      });
    }
  },
});
