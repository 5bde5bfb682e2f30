import rule from '../../../../rules/kubernetes/rbac/rbac-webhook-config';
import { testRule } from '../../../helpers/rule-tester';
import { inList, role, rule as policy, stream } from './manifests';

const ADMISSION = 'admissionregistration.k8s.io';

testRule(rule, {
  valid: [
    { code: role('viewer', policy([ADMISSION], ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'], ['get', 'list', 'watch']), 'ClusterRole') },
    { name: 'policies of another group', code: role('policy', policy([ADMISSION], ['validatingadmissionpolicies'], ['create']), 'ClusterRole') },
  ],
  invalid: [
    {
      code: role('injector', policy([ADMISSION], ['mutatingwebhookconfigurations'], ['get', 'patch']), 'ClusterRole'),
      errors: [{ line: 8, column: 20, severity: 'warning', message: 'ClusterRole "injector" grants patch on mutatingwebhookconfigurations, so its subjects can rewrite or let through every object the API server admits.' }],
    },
    {
      name: 'a List and a second document; deleting a validating webhook switches its checks off',
      code: stream(inList(role('a', policy([ADMISSION], ['validatingwebhookconfigurations'], ['delete']), 'ClusterRole')), role('b', policy(['*'], ['mutatingwebhookconfigurations'], ['*']), 'ClusterRole')),
      errors: [{ line: 11, column: 17, message: /grants delete on validatingwebhookconfigurations,/ }, { line: 19, column: 17 }],
    },
  ],
});
