import rule from '../../../rules/compose/selinux-disabled';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  app:\n    image: x:1\n    security_opt: [no-new-privileges:true]\n' },
    { code: 'services:\n  app:\n    image: x:1\n    security_opt:\n      - label=my-profile\n' },
  ],
  invalid: [
    {
      name: 'block style, key=value form, with a comment',
      code: 'services:\n  app:\n    image: x:1\n    security_opt:\n      - no-new-privileges:true\n      - label=disable # debugging\n',
      errors: [{ line: 6, column: 9, message: /^Service "app" .*\(label=disable\)/ }],
      output: 'services:\n  app:\n    image: x:1\n    security_opt:\n      - no-new-privileges:true\n',
    },
    {
      name: 'flow style, legacy key:value form',
      code: 'services:\n  app: { image: x:1, security_opt: ["label:disable", "no-new-privileges"] }\n',
      errors: [{ line: 2, column: 37 }],
      output: 'services:\n  app: { image: x:1, security_opt: ["no-new-privileges"] }\n',
    },
    {
      name: 'the only entry: the whole key goes',
      code: 'services:\n  app:\n    image: x:1\n    security_opt:\n      - label:disable\n    read_only: true\n',
      errors: [{ line: 5, column: 9 }],
      output: 'services:\n  app:\n    image: x:1\n    read_only: true\n',
    },
    {
      name: 'inherited from an anchor: reported on the service, fixed where it is written',
      code: 'x-sec: &sec\n  - label=disable\n  - no-new-privileges\nservices:\n  app:\n    image: x:1\n    security_opt: *sec\n',
      errors: [{ line: 7, column: 19, message: /inherited from anchor "sec"/ }],
      output: null,
    },
    {
      name: 'anchored service: fixed in the anchor, the aliasing service is reported on its name',
      code: 'services:\n  app: &app\n    image: x:1\n    security_opt: [no-new-privileges, label=disable]\n  copy: *app\n',
      errors: [{ line: 4, column: 39 }, { line: 5, column: 3, message: /inherited from anchor "app"/ }],
      output: 'services:\n  app: &app\n    image: x:1\n    security_opt: [no-new-privileges]\n  copy: *app\n',
    },
  ],
});
