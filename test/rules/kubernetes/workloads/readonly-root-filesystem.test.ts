import rule from '../../../../rules/kubernetes/workloads/readonly-root-filesystem';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [
    { name: 'ephemeral containers are not judged (debugging needs a writable fs)', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: web
            image: web:2.1
            securityContext: {readOnlyRootFilesystem: true}
        ephemeralContainers:
          - name: debug
            image: busybox:1.36
    ` },
  ],
  invalid: [
    {
      name: 'false is flipped; a missing field is added keeping the comment and CRLF line ends',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: web\r\nspec:\r\n  initContainers:\r\n    - name: init\r\n      image: init:1.0\r\n      securityContext:\r\n        readOnlyRootFilesystem: false # writes /tmp\r\n  containers:\r\n    - name: web\r\n      image: web:2.1\r\n',
      errors: [
        { line: 10, column: 33, message: 'The init container "init" has a writable root filesystem, so an attacker can change its binaries and configuration.' },
        { line: 12, column: 13 },
      ],
      output: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: web\r\nspec:\r\n  initContainers:\r\n    - name: init\r\n      image: init:1.0\r\n      securityContext:\r\n        readOnlyRootFilesystem: true # writes /tmp\r\n  containers:\r\n    - name: web\r\n      image: web:2.1\r\n      securityContext:\r\n        readOnlyRootFilesystem: true\r\n',
    },
  ],
});
