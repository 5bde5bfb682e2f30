import rule from '../../../rules/compose/sensitive-host-mount';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  app:\n    image: x:1\n    volumes:\n      - ./etc:/etc/app\n      - data:/data\n      - /etc/localtime:/etc/localtime:ro\n      - /srv/app:/srv\n      - /dev/null:/app/.env\nvolumes:\n  data: {}\n' },
    { name: 'the docker socket is compose/docker-socket’s concern', code: 'services:\n  app:\n    image: x:1\n    volumes: [/var/run/docker.sock:/var/run/docker.sock]\n' },
  ],
  invalid: [
    {
      name: 'short and long syntax, read-write and read-only',
      code: 'services:\n  app:\n    image: x:1\n    volumes:\n      - /:/host # everything\n      - /etc/ssl/private:/certs:ro\n      - type: bind\n        source: /proc\n        target: /host/proc\n        read_only: true\n',
      errors: [
        { line: 5, column: 9, message: 'Service "app" mounts the host path / read-write, exposing the whole host file system to the container.' },
        { line: 6, column: 9, message: /host path \/etc\/ssl\/private read-only, exposing host \/etc/ },
        { line: 7, column: 9, message: /\/proc read-only/ },
      ],
    },
    {
      name: 'a named volume that binds a host path is a bind in disguise',
      code: 'services:\n  app: { image: x:1, volumes: ["hostetc:/mnt"] }\nvolumes:\n  hostetc:\n    driver: local\n    driver_opts: { type: none, o: bind, device: /etc }\n',
      errors: [{ line: 2, column: 32, message: /\/etc through the named volume "hostetc" read-write/ }],
    },
  ],
});
