import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { lint } from '../../rules/registry-lint';
import { peerCases, peerPath, SHARED_AVAILABLE, SHARED_SKIP_REASON } from '../helpers/shared';

/** Which stridelint rule answers each peer concept for compose files. */
const CONCEPT_RULES: Record<string, string[]> = {
  'capabilities-not-dropped': ['compose/cap-drop-all'],
  'capability-added': ['compose/dangerous-capability'],
  'port-bound-all-interfaces': ['compose/port-all-interfaces'],
  'cpu-limit': ['compose/cpu-limit'],
  'memory-limit': ['compose/memory-limit'],
  'pids-limit': ['compose/pids-limit'],
  'seccomp-unconfined': ['compose/seccomp-unconfined'],
  'docker-socket-mount': ['compose/docker-socket'],
  'healthcheck-missing': ['compose/healthcheck'],
  'host-pid': ['compose/no-host-pid'],
  'allow-privilege-escalation': ['compose/no-new-privileges'],
  'privileged-port': ['compose/privileged-host-port'],
  'host-userns': ['compose/no-host-userns'],
  'sensitive-host-path': ['compose/sensitive-host-mount'],
};

/** Cases where stridelint deliberately disagrees with the peer's label, and why. */
const CONTAINER_SIDE = 'kics flags container-side ports below 1024; rule-catalog C24 (CIS 5.8) is about the host side only, and a container-only port is published on a random high host port';
const KEPT_DISAGREEMENTS: Record<string, string> = {
  'kics/privileged-port/positive/2.compose.yaml': `${CONTAINER_SIDE} (target 80, published 8080)`,
  'kics/privileged-port/positive/3.compose.yaml': `${CONTAINER_SIDE} ("70-8000" publishes container ports on random host ports)`,
  'kics/privileged-port/positive/4.compose.yaml': `${CONTAINER_SIDE} ("80" publishes on a random host port)`,
  'kics/privileged-port/positive/5.compose.yaml': `${CONTAINER_SIDE} ("49100:22")`,
  'kics/seccomp-unconfined/positive/1.compose.yaml': '`label:seccomp:unconfined` is a SELinux label option (an invalid one), not a seccomp setting: Docker keeps its default seccomp profile',
  'kics/sensitive-host-path/positive/1.compose.yaml': 'the only host path is a `local-persist` plugin mountpoint /var/data, not on the CIS 5.6 list (kics flags all of /var), and no service mounts it',
};

/** The 1-based lines of the YAML block that starts at `line` (the key line and everything indented under it). */
function blockLines(text: string, line: number): Set<number> {
  const lines = text.split(/\r?\n/);
  const indent = (index: number) => lines[index].replace(/^(\s*)(-\s+)?.*$/, '$1$2').length;
  const start = line - 1;
  const result = new Set([line]);
  for (let index = start + 1; index < lines.length; index++) {
    if (lines[index].trim() === '' || lines[index].trim().startsWith('#')) continue;
    if (indent(index) <= indent(start)) break;
    result.add(index + 1);
  }
  return result;
}

describe('compose rules against the peers’ labelled cases', { skip: SHARED_SKIP_REASON }, () => {
  const cases = SHARED_AVAILABLE ? peerCases().filter((peerCase) => peerCase.kind === 'compose') : [];
  let agreed = 0;
  for (const peerCase of cases) {
    it(`${peerCase.file} (${peerCase.peer} ${peerCase.peerName}: ${peerCase.expect})`, () => {
      const rules = CONCEPT_RULES[peerCase.concept];
      assert.ok(rules, `no stridelint rule mapped to the concept ${peerCase.concept}`);
      const text = readFileSync(peerPath(peerCase), 'utf8');
      const findings = lint(text, 'compose.yaml').filter((finding) => rules.includes(finding.ruleId));
      const flagged = findings.length > 0;
      const agrees = flagged === (peerCase.expect === 'positive');
      if (KEPT_DISAGREEMENTS[peerCase.file]) {
        assert.ok(!agrees, `${peerCase.file} now agrees with the peer: remove it from KEPT_DISAGREEMENTS`);
        return;
      }
      assert.ok(agrees, `expected ${peerCase.expect}, stridelint reports ${findings.length} finding(s): ${findings.map((finding) => `${finding.range.start.line + 1}: ${finding.message}`).join(' | ')}`);
      if (peerCase.expect === 'positive' && peerCase.lines) {
        // Peers point at the key (`cap_add:`), stridelint at the offending value under it: same block.
        const lines = findings.map((finding) => finding.range.start.line + 1);
        const blocks = peerCase.lines.map((line) => blockLines(text, line));
        assert.ok(lines.some((line) => blocks.some((block) => block.has(line))), `the peer points at line(s) ${peerCase.lines.join(', ')}; stridelint at ${lines.join(', ')}`);
      }
      agreed++;
    });
  }
  it('prints the agreement', () => {
    console.log(`compose peers: ${agreed} of ${cases.length} cases agree; kept disagreements: ${Object.keys(KEPT_DISAGREEMENTS).length}`);
  });
});
