import rule from '../../../rules/compose/invalid-value';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  app:\n    image: x:1\n    user: "0"\n    cap_add: [NET_ADMIN]\n    privileged: ${PRIV:-false}\n    mem_limit: 512m\n    cpus: 0.5\n' },
    { name: 'a misspelled key is compose/unknown-key’s, not a type error', code: 'services:\n  app:\n    image: x:1\n    cap-add: ALL\n' },
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    image: x:1\n    user: 1000 # uid\n    cap_add: ALL\n    deploy:\n      resources:\n        limits: [memory]\n',
      errors: [
        { line: 4, column: 11, message: 'services.app.user must be a string, not a number (quote it); docker compose rejects the file.' },
        { line: 5, column: 14, message: 'services.app.cap_add must be a list, not a string; docker compose rejects the file.' },
        { line: 8, column: 17, message: /services\.app\.deploy\.resources\.limits must be a mapping, not a list/ },
      ],
    },
  ],
});
