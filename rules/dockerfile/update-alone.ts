import { defineRule } from '../engine/rule';
import type { FixSpec } from '../engine/types';
import type { RunScript } from '../models/dockerfile';
import { isInstall, packageCommand, type PackageCommand } from '../models/shell';

const FAMILY: Record<string, string> = { 'apt-get': 'apt', apt: 'apt', apk: 'apk', yum: 'rpm', dnf: 'rpm', microdnf: 'rpm', tdnf: 'rpm', zypper: 'zypper' };

function isUpdate(pkg: PackageCommand): boolean {
  const verb = pkg.verb?.value;
  if (pkg.manager === 'zypper') return verb === 'refresh' || verb === 'ref';
  if (pkg.manager === 'yum' || pkg.manager === 'dnf' || pkg.manager === 'tdnf' || pkg.manager === 'microdnf') return verb === 'makecache';
  return (pkg.manager === 'apt-get' || pkg.manager === 'apt' || pkg.manager === 'apk') && verb === 'update';
}

function packageCommands(run: RunScript): PackageCommand[] {
  return run.commands.map(packageCommand).filter((pkg): pkg is PackageCommand => pkg !== undefined);
}

export default defineRule({
  meta: {
    id: 'dockerfile/update-alone',
    kind: 'dockerfile',
    title: 'Update the package index in the same RUN as the install',
    stride: 'tampering',
    severity: 'warning',
    fix: 'suggest',
    description:
      'A RUN that only refreshes the package index (`apt-get update`, `apk update`, `dnf makecache`, `zypper refresh`) is cached as its own layer. Later installs then reuse a stale index and silently miss security updates, or fail when the mirror drops old versions.',
    remediation: 'Refresh and install in one RUN, and clean up: `RUN apt-get update && apt-get install -y --no-install-recommends pkg=1.2.3 && rm -rf /var/lib/apt/lists/*`.',
    references: [
      { source: 'cis-docker', id: '4.7', version: '1.6.0' },
      { source: 'checkov', id: 'CKV_DOCKER_5' },
      { source: 'kics', id: 'Update Instruction Alone' },
      { source: 'trivy', id: 'DS017' },
    ],
    examples: {
      invalid: [{ code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10\n' }],
      valid: [{ code: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10 \\\n && rm -rf /var/lib/apt/lists/*\n' }],
    },
  },
  check(context) {
    const runs = context.model.runs;
    runs.forEach((run, index) => {
      const commands = packageCommands(run);
      const updates = commands.filter(isUpdate);
      if (updates.length === 0) return;
      const families = new Set(commands.filter(isInstall).map((pkg) => FAMILY[pkg.manager]));
      for (const update of updates) {
        if (families.has(FAMILY[update.manager])) continue;
        const verb = update.verb ?? update.word;
        context.report({
          span: { start: update.word.span.start, end: verb.span.end },
          message: `"${update.word.value} ${verb.value}" runs without an install in the same RUN, so the cached index layer goes stale and later installs miss updates.`,
          fixes: mergeFix(context.text, run, runs[index + 1], FAMILY[update.manager]),
        });
      }
    });
  },
});

/** Joins this RUN with the next one when that one installs from the same package family. */
function mergeFix(text: string, run: RunScript, next: RunScript | undefined, family: string): FixSpec[] {
  if (!next || next.stage !== run.stage || run.onbuild || next.onbuild || run.form !== 'shell' || next.form !== 'shell' || run.heredoc || next.heredoc) return [];
  if (!packageCommands(next).some((pkg) => isInstall(pkg) && FAMILY[pkg.manager] === family)) return [];
  const end = run.commands[run.commands.length - 1]?.span.end;
  const runText = text.slice(run.scriptStart, end);
  if (end === undefined || runText.includes('#') || !/^\s*RUN[ \t]+$/i.test(text.slice(end, next.scriptStart))) return [];
  const nextStart = next.commands[0]?.span.start ?? next.scriptStart;
  if (nextStart !== next.scriptStart) return [];
  return [{ title: 'Merge with the next RUN so the index refresh and the install share a layer', safe: false, edits: [{ start: end, end: next.scriptStart, newText: ` \\${text.includes('\r\n') ? '\r\n' : '\n'}    && ` }] }];
}
