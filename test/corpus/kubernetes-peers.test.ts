import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules';
import { emptyConfig, type Finding } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { peerCases, peerPath, SHARED_SKIP_REASON, type PeerCase } from '../helpers/shared';

/** Which of our rules answers each peer concept, and which of its findings count (a sub-case or an option). */
interface Mapping {
  rules: string[];
  options?: Record<string, unknown>;
  counts?: (finding: Finding) => boolean;
}

const WORKLOAD_CONCEPTS: Record<string, Mapping> = {
  privileged: { rules: ['kubernetes/no-privileged'] },
  'host-network': { rules: ['kubernetes/no-host-network'] },
  'host-pid': { rules: ['kubernetes/no-host-pid'] },
  'host-ipc': { rules: ['kubernetes/no-host-ipc'] },
  'host-port': { rules: ['kubernetes/no-host-port'] },
  'capabilities-not-dropped': { rules: ['kubernetes/capabilities-drop-all'] },
  'net-raw-not-dropped': { rules: ['kubernetes/capabilities-drop-all'], counts: (finding) => finding.data?.netRawDropped === false },
  'capability-added': { rules: ['kubernetes/capabilities-added'] },
  'sys-admin-capability': { rules: ['kubernetes/capabilities-added'], counts: (finding) => /SYS_ADMIN/i.test(finding.message) },
  'run-as-root': { rules: ['kubernetes/run-as-non-root', 'kubernetes/run-as-user-root'] },
  'read-only-rootfs': { rules: ['kubernetes/readonly-root-filesystem'] },
  'memory-limit': { rules: ['kubernetes/memory-limit'] },
  'cpu-limit': { rules: ['kubernetes/resource-requests'], counts: (finding) => String(finding.data?.missing ?? '').includes('limits.cpu') },
  'seccomp-unconfined': { rules: ['kubernetes/seccomp-unconfined', 'kubernetes/seccomp-not-set'] },
  'apparmor-unconfined': { rules: ['kubernetes/apparmor-unconfined'] },
  'secrets-in-env': { rules: ['kubernetes/hardcoded-secret'] },
  'secrets-via-env-ref': { rules: ['kubernetes/secret-as-env'] },
  'image-untagged': { rules: ['kubernetes/image-tag'] },
  'image-latest-tag': { rules: ['kubernetes/image-tag'] },
  'image-no-digest': { rules: ['kubernetes/image-tag'], options: { requireDigest: true } },
  'automount-service-account-token': { rules: ['kubernetes/sa-token-automount'] },
  'docker-socket-mount': { rules: ['kubernetes/sensitive-hostpath'] },
  'sensitive-host-path': { rules: ['kubernetes/sensitive-hostpath'] },
  'allow-privilege-escalation': { rules: ['kubernetes/allow-privilege-escalation'] },
};

/**
 * Cases where we knowingly answer differently from the peer, each with the reason. Everything else must
 * behave as the peer labels it.
 */
const KEPT_DISAGREEMENTS: Record<string, string> = {
  'kics/capabilities-not-dropped/negative/2.yaml': 'drops lower-case `all`: Pod Security admission compares "ALL" literally, so restricted rejects it; we report it',
  'checkov/capabilities-not-dropped/negative/1.yaml': 'drops lower-case `all`: Pod Security admission compares "ALL" literally, so restricted rejects it; we report it',
  'kics/run-as-root/negative/2.yaml': 'a container sets `runAsNonRoot: false` (with a non-zero UID): restricted rejects an explicit false, so we report it',
  'checkov/run-as-root/negative/1.yaml': 'a non-zero runAsUser without runAsNonRoot, and a pod-level false overridden by the containers: both fail Pod Security restricted (rule-catalog §4.2), so we report them',
  'kics/host-network/positive/1.yaml': 'a Knative `Configuration`: only the catalog’s pod-bearing kinds (plus DeploymentConfig and Rollout) are read as workloads; other CRDs are left alone',
};

function verdict(peerCase: PeerCase): { flagged: boolean; lines: number[] } {
  const mapping = WORKLOAD_CONCEPTS[peerCase.concept];
  const config = emptyConfig();
  for (const id of mapping.rules) config.rules[id] = { severity: 'warning', options: mapping.options ?? {} };
  const rules = ALL_RULES.filter((rule) => mapping.rules.includes(rule.meta.id));
  const text = readFileSync(peerPath(peerCase), 'utf8');
  const findings = lintFile(text, peerCase.file, { kind: 'kubernetes', config, rules }).findings.filter((finding) => mapping.rules.includes(finding.ruleId) && (mapping.counts?.(finding) ?? true));
  return { flagged: findings.length > 0, lines: findings.map((finding) => finding.range.start.line + 1) };
}

describe('kubernetes workload cases of the peers', { skip: SHARED_SKIP_REASON }, () => {
  const cases = SHARED_SKIP_REASON ? [] : peerCases().filter((peerCase) => peerCase.kind === 'kubernetes' && peerCase.concept in WORKLOAD_CONCEPTS);
  let agree = 0;
  let withLines = 0;
  let sameLine = 0;
  for (const peerCase of cases) {
    const label = `${peerCase.peer} ${peerCase.peerId} ${peerCase.concept} ${peerCase.expect}: ${peerCase.file}`;
    it(label, () => {
      const { flagged, lines } = verdict(peerCase);
      const agrees = flagged === (peerCase.expect === 'positive');
      if (agrees) agree++;
      if (peerCase.expect === 'positive' && peerCase.lines?.length) {
        withLines++;
        if (lines.some((line) => peerCase.lines!.includes(line))) sameLine++;
      }
      const reason = KEPT_DISAGREEMENTS[peerCase.file];
      if (reason) {
        assert.ok(!agrees, `listed as a kept disagreement but agrees now: remove it (${reason})`);
        return;
      }
      assert.ok(agrees, `${peerCase.expect === 'positive' ? 'missed' : 'flagged'} (our lines ${lines.join(', ') || 'none'}; peer lines ${peerCase.lines?.join(', ') ?? 'n/a'})`);
    });
  }
  it('summary', () => {
    console.log(`peers agreement (kubernetes workloads): ${agree} of ${cases.length} cases; ${Object.keys(KEPT_DISAGREEMENTS).length} kept disagreements; on ${sameLine} of ${withLines} positives with peer lines we report on one of those lines`);
    assert.ok(cases.length > 40);
  });
});
