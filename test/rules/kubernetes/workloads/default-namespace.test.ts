import rule from '../../../../rules/kubernetes/workloads/default-namespace';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [
    { code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n' },
    { name: 'cluster-scoped objects and Kustomize files have no namespace', code: yaml`
      apiVersion: v1
      kind: Namespace
      metadata:
        name: shop
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: reader
      ---
      apiVersion: kustomize.config.k8s.io/v1beta1
      kind: Kustomization
      resources: [deployment.yaml]
    ` },
  ],
  invalid: [
    {
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
      `,
      errors: [
        { line: 5, column: 14, message: 'Deployment web is placed in the default namespace, where policies cannot be scoped to the application.' },
        { line: 10, column: 9, message: 'Service web names no namespace, so it lands in the default one unless kubectl -n, Helm or Kustomize sets it.' },
      ],
    },
  ],
});
