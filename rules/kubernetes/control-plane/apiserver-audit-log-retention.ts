import { defineRule } from '../../engine/rule';
import { lookupFlag, setFlag, where } from '../../models/control-plane';
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
      for (const { name, minimum, unit } of MINIMUMS) {
        const setting = lookupFlag(source, name);
        const value = setting ? Number(setting.value) : undefined;
        if (value !== undefined && !(value < minimum)) continue;
        const edit = setFlag(source, name, String(minimum));
        context.report({
          span: setting?.flag?.span ?? source.anchor,
          message: setting?.flag ? `\`--${name}=${setting.value}\` keeps less than ${minimum} ${unit} of audit log.` : `\`--${name}\` is not set ${where(source)}, so the audit log may be pruned before ${minimum} ${unit} are kept.`,
          fixes: edit ? [{ title: `Set \`--${name}=${minimum}\``, safe: true, edits: [edit] }] : [],
        });
      }
    }
  },
});
