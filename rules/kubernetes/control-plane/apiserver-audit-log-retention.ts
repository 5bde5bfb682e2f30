import { defineRule } from '../../engine/rule';
import { lookupFlag, setFlagValue, where } from '../../models/control-plane';
import { cis, examplePod, kics, sources } from './flag-checks';

const MINIMUMS: Array<{ name: string; minimum: number; unit: string }> = [
  { name: 'audit-log-maxage', minimum: 30, unit: 'days' },
  { name: 'audit-log-maxbackup', minimum: 10, unit: 'files' },
  { name: 'audit-log-maxsize', minimum: 100, unit: 'MB' },
];

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-audit-log-retention',
    kind: 'kubernetes',
    title: 'API server keeps too little audit log',
    stride: 'repudiation',
    severity: 'info',
    fix: 'fix',
    description:
      'With `--audit-log-path` set, the audit log is rotated by size and pruned by age and count. Without `--audit-log-maxage`, `--audit-log-maxbackup` and `--audit-log-maxsize`, or with small values, the evidence of an incident may be gone before anyone looks.',
    remediation: 'Set `--audit-log-maxage=30`, `--audit-log-maxbackup=10` and `--audit-log-maxsize=100` or more (or ship the log off the node).',
    references: [
      ...cis('1.2.17'),
      ...cis('1.2.18'),
      ...cis('1.2.19'),
      { source: 'checkov', id: 'CKV_K8S_92' },
      { source: 'checkov', id: 'CKV_K8S_93' },
      { source: 'checkov', id: 'CKV_K8S_94' },
      kics('Audit Log Maxage Not Properly Set'),
      kics('Audit Log Maxbackup Not Properly Set'),
      kics('Audit Log Maxsize Not Properly Set'),
      { source: 'trivy', id: 'KCV0020' },
      { source: 'trivy', id: 'KCV0021' },
      { source: 'trivy', id: 'KCV0022' },
    ],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--audit-log-path=/var/log/audit.log', '--audit-log-maxage=7', '--audit-log-maxbackup=10', '--audit-log-maxsize=100'])],
      valid: [examplePod('kube-apiserver', ['--audit-log-path=/var/log/audit.log', '--audit-log-maxage=30', '--audit-log-maxbackup=10', '--audit-log-maxsize=100'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      const path = lookupFlag(source, 'audit-log-path')?.value.trim();
      if (!path || path === '-') continue; // `-` writes to stdout: retention is the log collector's job
      const absent = MINIMUMS.filter(({ name }) => lookupFlag(source, name) === undefined);
      for (const { name, minimum, unit } of MINIMUMS) {
        const setting = lookupFlag(source, name);
        if (!setting?.flag || !(Number(setting.value) < minimum)) continue;
        const edit = setFlagValue(setting.flag, String(minimum));
        context.report({ span: setting.flag.span, message: `\`--${name}=${setting.value}\` keeps less than ${minimum} ${unit} of audit log.`, fixes: edit ? [{ title: `Set \`--${name}=${minimum}\``, safe: true, edits: [edit] }] : [] });
      }
      if (absent.length === 0) continue;
      // One finding and one insertion for all missing flags, so the fix adds them in order.
      const edits = absent.map(({ name, minimum }) => source.add(name, String(minimum)));
      const complete = edits.every((edit) => edit && edit.start === edits[0]!.start && /^(?:\r?\n|, )/.test(edit.newText));
      const names = absent.map(({ name }) => `\`--${name}\``);
      context.report({
        span: source.anchor,
        message: `${names.join(absent.length === 2 ? ' and ' : ', ')} ${absent.length === 1 ? 'is' : 'are'} not set ${where(source)}, so the audit log has no explicit rotation and retention.`,
        fixes: complete ? [{ title: `Add ${absent.map(({ name, minimum }) => `\`--${name}=${minimum}\``).join(', ')}`, safe: true, edits: [{ start: edits[0]!.start, end: edits[0]!.end, newText: edits.map((edit) => edit!.newText).join('') }] }] : [],
      });
    }
  },
});
