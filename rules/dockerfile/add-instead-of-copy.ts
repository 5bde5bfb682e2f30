import { defineRule } from '../engine/rule';
import { copySources, instructionFlags } from '../models/dockerfile';

const REMOTE = /^(?:https?:\/\/|git@|ssh:\/\/)/i;
// ADD unpacks local tar archives; that is a legitimate reason to use it (hadolint DL3020 agrees).
const ARCHIVE = /\.(?:tar|tar\.(?:gz|bz2|xz|zst)|tgz|tbz2?|txz|tzst)$/i;
// Flags that only ADD understands: replacing the keyword would break the build.
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export default defineRule({
  meta: {
    id: 'dockerfile/add-instead-of-copy',
    kind: 'dockerfile',
    title: 'Use COPY instead of ADD for local files',
    stride: 'tampering',
    severity: 'warning',
    fix: 'fix',
    description:
      'ADD does more than copy: it unpacks archives and fetches URLs, so what lands in the image can differ from what the reviewer saw in the build context. For plain local files COPY does exactly one thing.',
    remediation: 'Replace `ADD` with `COPY` (flags such as `--chown`, `--chmod`, `--link` and `--from` carry over). Keep ADD only to unpack a local tar archive (with the option `strict: true`, as CIS 4.9 reads it, local archives are reported too, without a fix, since COPY would not unpack them).',
    references: [
      { source: 'cis-docker', id: '4.9', version: '1.6.0' },
      { source: 'hadolint', id: 'DL3020' },
      { source: 'checkov', id: 'CKV_DOCKER_4' },
      { source: 'kics', id: '9513a694-aa0d-41d8-be61-3271e056f36b', note: 'Add Instead of Copy' },
      { source: 'trivy', id: 'DS005' },
    ],
    examples: {
      invalid: [{ code: 'FROM alpine:3.20\nADD --chown=10001:10001 app/ /srv/app/\n' }],
      valid: [{ code: 'FROM alpine:3.20\nCOPY --chown=10001:10001 app/ /srv/app/\nADD rootfs.tar.gz /\n' }],
    },
  },
  check(context) {
    for (const instruction of context.model.ast.getInstructions()) {
      if (instruction.getKeyword() !== 'ADD') continue;
      const local = copySources(instruction, context.lines).map((source) => source.value).filter((source) => !REMOTE.test(source));
      const strict = context.options.strict === true;
      if (local.length === 0 || (!strict && local.every((source) => ARCHIVE.test(source)))) continue;
      const keyword = context.lines.spanOf(instruction.getInstructionRange());
      const canFix = !instructionFlags(instruction).some((flag) => ADD_ONLY_FLAGS.has(flag.name)) && !local.some((source) => ARCHIVE.test(source));
      const written = context.text.slice(keyword.start, keyword.end);
      context.report({
        span: keyword,
        message: local.every((source) => ARCHIVE.test(source))
          ? `ADD unpacks the local archive ${local.length === 1 ? `"${local[0]}"` : 'files'} implicitly; strict mode asks for COPY and an explicit, reviewable unpack step.`
          : `ADD copies local ${local.length === 1 ? `"${local[0]}"` : 'files'}; COPY does the same without ADD's implicit unpacking and downloading.`,
        fixes: canFix ? [{ title: 'Replace ADD with COPY', safe: true, edits: [{ ...keyword, newText: written === 'ADD' ? 'COPY' : 'copy' }] }] : [],
      });
    }
  },
});
