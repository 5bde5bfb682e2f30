import rule from '../../../../rules/kubernetes/workloads/proc-mount-unmasked';
import { testRule } from '../../../helpers/rule-tester';
import { itReportsSeverities } from './severity';
import { yaml } from './yaml';

testRule(rule, {
  valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: a, image: "a:1", securityContext: {procMount: Default}}]\n' }],
  invalid: [
    {
      name: 'an ephemeral container counts too',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: web:2.1
          ephemeralContainers:
            - name: debugger
              image: busybox:1.36
              securityContext:
                procMount: Unmasked
      `,
      errors: [{ line: 13, column: 20, message: 'The ephemeral container "debugger" sets `procMount: Unmasked`, exposing the kernel interfaces under /proc that the runtime normally masks.' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: web:2.1
          ephemeralContainers:
            - name: debugger
              image: busybox:1.36
              securityContext:
                procMount: Default
      `,
    },
  ],
});

itReportsSeverities(rule, 'user namespaces relax it to a warning', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  hostUsers: false\n  containers: [{name: a, image: "a:1", securityContext: {procMount: Unmasked}}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  containers: [{name: b, image: "b:1", securityContext: {procMount: Unmasked}}]\n', [[6, 'warning'], [12, 'error']]);
