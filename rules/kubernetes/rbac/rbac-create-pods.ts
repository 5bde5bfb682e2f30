import { defineRule } from '../../engine/rule';
import { CORE, list, reportGrants } from './rbac-model';

const APPS = ['apps', 'extensions'];

export default defineRule({
  meta: {
    id: 'kubernetes/rbac-create-pods',
    kind: 'kubernetes',
    title: 'RBAC permission to create pods',
    stride: 'elevation-of-privilege',
    severity: 'info',
    fix: 'none',
    description:
      'Whoever can create pods, directly or through a controller (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, ReplicationController), can run a pod as any service account of the namespace and mount any of its Secrets and ConfigMaps: in effect they hold every permission of every service account there, and, where admission allows, privileged access to a node.',
    remediation: 'Grant `create` on workloads only to deployment pipelines and operators that need it, in their own namespace, and enforce Pod Security admission (`restricted`) there.',
    references: [
      { source: 'cis-kubernetes', id: '5.1.4', version: '1.12' },
      { source: 'kics', id: '592ad21d-ad9b-46c6-8d2d-fad09d62a942', note: 'Permissive Access to Create Pods' },
      { source: 'trivy', id: 'KSV048' },
      { source: 'kube-linter', id: 'access-to-create-pods' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: runner\nrules:\n  - apiGroups: ["batch"]\n    resources: ["jobs"]\n    verbs: ["create", "delete"]\n' }],
      valid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: runner\nrules:\n  - apiGroups: ["batch"]\n    resources: ["jobs"]\n    verbs: ["get", "list", "watch"]\n' }],
    },
  },
  check(context) {
    const targets = [
      { groups: CORE, resource: 'pods' },
      { groups: CORE, resource: 'replicationcontrollers' },
      { groups: APPS, resource: 'deployments' },
      { groups: APPS, resource: 'replicasets' },
      { groups: APPS, resource: 'daemonsets' },
      { groups: ['apps'], resource: 'statefulsets' },
      { groups: ['batch'], resource: 'jobs' },
      { groups: ['batch'], resource: 'cronjobs' },
    ];
    reportGrants(context, 'info', [{ verbs: ['create'], targets }], (grant) =>
      `${grant.role.label} grants ${list(grant.verbs)} on ${list(grant.resources)}, so its subjects can run pods as any service account of the namespace and mount its Secrets.`,
    );
  },
});
