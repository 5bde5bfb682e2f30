import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULE_METAS, ALL_RULES } from '../../rules';
import { effectiveRuleSetting, parseConfig } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { PROFILES, findProfile } from '../../rules/engine/profiles';

const KNOWN = new Set(ALL_RULE_METAS.map((meta) => meta.id));
const config = (text: string) => parseConfig(text, '.stridelint.yaml', '', KNOWN);
const metaOf = (id: string) => ALL_RULE_METAS.find((meta) => meta.id === id)!;
const citing = (source: string, note?: string) =>
  ALL_RULES.map((rule) => rule.meta)
    .filter((meta) => meta.references.some((reference) => reference.source === source && (note === undefined || reference.note === note)))
    .map((meta) => meta.id)
    .sort();

/** Rules that cite a PSS control but check something else than a pod: documented in docs/profiles.md. */
const NOT_POD_CONTROLS = ['kubernetes/kubelet-unsafe-sysctls'];
/** PSS lists "non-root groups" as optional; Pod Security Admission does not enforce it. */
const OPTIONAL_CONTROLS = ['kubernetes/run-as-root-group'];

describe('built-in presets', () => {
  it('name only real rules', () => {
    for (const profile of PROFILES) for (const id of Object.keys(profile.rules)) assert.ok(KNOWN.has(id), `${profile.id}: ${id}`);
  });

  it('pss-baseline selects exactly the rules citing a PSS baseline control (pod controls only)', () => {
    const selected = Object.keys(findProfile('stridelint:pss-baseline')!.rules).sort();
    assert.deepEqual(selected, citing('pss', 'baseline').filter((id) => !NOT_POD_CONTROLS.includes(id)));
  });

  it('pss-restricted selects exactly the baseline and restricted controls (the optional one left out)', () => {
    const selected = Object.keys(findProfile('stridelint:pss-restricted')!.rules).sort();
    const expected = [...new Set([...citing('pss', 'baseline'), ...citing('pss', 'restricted')])].filter((id) => !NOT_POD_CONTROLS.includes(id) && !OPTIONAL_CONTROLS.includes(id)).sort();
    assert.deepEqual(selected, expected);
  });

  it('the CIS presets select the rules that cite their benchmark', () => {
    assert.deepEqual(Object.keys(findProfile('stridelint:cis-docker')!.rules).sort(), citing('cis-docker'));
    assert.deepEqual(Object.keys(findProfile('stridelint:cis-kubernetes')!.rules).sort(), citing('cis-kubernetes'));
  });
});

describe('extends', () => {
  it('later presets override earlier ones, and the file’s own keys override the presets', () => {
    const privileged = metaOf('kubernetes/no-privileged');
    const limit = metaOf('kubernetes/memory-limit');
    const restricted = config('extends: [stridelint:pss-restricted]\n');
    assert.deepEqual(effectiveRuleSetting(restricted, 'a.yaml', limit).severity, 'off');
    assert.deepEqual({ ...effectiveRuleSetting(restricted, 'a.yaml', privileged), options: undefined }, { severity: 'error', configured: true, options: undefined, origin: 'stridelint:pss-restricted' });

    const thenRecommended = config('extends: [stridelint:pss-restricted, stridelint:recommended]\n');
    assert.equal(effectiveRuleSetting(thenRecommended, 'a.yaml', limit).severity, limit.severity);
    assert.equal(effectiveRuleSetting(thenRecommended, 'a.yaml', limit).origin, 'stridelint:recommended');

    const own = config('extends: stridelint:pss-restricted\nrules:\n  kubernetes/no-privileged: warning\n  kubernetes/memory-limit: info\n');
    assert.equal(effectiveRuleSetting(own, 'a.yaml', privileged).severity, 'warning');
    assert.equal(effectiveRuleSetting(own, 'a.yaml', privileged).origin, 'rules');
    assert.equal(effectiveRuleSetting(own, 'a.yaml', limit).severity, 'info');

    const category = config('extends: stridelint:strict\ncategories:\n  denial-of-service: false\n');
    assert.equal(effectiveRuleSetting(category, 'a.yaml', limit).severity, 'off');
    assert.equal(effectiveRuleSetting(category, 'a.yaml', limit).origin, 'categories.denial-of-service');
    assert.equal(effectiveRuleSetting(category, 'a.yaml', privileged).severity, 'error');
  });

  it('strict turns on the rules that are off by default; recommended leaves them off', () => {
    const offByDefault = ALL_RULES.map((rule) => rule.meta).find((meta) => meta.enabledByDefault === false)!;
    assert.equal(effectiveRuleSetting(config('extends: stridelint:strict\n'), 'Dockerfile', offByDefault).severity, 'error');
    assert.equal(effectiveRuleSetting(config('extends: stridelint:recommended\n'), 'Dockerfile', offByDefault).severity, 'off');
  });

  it('an unknown preset is a configuration error that lists the presets', () => {
    assert.throws(() => config('extends: [stridelint:pss-strictest]\n'), /"extends(\.0)?" must be one of .*stridelint:pss-restricted/);
  });

  it('done when: stridelint:pss-restricted reports exactly the PSS restricted controls the manifest violates', () => {
    // Violates: Host Namespaces (hostNetwork), Privileged, Privilege Escalation (not set to false), Running as
    // Non-root, Seccomp (unset), Capabilities (no drop ALL), Volume Types (hostPath ⇒ also HostPath Volumes).
    // Also has problems that are no PSS control: an unpinned image, no limits, default namespace, a secret literal.
    const manifest = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  hostNetwork: true',
      '  containers:',
      '    - name: web',
      '      image: nginx:latest',
      '      env:',
      '        - name: DB_PASSWORD',
      '          value: hunter2-but-longer',
      '      securityContext:',
      '        privileged: true',
      '  volumes:',
      '    - name: logs',
      '      hostPath:',
      '        path: /var/log/web',
      '',
    ].join('\n');
    const everything = lintFile(manifest, 'pod.yaml').findings.map((finding) => finding.ruleId);
    assert.ok(everything.includes('kubernetes/image-tag') && everything.includes('kubernetes/memory-limit'), 'the manifest has non-PSS findings too');
    const findings = lintFile(manifest, 'pod.yaml', { config: config('extends: [stridelint:pss-restricted]\n') }).findings;
    assert.deepEqual([...new Set(findings.map((finding) => finding.ruleId))].sort(), [
      'kubernetes/allow-privilege-escalation',
      'kubernetes/capabilities-drop-all',
      'kubernetes/no-host-network',
      'kubernetes/no-hostpath',
      'kubernetes/no-privileged',
      'kubernetes/restricted-volume-types',
      'kubernetes/run-as-non-root',
      'kubernetes/seccomp-not-set',
    ]);
    assert.ok(findings.every((finding) => finding.severity === 'error'));
    const baseline = lintFile(manifest, 'pod.yaml', { config: config('extends: stridelint:pss-baseline\n') }).findings;
    assert.deepEqual([...new Set(baseline.map((finding) => finding.ruleId))].sort(), ['kubernetes/no-host-network', 'kubernetes/no-hostpath', 'kubernetes/no-privileged']);
  });
});
