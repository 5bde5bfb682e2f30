import rule from '../../../rules/daemon/unknown-key';
import { testDaemonRule } from '../../helpers/daemon';

const REFUSES = 'dockerd refuses to start on directives it does not know.';

testDaemonRule(rule, {
  valid: [
    {
      code: '{\n  "data-root": "/var/lib/docker",\n  "log-opts": { "max-size": "10m", "max-file": "3" },\n  "default-ulimits": { "nofile": { "Name": "nofile", "Hard": 64000, "Soft": 64000 } },\n  "proxies": { "http-proxy": "http://proxy:3128" },\n  "features": { "containerd-snapshotter": true }\n}\n',
    },
    { name: 'an empty file is an empty configuration', code: '  \n' },
    { name: 'builder members are matched case-insensitively and not validated by dockerd', code: '{ "builder": { "GC": { "enabled": true } } }' },
    { name: 'a key dockerd accepts on Linux in a file that does not show Windows', code: '{ "live-restore": true }' },
    { name: 'a removed key is fine for the Engine it was configured for', code: '{ "graph": "/mnt/docker", "api-cors-header": "https://a.example" }', options: { engineVersion: '20.10' } },
    { name: 'a key as new as the configured Engine', code: '{ "firewall-backend": "nftables" }', options: { engineVersion: '29.0' } },
  ],
  invalid: [
    {
      name: 'a near miss gets a did-you-mean and a rename',
      code: '{\n  "no-new-privilege": true\n}\n',
      errors: [{ line: 2, column: 3, endColumn: 21, severity: 'error', message: `Unknown key "no-new-privilege" (did you mean "no-new-privileges"?): ${REFUSES}` }],
      output: '{\n  "no-new-privileges": true\n}\n',
    },
    { code: '{ "log_level": "info" }', errors: [{ line: 1, column: 3, message: `Unknown key "log_level" (did you mean "log-level"?): ${REFUSES}` }], output: '{ "log-level": "info" }' },
    { name: 'keys are case-sensitive', code: '{"Debug": false}', errors: [{ line: 1, column: 2, message: /did you mean "debug"/ }], output: '{"debug": false}' },
    {
      name: 'no near key: the fix removes it',
      code: '{\n  "icc": false,\n  "frobnicate": 1\n}\n',
      errors: [{ line: 3, column: 3, message: `Unknown key "frobnicate": ${REFUSES}` }],
      output: '{\n  "icc": false\n}\n',
    },
    {
      name: 'accepted but ignored: a warning, renamed to the key dockerd reads',
      code: '{\n  "log-opt": { "max-size": "10m" }\n}\n',
      errors: [{ line: 2, column: 3, severity: 'warning', message: 'dockerd accepts "log-opt" but no setting reads it (did you mean "log-opts"?), so it has no effect.' }],
      output: '{\n  "log-opts": { "max-size": "10m" }\n}\n',
    },
    {
      name: 'a top-level proxy setting moves into proxies',
      code: '{ "http-proxy": "http://proxy:3128", "icc": false }',
      errors: [{ line: 1, column: 3, severity: 'warning', message: /did you mean "proxies\.http-proxy"/ }],
      output: '{ "icc": false, "proxies": {"http-proxy": "http://proxy:3128"} }',
    },
    {
      name: 'the plural key already there: the ignored one is removed',
      code: '{ "labels": ["tier=db"], "label": ["tier=web"] }',
      errors: [{ line: 1, column: 26, severity: 'warning' }],
      output: '{ "labels": ["tier=db"] }',
    },
    {
      name: 'an object of valid keys under an unknown name passes dockerd’s check (it flattens objects) and does nothing',
      code: '{\n  "tls-settings": { "tlsverify": true },\n  "icc": false\n}\n',
      errors: [{ line: 2, column: 3, endColumn: 17, severity: 'warning', message: 'dockerd accepts "tls-settings" because its members are valid keys, but no setting reads "tls-settings", so they have no effect at this depth.' }],
      output: '{\n  "icc": false\n}\n',
    },
    {
      name: 'removed keys, with their replacement',
      code: '{\n  "graph": "/mnt/docker"\n}\n',
      errors: [{ line: 2, column: 3, severity: 'error', message: '"graph" was removed after Engine 20.10 (use "data-root"), so dockerd refuses to start on current Engines.' }],
      output: '{\n  "data-root": "/mnt/docker"\n}\n',
    },
    {
      name: 'a wrong type is an error on the value; a number in log-opts gets quoted',
      code: '{\n  "log-opts": { "max-file": 3 }\n}\n',
      errors: [{ line: 2, column: 29, endColumn: 30, severity: 'error', message: '"log-opts.max-file" must be a string, not a number, so dockerd refuses to start.' }],
      output: '{\n  "log-opts": { "max-file": "3" }\n}\n',
    },
    { code: '{ "icc": "false" }', errors: [{ line: 1, column: 10, message: '"icc" must be a boolean, not a string, so dockerd refuses to start.' }], output: '{ "icc": false }' },
    { name: 'array items are typed too', code: '{ "dns": ["8.8.8.8", 1] }', errors: [{ line: 1, column: 22, message: '"dns.1" must be a string, not a number, so dockerd refuses to start.' }], output: '{ "dns": ["8.8.8.8", "1"] }' },
    { name: 'no obvious conversion, no fix', code: '{ "hosts": "tcp://0.0.0.0:2376" }', errors: [{ line: 1, column: 12, message: /"hosts" must be an array/ }], output: null },
    {
      name: 'an invalid enum value gets the closest one',
      code: '{ "default-cgroupns-mode": "privat" }',
      errors: [{ line: 1, column: 28, message: '"default-cgroupns-mode" must be one of "host", "private", so dockerd refuses to start.' }],
      output: '{ "default-cgroupns-mode": "private" }',
    },
    { code: '{ "log-level": "verbose" }', errors: [{ line: 1, column: 16, message: '"log-level" must be one of "debug", "info", "warn", "error", "fatal", so dockerd refuses to start.' }], output: null },
    { code: '{ "max-concurrent-downloads": -1 }', errors: [{ line: 1, column: 31, message: '"max-concurrent-downloads" must be >= 0, so dockerd refuses to start.' }], output: null },
    {
      name: 'unknown keys inside a closed object',
      code: '{ "proxies": { "http_proxy": "http://proxy:3128" } }',
      errors: [{ line: 1, column: 16, message: `Unknown key "http_proxy" under "proxies" (did you mean "http-proxy"?): ${REFUSES}` }],
      output: '{ "proxies": { "http-proxy": "http://proxy:3128" } }',
    },
    {
      name: 'a duplicate key: dockerd keeps the last, the fix drops the overridden one',
      code: '{\n  "icc": true,\n  "icc": false\n}\n',
      errors: [{ line: 2, column: 3, severity: 'warning', message: 'Key "icc" appears again later in the same object, so dockerd ignores this value and uses the last one.' }],
      output: '{\n  "icc": false\n}\n',
    },
    {
      name: 'a Linux-only key in a file for a Windows daemon',
      code: '{\n  "hosts": ["npipe://"],\n  "icc": false\n}\n',
      errors: [{ line: 3, column: 3, severity: 'error', message: '"icc" is not valid for a Windows daemon, so dockerd refuses to start.' }],
      output: '{\n  "hosts": ["npipe://"]\n}\n',
    },
    {
      name: 'with engineVersion: a key newer than the Engine',
      code: '{\n  "icc": false,\n  "firewall-backend": "nftables"\n}\n',
      options: { engineVersion: '28.1' },
      errors: [{ line: 3, column: 3, severity: 'error', message: '"firewall-backend" needs Engine 29.0 or later, and the configured engineVersion is 28.1, so dockerd refuses to start.' }],
      output: '{\n  "icc": false\n}\n',
    },
    {
      name: 'with engineVersion: a key the Engine no longer has',
      code: '{ "icc": false, "api-cors-header": "*" }',
      options: { engineVersion: '29.1' },
      errors: [{ line: 1, column: 17, severity: 'error', message: '"api-cors-header" was removed in Engine 29.0, and the configured engineVersion is 29.1, so dockerd refuses to start.' }],
      output: '{ "icc": false }',
    },
    {
      name: 'a removed key without a replacement: the fix removes it',
      code: '{ "oom-score-adjust": -500, "icc": false }',
      errors: [{ line: 1, column: 3, message: '"oom-score-adjust" was removed after Engine 25.x, so dockerd refuses to start on current Engines.' }],
      output: '{ "icc": false }',
    },
    { name: 'the top level must be an object', code: '["icc"]\n', errors: [{ line: 1, column: 1, message: 'The top level of daemon.json must be an object, not an array, so dockerd refuses to start.' }], output: null },
  ],
});
