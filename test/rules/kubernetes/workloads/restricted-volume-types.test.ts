import rule from '../../../../rules/kubernetes/workloads/restricted-volume-types';
import { testRule } from '../../../helpers/rule-tester';
import { itReportsSeverities } from './severity';
import { yaml } from './yaml';

testRule(rule, {
  valid: [{ code: yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: web
    spec:
      containers:
        - name: web
          image: web:2.1
      volumes:
        - {name: a, emptyDir: {}}
        - {name: b, projected: {sources: [{serviceAccountToken: {path: token}}]}}
        - {name: c, csi: {driver: secrets-store.csi.k8s.io}}
        - {name: d, ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce]}}}}
  ` }],
  invalid: [
    {
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: web:2.1
              volumes:
                - name: share
                  nfs: {server: nfs.internal, path: /exports}
                - name: site
                  gitRepo:
                    repository: https://example.com/site.git
      `,
      errors: [
        { line: 13, column: 11, message: 'Volume "share" uses a nfs source, which the node mounts itself outside the restricted volume types.' },
        { line: 15, column: 11, message: 'Volume "site" uses the deprecated gitRepo source, which runs git as root on the node.' },
      ],
    },
  ],
});

itReportsSeverities(rule, 'gitRepo is a warning', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: a, image: "a:1"}]\n  volumes:\n    - {name: g, gitRepo: {repository: "https://x/y.git"}}\n    - {name: h, hostPath: {path: /srv}}\n', [[7, 'warning'], [8, 'info']]);
