import icc from '../../../rules/daemon/icc-enabled';
import tcpWithoutTls from '../../../rules/daemon/tcp-without-tls';
import logLevel from '../../../rules/daemon/log-level';
import { testRule } from '../../helpers/rule-tester';

testRule(icc, {
  valid: [
    { name: 'compose dind: --icc=false', kind: 'compose', code: 'services:\n  docker:\n    image: docker:dind\n    privileged: true\n    command: ["dockerd", "--icc=false"]\n' },
    { name: 'compose: a command that is not dockerd', kind: 'compose', code: 'services:\n  app:\n    image: alpine\n    command: ["sh", "-c", "--icc=true"]\n' },
    { name: 'compose: flags to an image that is not dind are not dockerd\'s', kind: 'compose', code: 'services:\n  app:\n    image: example/app\n    command: ["--icc=true"]\n' },
    { name: 'kubernetes: an ordinary container', kind: 'kubernetes', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx\n      args: ["--icc=true"]\n' },
  ],
  invalid: [
    {
      name: 'compose: a docker:dind service with command: ["dockerd", "--icc=true"] gives the icc finding',
      kind: 'compose',
      code: 'services:\n  docker:\n    image: docker:dind\n    privileged: true\n    command: ["dockerd", "--icc=true"]\n',
      errors: [{ line: 5, column: 26, endColumn: 38, message: /^"icc": true lets every container .* \(written as `"--icc=true"`\)\.$/ }],
      output: 'services:\n  docker:\n    image: docker:dind\n    privileged: true\n    command: ["dockerd", "--icc=false"]\n',
    },
    {
      name: 'compose: flags given to the dind entrypoint (block list)',
      kind: 'compose',
      code: 'services:\n  docker:\n    image: docker:27-dind\n    command:\n      - --icc\n      - --tls=false\n',
      errors: [{ line: 5, column: 9 }],
      output: 'services:\n  docker:\n    image: docker:27-dind\n    command:\n      - --icc=false\n      - --tls=false\n',
    },
    {
      name: 'compose: a plain string command',
      kind: 'compose',
      code: 'services:\n  docker:\n    image: docker:dind\n    command: dockerd --icc=true\n',
      errors: [{ line: 4, column: 22, endColumn: 32 }],
      output: 'services:\n  docker:\n    image: docker:dind\n    command: dockerd --icc=false\n',
    },
    {
      name: 'kubernetes: a dind sidecar\'s args',
      kind: 'kubernetes',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ci\nspec:\n  containers:\n    - name: dind\n      image: docker:24.0-dind\n      args:\n        - --icc=true\n',
      errors: [{ line: 10, column: 11 }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ci\nspec:\n  containers:\n    - name: dind\n      image: docker:24.0-dind\n      args:\n        - --icc=false\n',
    },
  ],
});

testRule(tcpWithoutTls, {
  valid: [],
  invalid: [
    {
      name: 'kubernetes: a dockerd command listening on plain TCP',
      kind: 'kubernetes',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: builder\nspec:\n  template:\n    spec:\n      containers:\n        - name: docker\n          image: docker:dind\n          command: ["dockerd", "--host=tcp://0.0.0.0:2375"]\n',
      errors: [{ line: 11, column: 32, severity: 'error' }],
    },
  ],
});

testRule(logLevel, {
  valid: [],
  invalid: [
    {
      name: 'compose: a flag added by the fix goes into the list (log-level from -D)',
      kind: 'compose',
      code: 'services:\n  docker:\n    image: docker:dind\n    command:\n      - dockerd\n      - -D\n      - --log-level=debug\n',
      errors: [{ line: 6, column: 9 }],
      output: 'services:\n  docker:\n    image: docker:dind\n    command:\n      - dockerd\n      - --log-level=info\n',
    },
  ],
});
