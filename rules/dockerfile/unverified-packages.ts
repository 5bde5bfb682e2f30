import { defineRule } from '../engine/rule';
import type { Span, SpanEdit } from '../engine/types';
import { removalSpan } from '../models/dockerfile';
import { effectiveCommand, packageCommand, type ShellWord } from '../models/shell';

const APT_UNAUTHENTICATED = /^APT::Get::AllowUnauthenticated=(true|1|yes)$/i;
const GPGCHECK_OFF = /(?:^|[\s;]|\.)(?:repo_)?gpgcheck\s*=\s*(0|false|no)\b/i;

interface Hit {
  span: Span;
  flag: string;
  words: ShellWord[];
}

const YUM_LIKE = new Set(['yum', 'dnf', 'microdnf', 'tdnf']);
const RPM_NO_CHECKS = new Set(['--nosignature', '--nodigest', '--noverify', '--nofiledigest']);

function flagHit(word: ShellWord): Hit {
  return { span: word.span, flag: word.value, words: [word] };
}

/** The flags of one package command that skip signature checks. */
function flagHits(manager: string, args: readonly ShellWord[]): Hit[] {
  const hits: Hit[] = [];
  for (let index = 0; index < args.length; index++) {
    const word = args[index];
    const value = word.value;
    if (manager === 'apk' && value === '--allow-untrusted') hits.push(flagHit(word));
    if ((manager === 'apt-get' || manager === 'apt') && (value === '--allow-unauthenticated' || value === '--force-yes' || value === '--allow-insecure-repositories')) hits.push(flagHit(word));
    if ((manager === 'apt-get' || manager === 'apt') && value === '-o' && APT_UNAUTHENTICATED.test(args[index + 1]?.value ?? '')) hits.push({ span: word.span, flag: `-o ${args[index + 1].value}`, words: [word, args[index + 1]] });
    if ((manager === 'apt-get' || manager === 'apt') && /^-o/.test(value) && APT_UNAUTHENTICATED.test(value.slice(2))) hits.push(flagHit(word));
    if (YUM_LIKE.has(manager) && (value === '--nogpgcheck' || /^--setopt=(?:[\w.*-]+\.)?gpgcheck=(0|false|no)$/i.test(value))) hits.push(flagHit(word));
    if (manager === 'rpm' && RPM_NO_CHECKS.has(value)) hits.push(flagHit(word));
  }
  return hits;
}

const NO_HITS: readonly Hit[] = [];

export default defineRule({
  meta: {
    id: 'dockerfile/unverified-packages',
    kind: 'dockerfile',
    title: 'Do not skip package signature checks',
    stride: 'tampering',
    severity: 'error',
    fix: 'fix',
    description:
      'Package signatures are what prove a package comes from its vendor unmodified. `apk add --allow-untrusted`, `apt-get --allow-unauthenticated`/`--force-yes`, `-o APT::Get::AllowUnauthenticated=true`, `yum/dnf/tdnf --nogpgcheck`, `rpm --nosignature`/`--nodigest` and `gpgcheck=0` in a repository file install whatever a mirror or a network attacker serves.',
    remediation: 'Remove the option and import the vendor’s signing key instead (`rpm --import <key>`, a signed-by keyring for apt, the repository key for apk).',
    references: [
      { source: 'cis-docker', id: '4.11', version: '1.6.0' },
      { source: 'cis-docker', id: '4.12', version: '1.6.0' },
      { source: 'checkov', id: 'CKV2_DOCKER_7' },
      { source: 'checkov', id: 'CKV2_DOCKER_8' },
      { source: 'checkov', id: 'CKV2_DOCKER_9' },
      { source: 'checkov', id: 'CKV2_DOCKER_10' },
      { source: 'checkov', id: 'CKV2_DOCKER_11' },
    ],
    examples: {
      invalid: [{ code: 'FROM fedora:41\nRUN dnf install -y --nogpgcheck httpd-2.4.62 && dnf clean all\n' }],
      valid: [{ code: 'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && dnf clean all\nRUN apt-get install python3 | grep "--allow-unauthenticated"\n' }],
    },
  },
  check(context) {
    for (const run of context.model.runs) {
      for (const command of run.commands) {
        const pkg = packageCommand(command);
        for (const hit of pkg ? flagHits(pkg.manager, pkg.args) : NO_HITS) {
          const edits: SpanEdit[] = hit.words.map((word) => ({ ...removalSpan(context.text, word.span), newText: '' }));
          context.report({
            span: hit.span,
            message: `${pkg?.word.value} ${hit.flag} installs packages without checking their signatures, so a mirror or network attacker can substitute them.`,
            fixes: run.form === 'shell' ? [{ title: `Remove ${hit.flag}`, safe: true, edits }] : [],
          });
        }
        // `echo gpgcheck=0 >> /etc/yum.repos.d/x.repo`, `sed -i 's/gpgcheck=1/gpgcheck=0/' …`
        const { name, args } = effectiveCommand(command);
        if (name !== 'echo' && name !== 'printf' && name !== 'sed' && name !== 'tee') continue;
        const word = args.find((arg) => GPGCHECK_OFF.test(arg.value.replace(/^s\/.*?\//, ' ')));
        if (!word) continue;
        context.report({
          span: word.span,
          message: `${name} writes gpgcheck=0 into a repository configuration, so packages from it are installed without signature checks.`,
        });
      }
    }
  },
});
