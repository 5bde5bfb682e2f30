import { defineRule } from '../engine/rule';
import { nodeSpan, stringSetting } from '../models/daemon';
import { cisDocker, reportAbsent } from '../models/daemon-checks';

const LOCAL_DRIVERS = new Set(['json-file', 'local', 'none']);

export default defineRule({
  meta: {
    id: 'daemon/remote-logging',
    kind: 'daemon',
    title: 'Ship container logs to a central log service',
    stride: 'repudiation',
    severity: 'info',
    fix: 'none',
    description:
      'With `log-driver` absent (`json-file`), `json-file`, `local` or `none`, container logs stay on the host (or are dropped), where whoever compromises the host can rewrite or delete them and a lost host takes its history along. A remote driver keeps a trail that outlives the host. A finding about a key that is not set sits on the top-level object\'s opening brace (`--log-driver` on the command line is equivalent).',
    remediation: 'Set a remote driver with its options, e.g. `"log-driver": "syslog", "log-opts": {"syslog-address": "tcp://logs.example.com:514"}` (or `journald` forwarded off the host, `fluentd`, `gelf`, `awslogs`, `splunk`).',
    references: cisDocker('2.13', '2.12'),
    examples: {
      invalid: [{ code: '{\n  "log-driver": "json-file"\n}\n' }],
      valid: [{ code: '{\n  "log-driver": "syslog",\n  "log-opts": { "syslog-address": "tcp://logs.example.com:514" }\n}\n' }],
    },
  },
  check(context) {
    const { model } = context;
    const member = model.members.get('log-driver');
    if (member) {
      const driver = stringSetting(model, 'log-driver');
      if (driver === undefined || !LOCAL_DRIVERS.has(driver.trim().toLowerCase())) return;
      const fate = driver.trim().toLowerCase() === 'none' ? 'discards container logs, so nothing records what happened' : 'keeps container logs only on this host, where an intruder can erase the record of what happened';
      context.report({ span: nodeSpan(member.value), message: `"log-driver": "${driver}" ${fate}.` });
      return;
    }
    reportAbsent(context, 'log-driver', '"log-driver" is not set in daemon.json (it may be set on the command line), so container logs stay on this host in json-file, where an intruder can erase them.');
  },
});
