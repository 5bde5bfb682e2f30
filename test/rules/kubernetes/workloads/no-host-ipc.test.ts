import rule from '../../../../rules/kubernetes/workloads/no-host-ipc';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  hostIPC: "false"\n  containers: [{name: a, image: "a:1"}]\n' }],
  invalid: [
    {
      name: 'flow-style pod spec inside a List',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: {name: shm}
            spec: {hostIPC: true, containers: [{name: shm, image: "shm:1"}]}
      `,
      errors: [{ line: 7, column: 21, message: "Pod shm sets `hostIPC: true`, so its containers can read and write the node's shared memory and IPC objects." }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: {name: shm}
            spec: {containers: [{name: shm, image: "shm:1"}]}
      `,
    },
  ],
});
