import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { lintFile } from '../../rules/registry-lint';
import { peerCases, peerPath, SHARED_SKIP_REASON, type PeerCase } from '../helpers/shared';

/** Which stridelint rule covers each peer concept (peers' labelled Dockerfile cases). */
const CONCEPT_RULES: Record<string, string> = {
  'image-untagged': 'dockerfile/base-image-unpinned',
  'image-latest-tag': 'dockerfile/base-image-unpinned',
  'run-as-root': 'dockerfile/no-root-user',
  'user-missing': 'dockerfile/missing-user',
  'pipefail-missing': 'dockerfile/pipefail',
  'expose-ssh-port': 'dockerfile/ssh-in-container',
  'package-signature-bypass': 'dockerfile/unverified-packages',
  'sudo-usage': 'dockerfile/no-sudo',
  'tls-verification-disabled': 'dockerfile/tls-verify-disabled',
  'add-instead-of-copy': 'dockerfile/add-instead-of-copy',
};

/**
 * Disagreements we keep on purpose, each with the reason. Keyed by concept (every case of it) or by file.
 */
const KEPT_DISAGREEMENTS: Record<string, string> = {
  'workdir-relative':
    'No rule: a relative WORKDIR is a maintainability smell (hadolint DL3000), not a security weakness; rule-catalog §1 has no such check.',
  'kics/pipefail-missing/negative/1.dockerfile':
    'KICS calls `RUN pwsh SOME_CMD | SOME_OTHER_CMD` fine, but at that point SHELL is still the default /bin/sh, which runs the pipe without pipefail; naming pwsh as the first command does not change the shell. We report line 2.',
};

interface Outcome {
  peerCase: PeerCase;
  rule: string;
  fired: boolean;
  onLabelledLine: boolean;
}

describe('peer linters’ labelled Dockerfile cases', { skip: SHARED_SKIP_REASON }, () => {
  const cases = SHARED_SKIP_REASON ? [] : peerCases().filter((peerCase) => peerCase.kind === 'dockerfile');

  it('behave as labelled, apart from the named disagreements', () => {
    assert.ok(cases.length > 0);
    const outcomes: Outcome[] = [];
    const unexplained: string[] = [];
    const kept: string[] = [];
    for (const peerCase of cases) {
      const reason = KEPT_DISAGREEMENTS[peerCase.file] || KEPT_DISAGREEMENTS[peerCase.concept];
      const rule = CONCEPT_RULES[peerCase.concept];
      if (!rule) {
        assert.ok(reason, `concept ${peerCase.concept} (${peerCase.file}) is neither mapped to a rule nor a named disagreement`);
        kept.push(`${peerCase.file}: ${reason}`);
        continue;
      }
      const text = readFileSync(peerPath(peerCase), 'utf8');
      const findings = lintFile(text, 'Dockerfile', { kind: 'dockerfile' }).findings.filter((finding) => finding.ruleId === rule);
      const lines = new Set(findings.map((finding) => finding.range.start.line + 1));
      const onLabelledLine = !peerCase.lines || peerCase.lines.every((line) => lines.has(line));
      const outcome = { peerCase, rule, fired: findings.length > 0, onLabelledLine };
      outcomes.push(outcome);
      const agrees = peerCase.expect === 'positive' ? outcome.fired && onLabelledLine : !outcome.fired;
      if (agrees) continue;
      if (reason) kept.push(`${peerCase.file}: ${reason}`);
      else unexplained.push(`${peerCase.file} (${peerCase.peer} "${peerCase.peerName}") expects ${peerCase.expect} for ${rule}; got ${findings.length} finding(s) on lines [${[...lines].join(', ')}]`);
    }
    const positives = outcomes.filter((outcome) => outcome.peerCase.expect === 'positive');
    const caught = positives.filter((outcome) => outcome.fired && outcome.onLabelledLine).length;
    const negatives = outcomes.filter((outcome) => outcome.peerCase.expect === 'negative');
    const falseAlarms = negatives.filter((outcome) => outcome.fired).length;
    console.log(`peers: caught ${caught}/${positives.length} expected positives; false alarms ${falseAlarms}/${negatives.length} negatives; ${kept.length} kept disagreement(s):\n  ${kept.join('\n  ')}`);
    assert.deepEqual(unexplained, []);
  });

  it('names no disagreement that no longer happens', () => {
    for (const key of Object.keys(KEPT_DISAGREEMENTS).filter((entry) => entry.endsWith('.dockerfile'))) {
      const peerCase = cases.find((candidate) => candidate.file === key);
      assert.ok(peerCase, `${key} is not a peer case`);
      const rule = CONCEPT_RULES[peerCase.concept];
      const fired = lintFile(readFileSync(peerPath(peerCase), 'utf8'), 'Dockerfile', { kind: 'dockerfile' }).findings.some((finding) => finding.ruleId === rule);
      assert.notEqual(fired, peerCase.expect === 'positive', `${key} now agrees with the peer: drop it from KEPT_DISAGREEMENTS`);
    }
  });
});
