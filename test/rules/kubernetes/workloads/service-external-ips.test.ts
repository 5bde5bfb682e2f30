import rule from '../../../../rules/kubernetes/workloads/service-external-ips';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

testRule(rule, {
  valid: [{ code: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  externalIPs: []\n  ports: [{port: 80}]\n' }],
  invalid: [
    {
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              ports:
                - port: 80
              externalIPs:
                - 203.0.113.10
      `,
      errors: [{ line: 11, column: 7, endColumn: 18, message: 'Service web claims external IPs, so every node routes traffic for those addresses to it and can intercept it (CVE-2020-8554).' }],
    },
  ],
});
