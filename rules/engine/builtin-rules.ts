import type { RuleMeta } from './types';

/**
 * The engine's own findings. They are rules like any other for configuration, docs and SARIF,
 * but the engine raises them, not a check function.
 */
export const PARSE_ERROR: RuleMeta = {
  id: 'stridelint/parse-error',
  kind: 'any',
  title: 'File does not parse',
  stride: 'denial-of-service',
  severity: 'error',
  fix: 'none',
  description: 'The file is not valid for its kind (YAML or JSON syntax, for example). The tool that reads it (dockerd, docker compose, kubectl) will refuse it, so the deployment fails; and stridelint cannot check what it cannot read.',
  remediation: 'Correct the syntax at the marked position.',
  references: [],
  examples: { invalid: [{ path: 'daemon.json', code: '{ "icc": false, }\n' }], valid: [{ path: 'daemon.json', code: '{ "icc": false }\n' }] },
};

export const NOT_ANALYSED: RuleMeta = {
  id: 'stridelint/not-analysed',
  kind: 'any',
  title: 'File not analysed',
  stride: 'tampering',
  severity: 'info',
  fix: 'none',
  description: 'stridelint skipped this file or part of it (a Helm template that is not YAML yet, a binary or oversized file) and says why, so that an unchecked file is never mistaken for a clean one.',
  remediation: 'Lint the rendered output instead (for Helm: `helm template … | stridelint --stdin-filename manifest.yaml`), or raise `maxFileSize` in `.stridelint.yaml`.',
  references: [],
  examples: { invalid: [{ path: 'Dockerfile', code: 'FROM alpine:3.20\u0000\n' }], valid: [{ path: 'Dockerfile', code: 'FROM alpine:3.20\n' }] },
};

export const INTERNAL_ERROR: RuleMeta = {
  id: 'stridelint/internal-error',
  kind: 'any',
  title: 'A rule failed on this file',
  stride: 'tampering',
  severity: 'warning',
  fix: 'none',
  description: 'A rule threw an exception on this file. The other rules still ran; this one could not judge the file, so a weakness it looks for may be missed.',
  remediation: 'Report the file (or a reduced copy) as a bug; meanwhile review the rule’s concern by hand.',
  references: [],
  examples: { invalid: [], valid: [] },
};

export const UNUSED_SUPPRESSION: RuleMeta = {
  id: 'stridelint/unused-suppression',
  kind: 'any',
  title: 'Suppression comment suppresses nothing',
  stride: 'repudiation',
  severity: 'info',
  fix: 'fix',
  description: 'A `stridelint-disable` comment no longer matches any finding. Stale suppressions blur the record of which risks were accepted and why.',
  remediation: 'Remove the comment, or move it to the line it was meant for.',
  references: [],
  examples: {
    invalid: [{ path: 'Dockerfile', code: 'FROM alpine:3.20\n# stridelint-disable-next-line dockerfile/no-root-user -- not root\nUSER 10001\n' }],
    valid: [{ path: 'Dockerfile', code: 'FROM alpine:3.20\n# stridelint-disable-next-line dockerfile/no-root-user -- init needs root\nUSER root\n' }],
  },
};

export const INVALID_SUPPRESSION: RuleMeta = {
  id: 'stridelint/invalid-suppression',
  kind: 'any',
  title: 'Suppression comment names an unknown rule',
  stride: 'repudiation',
  severity: 'info',
  fix: 'none',
  description: 'A `stridelint-disable` comment names a rule id that does not exist (a typo, or a retired rule), so it suppresses nothing while looking as if it did.',
  remediation: 'Use a rule id from `stridelint rules`.',
  references: [],
  examples: { invalid: [{ path: 'Dockerfile', code: 'FROM alpine:3.20\n# stridelint-disable dockerfile/no-such-rule\n' }], valid: [] },
};

export const BUILTIN_RULES: readonly RuleMeta[] = [INTERNAL_ERROR, INVALID_SUPPRESSION, NOT_ANALYSED, PARSE_ERROR, UNUSED_SUPPRESSION];
