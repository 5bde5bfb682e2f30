import rule from '../../../../rules/kubernetes/workloads/sensitive-hostpath';
import { testRule } from '../../../helpers/rule-tester';
import { itReportsSeverities } from './severity';
import { yaml } from './yaml';

testRule(rule, {
  valid: [
    {
      name: 'a non-system path is only kubernetes/no-hostpath’s concern',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: ci
        spec:
          containers:
            - name: ci
              image: builder:1.0
              volumeMounts:
                - {name: cache, mountPath: /cache}
          volumes:
            - name: cache
              hostPath: {path: /srv/ci-cache}
      `,
    },
  ],
  invalid: [
    {
      name: 'the Docker socket is an error without a fix (read-only does not stop API calls)',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: prune
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: prune
                      image: docker:27
                      volumeMounts:
                        - name: sock
                          mountPath: /var/run/docker.sock
                  volumes:
                    - name: sock
                      hostPath:
                        path: /var/run/docker.sock
                        type: Socket
      `,
      errors: [{ line: 20, column: 23, message: 'Volume "sock" mounts the container runtime socket /var/run/docker.sock, which lets the pod start privileged containers and take over the node.' }],
      output: null,
    },
    {
      name: 'a writable mount of /etc: a warning at the path, an error at each writable mount with a readOnly fix',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: agent
        spec:
          initContainers:
            - name: setup
              image: agent:1.0
              volumeMounts:
                - name: host-etc
                  mountPath: /host/etc
                  readOnly: false
          containers:
            - name: agent
              image: agent:1.0
              volumeMounts:
                - name: host-etc
                  mountPath: /host/etc
                  readOnly: true
                - {name: logs, mountPath: /logs}
          volumes:
            - name: host-etc
              hostPath:
                path: /etc/
            - name: logs
              hostPath:
                path: /var/log/pods
      `,
      errors: [
        { line: 11, column: 22, message: 'The init container "setup" mounts the node\'s /etc/ writable, so it can change node system files.' },
        { line: 20, column: 35 },
        { line: 24, column: 15, message: 'Volume "host-etc" mounts the node\'s /etc/, exposing node system files to the pod.' },
        { line: 27, column: 15, message: 'Volume "logs" mounts the node\'s /var/log/pods (under /var/log), exposing node system files to the pod.' },
      ],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: agent
        spec:
          initContainers:
            - name: setup
              image: agent:1.0
              volumeMounts:
                - name: host-etc
                  mountPath: /host/etc
                  readOnly: true
          containers:
            - name: agent
              image: agent:1.0
              volumeMounts:
                - name: host-etc
                  mountPath: /host/etc
                  readOnly: true
                - {name: logs, mountPath: /logs, readOnly: true}
          volumes:
            - name: host-etc
              hostPath:
                path: /etc/
            - name: logs
              hostPath:
                path: /var/log/pods
      `,
    },
  ],
});

itReportsSeverities(rule, 'sockets and writable mounts are errors, a read-only system path a warning', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: a\n      image: "a:1"\n      volumeMounts:\n        - {name: etc, mountPath: /h, readOnly: true}\n        - {name: sys, mountPath: /s}\n  volumes:\n    - {name: etc, hostPath: {path: /etc}}\n    - {name: sys, hostPath: {path: /sys}}\n    - {name: sock, hostPath: {path: /run/containerd/containerd.sock}}\n', [[10, 'error'], [12, 'warning'], [13, 'warning'], [14, 'error']]);
