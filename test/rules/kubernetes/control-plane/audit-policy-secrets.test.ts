import rule from '../../../../rules/kubernetes/control-plane/audit-policy-secrets';
import { testRule } from '../../../helpers/rule-tester';

const policy = (rules: string): string => `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${rules}`;
const METADATA_FIRST = '- level: Metadata\n  resources:\n  - group: ""\n    resources: ["secrets", "configmaps", "serviceaccounts/token"]\n  - group: authentication.k8s.io\n    resources: ["tokenreviews"]\n';

testRule(rule, {
  valid: [
    { name: 'Metadata for the sensitive resources first, bodies for the rest', code: policy(`${METADATA_FIRST}- level: RequestResponse\n`) },
    { name: 'Metadata for everything', code: policy('- level: Metadata\n') },
    { name: 'bodies only for non-resource URLs', code: policy('- level: RequestResponse\n  nonResourceURLs: ["/api*"]\n- level: Metadata\n') },
    { name: 'bodies for pods only', code: policy('- level: Request\n  resources:\n  - group: ""\n    resources: ["pods"]\n- level: Metadata\n') },
    { name: 'a Policy of another API group is not an audit policy', code: 'apiVersion: example.com/v1\nkind: Policy\nrules:\n- level: RequestResponse\n' },
  ],
  invalid: [
    {
      code: policy('- level: RequestResponse\n'),
      errors: [{ line: 4, column: 10, message: 'This rule logs secrets at RequestResponse, so their contents end up in the audit log.' }],
    },
    {
      name: 'a rule for some users still copies the bodies; the first full match is later',
      code: policy('- level: Request\n  users: ["admin"]\n  resources:\n  - group: ""\n    resources: ["configmaps"]\n- level: Metadata\n'),
      errors: [{ line: 4, column: 10, message: 'This rule logs configmaps at Request, so their contents end up in the audit log.' }],
    },
    {
      name: 'the token subresource through a wildcard',
      code: policy(`- level: Request\n  resources:\n  - group: ""\n    resources: ["serviceaccounts/*"]\n- level: Metadata\n`),
      errors: [{ line: 4, column: 10, message: /serviceaccounts\/token at Request/ }],
    },
    {
      name: 'secrets dropped with None',
      code: policy('- level: None\n  resources:\n  - group: ""\n    resources: ["secrets"]\n- level: Metadata\n'),
      errors: [{ line: 2, column: 7, message: 'No rule of this audit policy records access to secrets, so reads of credentials leave no trace.' }],
    },
    { name: 'no rule matches secrets at all', code: policy('- level: Metadata\n  resources:\n  - group: apps\n'), errors: [{ line: 2, column: 7 }] },
  ],
});
