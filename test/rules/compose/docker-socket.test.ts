import rule from '../../../rules/compose/docker-socket';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  app:\n    image: x:1\n    volumes:\n      - ./docker.sock.conf:/etc/app.conf\n' },
    { code: 'services:\n  app:\n    image: x:1\n    use_api_socket: false\n' },
  ],
  invalid: [
    {
      name: 'read-only is still a finding; long syntax and the Windows pipe too',
      code: 'services:\n  app:\n    image: x:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro # monitoring\n      - type: bind\n        source: /run/containerd/containerd.sock\n        target: /c.sock\n      - type: npipe\n        source: \\\\.\\pipe\\docker_engine\n        target: \\\\.\\pipe\\docker_engine\n',
      errors: [
        { line: 5, column: 9, message: 'Service "app" mounts the container runtime socket /var/run/docker.sock (read-only does not limit the API), which gives it root on the host.' },
        { line: 6, column: 9 },
        { line: 9, column: 9 },
      ],
    },
    {
      name: 'use_api_socket and an inherited mount',
      code: 'x-sock: &sock\n  volumes: ["/var/run/docker.sock:/var/run/docker.sock"]\nservices:\n  a: { image: x:1, use_api_socket: true }\n  b:\n    <<: *sock\n    image: x:1\n',
      errors: [{ line: 4, column: 36, message: /use_api_socket/ }, { line: 5, column: 3, message: /inherited from anchor "sock"/ }],
    },
  ],
});
