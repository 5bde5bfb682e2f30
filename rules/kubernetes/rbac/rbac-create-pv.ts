import { defineRule } from '../../engine/rule';
import { CORE, list, reportGrants } from './rbac-model';

export default defineRule({
  meta: {
    id: 'kubernetes/rbac-create-pv',
    kind: 'kubernetes',
    title: 'RBAC permission to create PersistentVolumes',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'none',
    description:
      'PersistentVolumes are cluster-scoped and can be of type `hostPath`: whoever can create one can claim it from a pod and mount any directory of a node, the kubelet\'s credentials and the container runtime\'s socket included. Pod Security admission does not see PersistentVolumes.',
    remediation: 'Leave PersistentVolume creation to storage provisioners (StorageClasses with dynamic provisioning); users create PersistentVolumeClaims.',
    references: [{ source: 'cis-kubernetes', id: '5.1.9', version: '1.12' }],
    examples: {
      invalid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: storage\nrules:\n  - apiGroups: [""]\n    resources: ["persistentvolumes"]\n    verbs: ["get", "create"]\n' }],
      valid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: storage\nrules:\n  - apiGroups: [""]\n    resources: ["persistentvolumeclaims"]\n    verbs: ["get", "create"]\n' }],
    },
  },
  check(context) {
    reportGrants(context, 'warning', [{ verbs: ['create'], targets: [{ groups: CORE, resource: 'persistentvolumes' }] }], (grant) =>
      `${grant.role.label} grants ${list(grant.verbs)} on ${list(grant.resources)}, so its subjects can create a hostPath volume and mount any directory of a node.`,
    );
  },
});
