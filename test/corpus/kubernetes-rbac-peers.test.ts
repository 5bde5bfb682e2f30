import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { KUBERNETES_RBAC_RULES } from '../../rules/kubernetes/rbac';
import { type Finding } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { peerCases, peerPath, realworldIndex, realworldPath, SHARED_SKIP_REASON } from '../helpers/shared';

/** Peer concepts (../shared/corpus/peers/cases.json) that an RBAC rule answers for. */
const CONCEPT_RULES: Record<string, string> = { 'rbac-wildcard': 'kubernetes/rbac-wildcard' };

/** Cases where stridelint deliberately disagrees with the peer's label, with the reason. None so far. */
const KEPT_DISAGREEMENTS: Record<string, string> = {};

const RBAC_IDS = new Set(KUBERNETES_RBAC_RULES.map((rule) => rule.meta.id));

function lintRbac(text: string, path: string): Finding[] {
  return lintFile(text, path, { kind: 'kubernetes', rules: KUBERNETES_RBAC_RULES }).findings;
}

describe('RBAC rules against the peers’ labelled cases', { skip: SHARED_SKIP_REASON }, () => {
  const cases = SHARED_SKIP_REASON ? [] : peerCases().filter((peerCase) => peerCase.kind === 'kubernetes' && peerCase.concept in CONCEPT_RULES);

  it('there are RBAC cases to compare with', () => {
    assert.ok(cases.length > 0);
  });

  for (const peerCase of cases) {
    const ruleId = CONCEPT_RULES[peerCase.concept];
    it(`${peerCase.peer} ${peerCase.peerId} ${peerCase.expect}: ${peerCase.file}`, (t) => {
      if (KEPT_DISAGREEMENTS[peerCase.file]) return t.skip(`kept disagreement: ${KEPT_DISAGREEMENTS[peerCase.file]}`);
      const findings = lintRbac(readFileSync(peerPath(peerCase), 'utf8'), peerCase.file).filter((finding) => finding.ruleId === ruleId);
      const lines = [...new Set(findings.map((finding) => finding.range.start.line + 1))];
      if (peerCase.expect === 'negative') {
        assert.deepEqual(lines, [], `${ruleId} reports on a case ${peerCase.peer} labels negative`);
        return;
      }
      assert.ok(findings.length > 0, `${ruleId} misses a case ${peerCase.peer} labels positive`);
      // KICS lists the exact lines it flags (one per wildcard item, as here); the others name resources only.
      if (peerCase.peer === 'kics' && peerCase.lines) assert.deepEqual(lines.sort((a, b) => a - b), peerCase.lines, `${ruleId} lines against ${peerCase.peer}'s`);
    });
  }
});

describe('RBAC rules over the realworld corpus', { skip: SHARED_SKIP_REASON }, () => {
  it('lint every Kubernetes file without internal errors, with well-formed findings', (t) => {
    const files = realworldIndex().filter((file) => file.kind === 'kubernetes');
    const counts = new Map<string, number>([...RBAC_IDS].map((id) => [id, 0]));
    const filesWith = new Map<string, Set<string>>();
    for (const file of files) {
      const text = readFileSync(realworldPath(file), 'utf8');
      const findings = lintRbac(text, file.path);
      const internal = findings.filter((finding) => finding.ruleId === 'stridelint/internal-error');
      assert.deepEqual(internal.map((finding) => finding.message), [], file.path);
      for (const finding of findings.filter((candidate) => RBAC_IDS.has(candidate.ruleId))) {
        assert.match(finding.message, /\.$/, `${file.path}: ${finding.message}`);
        assert.ok(finding.range.start.line < finding.range.end.line || finding.range.start.character < finding.range.end.character, `${file.path}: empty range for ${finding.ruleId}`);
        counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
        filesWith.set(finding.ruleId, (filesWith.get(finding.ruleId) ?? new Set()).add(file.path));
      }
    }
    t.diagnostic(`${files.length} Kubernetes files`);
    for (const [id, count] of counts) t.diagnostic(`${id}: ${count} findings in ${filesWith.get(id)?.size ?? 0} files`);
    assert.ok(files.length > 1000, 'the corpus is there');
    assert.ok([...counts.values()].some((count) => count > 0), 'real RBAC files trip at least one rule');
  });
});
