import { defineRule } from '../engine/rule';
import { booleanSetting, nodeSpan, type DaemonMember } from '../models/daemon';
import { cisDocker } from '../models/daemon-checks';
import { removeKeyFix } from '../models/daemon-edit';

export default defineRule({
  meta: {
    id: 'daemon/iptables-disabled',
    kind: 'daemon',
    title: 'Let Docker manage iptables',
    stride: 'information-disclosure',
    severity: 'warning',
    fix: 'fix',
    description:
      'With `"iptables": false` (or `"ip6tables": false` while `ipv6` is on) dockerd no longer writes the firewall rules that isolate container networks from each other and from the outside, so published and unpublished ports behave differently from what the configuration says. `"ip-forward-no-drop": true` likewise keeps the host forwarding traffic between networks without a DROP policy.',
    remediation: 'Remove the key: dockerd then manages iptables (`--iptables=true`), which is the default.',
    references: cisDocker('2.4', '2.3'),
    examples: {
      invalid: [{ code: '{\n  "iptables": false\n}\n' }],
      valid: [{ code: '{\n  "iptables": true,\n  "ipv6": false,\n  "ip6tables": false\n}\n' }],
    },
  },
  check(context) {
    const { model } = context;
    const report = (member: DaemonMember, message: string) =>
      context.report({ span: nodeSpan(member.value), message, fixes: removeKeyFix(model, member.key, `Remove \`"${member.key}"\``, true) });
    if (booleanSetting(model, 'iptables') === false) {
      report(model.members.get('iptables')!, '"iptables": false stops dockerd from writing the firewall rules that isolate container networks.');
    }
    if (booleanSetting(model, 'ip6tables') === false && booleanSetting(model, 'ipv6') === true) {
      report(model.members.get('ip6tables')!, '"ip6tables": false with IPv6 on leaves container networks unfiltered over IPv6.');
    }
    if (booleanSetting(model, 'ip-forward-no-drop') === true) {
      report(model.members.get('ip-forward-no-drop')!, '"ip-forward-no-drop": true keeps the host forwarding traffic between networks without a DROP policy.');
    }
  },
});
