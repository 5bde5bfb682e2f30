import rule from '../../../rules/daemon/secret-in-config';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [{ code: '{\n  "proxies": { "http-proxy": "http://proxy.corp:3128" },\n  "log-opts": { "splunk-token": "", "max-size": "10m" },\n  "tlskey": "/etc/docker/key.pem"\n}\n' }],
  invalid: [
    {
      code: '{\n  "proxies": { "https-proxy": "http://u:Tr0ub4dor-horse@proxy.corp:3128" },\n  "log-opts": { "splunk-token": "176FCEBF-4CF5-4EDF-91BC-703796522D20" }\n}\n',
      errors: [
        { line: 2, column: 31, message: '"proxies.https-proxy" holds a password inside a URL ("http://u:••••@…"), readable by anyone who can read daemon.json.' },
        { line: 3, column: 33, message: /^"log-opts\.splunk-token" holds a literal secret \("176F… \(36 chars\)"\)/ },
      ],
    },
  ],
});
