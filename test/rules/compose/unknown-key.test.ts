import rule from '../../../rules/compose/unknown-key';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'x-defaults: &d\n  anything: goes\nservices:\n  app:\n    <<: *d\n    image: x:1\n    x-team: payments\n    deploy:\n      resources:\n        limits: { memory: 1G, pids: 10 }\n    user: !reset null\nvolumes:\n  data:\n' },
  ],
  invalid: [
    {
      name: 'one error per misspelled key, on the key, with a suggestion',
      code: 'services:\n  app:\n    image: x:1\n    cap-drop: [ALL]\n    readonly: true\n    mem-limit: 1g\n    deploy:\n      resources:\n        limit: { memory: 1G }\n',
      errors: [
        { line: 4, column: 5, endColumn: 13, message: 'Unknown key "cap-drop" in services.app (did you mean "cap_drop"?); compose rejects the file, or the setting silently does nothing.' },
        { line: 5, column: 5, message: /"readonly" .*did you mean "read_only"/ },
        { line: 6, column: 5, message: /did you mean "mem_limit"/ },
        { line: 9, column: 9, message: /in services\.app\.deploy\.resources \(did you mean "limits"\?\)/ },
      ],
    },
    {
      name: 'top level and long port syntax; an aliased service reports once',
      code: 'service:\n  x: 1\nservices:\n  app: &app\n    image: x:1\n    ports:\n      - { target: 80, host-ip: 127.0.0.1 }\n  copy: *app\n',
      errors: [{ line: 1, column: 1, message: /at the top level \(did you mean "services"\?\)/ }, { line: 7, column: 23, message: /did you mean "host_ip"/ }],
    },
  ],
});
