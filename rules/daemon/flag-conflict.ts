import { defineRule } from '../engine/rule';
import { nodeSpan, objectMembers } from '../models/daemon';
import { removeKeyFix } from '../models/daemon-edit';

const REFUSAL = 'so dockerd refuses to start ("the following directives are specified both as a flag and in the configuration file")';

export default defineRule({
  meta: {
    id: 'daemon/flag-conflict',
    kind: 'daemon',
    title: 'Set each daemon option in one place only',
    stride: 'denial-of-service',
    severity: 'error',
    fix: 'suggest',
    description:
      'dockerd refuses to start when an option is given both in `daemon.json` and as a command-line flag (`"icc": false` in daemon.json and `--icc=false` in a systemd unit, `"hosts"` with the packaged unit\'s `-H fd://`), even when both say the same. Only `runtimes` is merged. The finding is reported on both places: the daemon.json key and the flag in the unit, drop-in or environment file. It needs the other file in the same run (the CLI over a folder); a dind container\'s dockerd does not read the host\'s daemon.json and is not compared.',
    remediation: 'Keep the option in one place: remove it from daemon.json or remove the flag (for `hosts`, override the unit\'s `ExecStart=` in a drop-in without `-H`).',
    references: [{ source: 'docs', id: 'daemon-configuration-file', note: 'dockerd reference: Daemon configuration file (configuration conflicts)' }],
    examples: {
      invalid: [
        { code: '{\n  "icc": false\n}\n', workspace: { daemonFlagKeys: { icc: '`--icc=false` in docker.service.d/override.conf' } } },
        { path: 'docker.service.d/override.conf', code: '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd://\n', workspace: { daemonJsonKeys: { hosts: 'daemon.json' } } },
      ],
      valid: [{ code: '{\n  "icc": false\n}\n', workspace: { daemonFlagKeys: { 'log-level': '`--log-level=info` in docker.service' } } }],
    },
  },
  check(context) {
    const { model, workspace } = context;
    if (model.flags?.scope === 'container') return;
    const elsewhere = model.flags ? workspace.daemonJsonKeys : workspace.daemonFlagKeys;
    if (!elsewhere) return;
    for (const member of model.members.values()) {
      const keys = member.key === 'proxies' ? objectMembers(member.value).map((child) => `proxies.${child.key}`) : [member.key];
      for (const key of keys) {
        const where = elsewhere[key];
        if (where === undefined || key === 'runtimes') continue;
        context.report({
          span: nodeSpan(member.keyNode),
          message: model.flags ? `This flag sets "${key}", which ${where} sets too, ${REFUSAL}.` : `"${key}" is also given as a dockerd flag (${where}), ${REFUSAL}.`,
          fixes: key.includes('.') ? [] : removeKeyFix(model, key, model.flags ? `Remove every flag that sets "${key}" (keep daemon.json)` : `Remove "${key}" from daemon.json (keep the flag)`, false),
        });
      }
    }
  },
});
