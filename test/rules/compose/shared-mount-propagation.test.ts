import rule from '../../../rules/compose/shared-mount-propagation';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [{ code: 'services:\n  app:\n    image: x:1\n    volumes:\n      - /mnt:/mnt:rslave\n      - type: bind\n        source: /srv\n        target: /srv\n        bind: { propagation: rprivate }\n' }],
  invalid: [
    {
      name: 'short syntax: the option is cut out of the string, quoting kept',
      code: 'services:\n  app:\n    image: x:1\n    volumes:\n      - /mnt:/mnt:rshared # csi\n      - "/a:/a:ro,shared"\n      - \'/b:/b:shared,ro\'\n',
      errors: [{ line: 5, column: 9, message: 'Service "app" mounts /mnt with rshared propagation, so mounts made in the container reach the host.' }, { line: 6, column: 9 }, { line: 7, column: 9 }],
      output: 'services:\n  app:\n    image: x:1\n    volumes:\n      - /mnt:/mnt # csi\n      - "/a:/a:ro"\n      - \'/b:/b:ro\'\n',
    },
    {
      name: 'long syntax in block and flow style',
      code: 'services:\n  app:\n    image: x:1\n    volumes:\n      - type: bind\n        source: /srv\n        target: /srv\n        bind:\n          propagation: shared\n          create_host_path: true\n      - { type: bind, source: /a, target: /a, bind: { propagation: rshared } }\n',
      errors: [{ line: 5, column: 9 }, { line: 11, column: 9 }],
      output: 'services:\n  app:\n    image: x:1\n    volumes:\n      - type: bind\n        source: /srv\n        target: /srv\n        bind:\n          create_host_path: true\n      - { type: bind, source: /a, target: /a }\n',
    },
    {
      name: 'anchored service',
      code: 'services:\n  app: &app\n    image: x:1\n    volumes: ["/mnt:/mnt:rshared,ro"]\n',
      errors: [{ line: 4, column: 15 }],
      output: 'services:\n  app: &app\n    image: x:1\n    volumes: ["/mnt:/mnt:ro"]\n',
    },
    {
      name: 'inherited through an anchor: no fix from the service',
      code: 'x-v: &v\n  - /mnt:/mnt:shared\nservices:\n  app:\n    image: x:1\n    volumes: *v\n',
      errors: [{ line: 6, column: 14, message: /inherited from anchor "v"/ }],
      output: null,
    },
  ],
});
