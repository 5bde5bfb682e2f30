import icc from '../../../rules/daemon/icc-enabled';
import logLevel from '../../../rules/daemon/log-level';
import selinux from '../../../rules/daemon/selinux-disabled';
import { testRule } from '../../helpers/rule-tester';

testRule(logLevel, {
  valid: [
    { name: 'env file: DOCKER_OPTS with info', kind: 'env-file', path: 'etc/default/docker', code: 'DOCKER_OPTS="--log-level=info"\n' },
    { name: 'env file: a variable dockerd never sees', kind: 'env-file', path: 'etc/default/docker', code: 'DOCKER_OPTS="--log-level=info"\nUNRELATED="--log-level=debug"\n' },
  ],
  invalid: [
    {
      name: 'env file: DOCKER_OPTS="--log-level=debug" gives the log-level finding (seed 2.2)',
      kind: 'env-file',
      path: 'etc/default/docker',
      code: 'DOCKER_OPTS="--log-level=debug"\n',
      errors: [{ line: 1, column: 14, endColumn: 31, message: /^"log-level": "debug" writes verbose request details .* \(written as `--log-level=debug`\)\.$/ }],
      output: 'DOCKER_OPTS="--log-level=info"\n',
    },
    {
      name: 'env file: the last assignment is the one dockerd gets',
      kind: 'env-file',
      path: 'etc/sysconfig/docker',
      code: "OPTIONS='--log-level=info'\nOPTIONS='--log-level=error'\n",
      errors: [{ line: 2, column: 10 }],
      output: "OPTIONS='--log-level=info'\nOPTIONS='--log-level=info'\n",
    },
  ],
});

testRule(selinux, {
  valid: [{ name: 'env file: Red Hat OPTIONS with --selinux-enabled', kind: 'env-file', path: 'etc/sysconfig/docker', code: "OPTIONS='--selinux-enabled --log-driver=journald'\n" }],
  invalid: [],
});

testRule(icc, {
  valid: [{ name: 'env file: OPTIONS in a file not named for docker is not dockerd\'s', kind: 'env-file', path: 'etc/default/kubelet', code: 'OPTIONS="--icc=true"\n' }],
  invalid: [
    {
      name: 'env file: bare --icc among other flags is changed in place',
      kind: 'env-file',
      path: 'etc/default/docker',
      code: 'DOCKER_OPTS="--dns 8.8.8.8 --icc"\n',
      errors: [{ line: 1, column: 28, endColumn: 33 }],
      output: 'DOCKER_OPTS="--dns 8.8.8.8 --icc=false"\n',
    },
  ],
});
