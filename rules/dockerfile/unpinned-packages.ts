import { defineRule } from '../engine/rule';
import { isInstall, packageCommand, type PackageCommand } from '../models/shell';

const LOCAL = /^(?:\.{1,2}(?:\/|$)|\/|~|[a-z+]+:\/\/|git\+|file:)|\.(?:deb|rpm|apk|whl|tar\.gz|tgz|zip|gem)$/i;

/** Is this package spec pinned, the way the manager spells versions? (`undefined`: not a package.) */
function pinned(manager: string, spec: string, pkg: PackageCommand): boolean | undefined {
  if (/[$`{}*]/.test(spec) || LOCAL.test(spec)) return undefined;
  switch (manager) {
    case 'apt-get':
    case 'apt':
      return spec.includes('=');
    case 'zypper':
      return /[=<>]/.test(spec);
    case 'apk':
      return /[=<>~]/.test(spec);
    case 'pip':
      return /[=<>~@]/.test(spec) || spec.startsWith('-');
    case 'npm':
      return /^@?[^@]+@.+$/.test(spec);
    case 'gem':
      return spec.includes(':') || pkg.args.some((word) => word.value === '-v' || word.value === '--version' || word.value.startsWith('--version='));
    case 'go':
      return /@(?!latest$).+$/.test(spec);
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'tdnf':
      return spec.startsWith('@') ? undefined : /-\d/.test(spec);
    default:
      return undefined;
  }
}

export default defineRule({
  meta: {
    id: 'dockerfile/unpinned-packages',
    kind: 'dockerfile',
    title: 'Pin the versions of installed packages',
    stride: 'tampering',
    severity: 'info',
    fix: 'none',
    description:
      'Installing a package without a version takes whatever the repository serves on the day of the build: rebuilds are not reproducible, and a compromised or broken release flows in unnoticed. Covers apt-get/apt, apk, pip, npm, gem, yum/dnf/microdnf/tdnf, zypper and `go install`; requirement files, local paths and bare `npm ci`/`npm install` are not reported.',
    remediation: 'Pin each package the way its manager spells versions: `apt-get install curl=7.88.1-10+deb12u8`, `apk add curl=8.9.1-r0`, `pip install requests==2.32.3`, `npm install -g pnpm@9.12.0`, `gem install rails -v 7.2.1`, `dnf install curl-8.6.0`, `zypper install curl=8.6.0`, `go install golang.org/x/tools/gopls@v0.16.2`.',
    references: [
      { source: 'cis-docker', id: '4.4', version: '1.6.0' },
      { source: 'cis-docker', id: '4.7', version: '1.6.0' },
      { source: 'hadolint', id: 'DL3008' },
      { source: 'hadolint', id: 'DL3013' },
      { source: 'hadolint', id: 'DL3016' },
      { source: 'hadolint', id: 'DL3018' },
      { source: 'hadolint', id: 'DL3028' },
      { source: 'hadolint', id: 'DL3033' },
      { source: 'hadolint', id: 'DL3037' },
      { source: 'hadolint', id: 'DL3041' },
      { source: 'hadolint', id: 'DL3062' },
      { source: 'kics', id: 'Apt Get Install Pin Version Not Defined' },
      { source: 'kics', id: 'Unpinned Package Version in Apk Add' },
      { source: 'kics', id: 'Unpinned Package Version in Pip Install' },
      { source: 'kics', id: 'NPM Install Command Without Pinned Version' },
      { source: 'kics', id: 'Gem Install Without Version' },
      { source: 'kics', id: 'Yum install Without Version' },
      { source: 'kics', id: 'Missing Version Specification In dnf install' },
      { source: 'kics', id: 'Zypper Install Without Version' },
    ],
    examples: {
      invalid: [{ code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir requests flask==3.0.3\n' }],
      valid: [{ code: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt \\\n && pip install --no-cache-dir gunicorn==23.0.0\n' }],
    },
  },
  check(context) {
    for (const run of context.model.runs) {
      for (const command of run.commands) {
        const pkg = packageCommand(command);
        if (!pkg || pkg.manager === 'rpm' || !isInstall(pkg)) continue;
        for (const word of pkg.packages) {
          if (pinned(pkg.manager, word.value, pkg) !== false) continue;
          context.report({
            span: word.span,
            message: `"${word.value}" is installed with ${pkg.manager} without a version, so each build may install different code.`,
          });
        }
      }
    }
  },
});
