import { defineRule } from '../engine/rule';
import { isInstall, packageCommand } from '../models/shell';

export default defineRule({
  meta: {
    id: 'dockerfile/install-recommends',
    kind: 'dockerfile',
    title: 'Install apt packages without recommends',
    stride: 'elevation-of-privilege',
    severity: 'info',
    fix: 'fix',
    description:
      '`apt-get install` also installs every "recommended" package by default: tools, daemons and libraries nobody asked for, each one more binary an attacker can use after a compromise and more CVEs to patch.',
    remediation: 'Add `--no-install-recommends` (or `-o APT::Install-Recommends=false`) and list what you need explicitly.',
    references: [
      { source: 'cis-docker', id: '4.3', version: '1.6.0' },
      { source: 'hadolint', id: 'DL3015' },
      { source: 'kics', id: 'APT-GET Not Avoiding Additional Packages' },
      { source: 'trivy', id: 'DS029' },
    ],
    examples: {
      invalid: [{ code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*\n' }],
      valid: [{ code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*\n' }],
    },
  },
  check(context) {
    for (const run of context.model.runs) {
      for (const command of run.commands) {
        const pkg = packageCommand(command);
        if (!pkg || pkg.manager !== 'apt-get' || !pkg.verb || !isInstall(pkg)) continue;
        const words = pkg.args.map((word) => word.value);
        const avoided = words.some((word, index) => word === '--no-install-recommends' || /^(-o)?APT::Install-Recommends=(false|0|no)$/i.test(word) || (word === '-o' && /^APT::Install-Recommends=(false|0|no)$/i.test(words[index + 1] ?? '')));
        if (avoided) continue;
        const verb = pkg.verb;
        context.report({
          span: { start: pkg.word.span.start, end: verb.span.end },
          message: 'apt-get install also installs recommended packages, adding software (and attack surface) nobody asked for.',
          fixes: [{ title: 'Add `--no-install-recommends`', safe: true, edits: [{ start: verb.span.end, end: verb.span.end, newText: ' --no-install-recommends' }] }],
        });
      }
    }
  },
});
