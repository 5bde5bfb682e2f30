import rule from '../../../../rules/kubernetes/workloads/no-hostpath';
import { testRule } from '../../../helpers/rule-tester';
import { itReportsSeverities } from './severity';
import { yaml } from './yaml';

testRule(rule, {
  valid: [
    { code: yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: web
            image: web:2.1
        volumes:
          - name: cache
            emptyDir: {}
          - name: config
            configMap:
              name: web
    ` },
    {
      name: 'control-plane static pods mount their certificates from the node',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: etcd
          labels: {component: etcd, tier: control-plane}
        spec:
          containers:
            - name: etcd
              image: registry.k8s.io/etcd:3.5.15-0
          volumes:
            - name: etcd-certs
              hostPath: {path: /etc/kubernetes/pki/etcd, type: DirectoryOrCreate}
      `,
    },
  ],
  invalid: [
    {
      name: 'a StatefulSet volume and a hostPath PersistentVolume (info) in one stream',
      code: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: db
        spec:
          template:
            spec:
              containers:
                - name: db
                  image: postgres:16.4
              volumes:
                - name: data
                  hostPath:
                    path: /srv/db
        ---
        apiVersion: v1
        kind: PersistentVolume
        metadata:
          name: local
        spec:
          capacity: {storage: 1Gi}
          hostPath:
            path: /mnt/data
      `,
      errors: [
        { line: 13, column: 11, endColumn: 19, message: 'Volume "data" mounts the node\'s "/srv/db" into the pod, which can then read or plant files on the node.' },
        { line: 22, column: 3, message: "PersistentVolume local is backed by a node directory, so any pod bound to it reads and writes that node's files." },
      ],
    },
  ],
});

itReportsSeverities(rule, 'a pod volume is a warning, a PersistentVolume info', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: a, image: "a:1"}]\n  volumes: [{name: d, hostPath: {path: /srv}}]\n---\napiVersion: v1\nkind: PersistentVolume\nmetadata: {name: p}\nspec:\n  hostPath: {path: /mnt}\n', [[6, 'warning'], [12, 'info']]);
