import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fingerprintFindings, type Finding } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';

function fingerprints(text: string, path: string): Array<{ ruleId: string; fingerprint: string }> {
  const result = lintFile(text, path);
  const prints = fingerprintFindings(text, result.kind, result.findings);
  return result.findings.map((finding: Finding, index) => ({ ruleId: finding.ruleId, fingerprint: prints[index] })).sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
}

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n  api:\n    image: nginx:1.27\n    privileged: true\n';
const DEPLOYMENTS = [
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n  hostNetwork: true\n  containers:\n    - name: app\n      image: nginx:1.27\n',
];

describe('finding fingerprints', () => {
  it('do not change when lines are inserted above the finding', () => {
    assert.deepEqual(fingerprints(`# one\n# two\n\n${COMPOSE}`, 'compose.yaml'), fingerprints(COMPOSE, 'compose.yaml'));
    const dockerfile = 'FROM alpine:3.20\nUSER root\n';
    assert.deepEqual(fingerprints(`# syntax note\n\n${dockerfile}`, 'Dockerfile'), fingerprints(dockerfile, 'Dockerfile'));
  });

  it('do not change when a YAML file is re-indented', () => {
    const reindented = COMPOSE.replace(/^( +)/gm, (spaces) => spaces.repeat(2));
    assert.deepEqual(fingerprints(reindented, 'compose.yaml'), fingerprints(COMPOSE, 'compose.yaml'));
  });

  it('do not change when Kubernetes documents are reordered', () => {
    const forward = fingerprints(DEPLOYMENTS.join('---\n'), 'k8s.yaml');
    assert.ok(forward.length > 2);
    assert.deepEqual(fingerprints([...DEPLOYMENTS].reverse().join('---\n'), 'k8s.yaml'), forward);
  });

  it('do not change when a Dockerfile instruction is split over continuation lines', () => {
    const one = 'FROM alpine:3.20\nRUN apk add curl && curl -k https://example.com/x.sh | sh\n';
    const split = 'FROM alpine:3.20\nRUN apk add curl \\\n    && curl -k https://example.com/x.sh | sh\n';
    assert.deepEqual(fingerprints(split, 'Dockerfile'), fingerprints(one, 'Dockerfile'));
  });

  it('tell apart the same finding in two places, and change when the flagged value changes', () => {
    const both = fingerprints(COMPOSE, 'compose.yaml').filter((entry) => entry.ruleId === 'compose/no-privileged');
    assert.equal(both.length, 2);
    assert.notEqual(both[0].fingerprint, both[1].fingerprint);
    const changed = fingerprints(COMPOSE.replace('image: nginx:1.27\n    privileged', 'image: nginx:1.27\n    privileged'), 'compose.yaml');
    assert.deepEqual(changed, fingerprints(COMPOSE, 'compose.yaml'));
    const before = fingerprints('FROM alpine:3.20\nUSER root\n', 'Dockerfile').find((entry) => entry.ruleId === 'dockerfile/no-root-user');
    const after = fingerprints('FROM alpine:3.20\nUSER 0\n', 'Dockerfile').find((entry) => entry.ruleId === 'dockerfile/no-root-user');
    assert.ok(before && after);
    assert.notEqual(before.fingerprint, after.fingerprint);
  });

  it('are the same from the lint (its trees and line index kept) as from the text alone', () => {
    // Two findings or more per document: each document's name is looked up once and must stay its own.
    const text = `\uFEFF${DEPLOYMENTS.join('---\n')}---\n${DEPLOYMENTS[0].replace('name: a', 'name: c')}`;
    const linted = lintFile(text, 'k8s.yaml', { fingerprints: true });
    assert.ok(linted.findings.filter((finding) => finding.range.start.line < 10).length > 1); // the first document (10 lines)
    assert.deepEqual(
      linted.findings.map((finding) => finding.fingerprint),
      fingerprintFindings(text, linted.kind, linted.findings),
    );
    // The first and the third document differ only in their name: each finding is fingerprinted under its own
    // document's name, as when that document is linted alone.
    const privileged = linted.findings.filter((finding) => finding.ruleId === 'kubernetes/no-privileged').map((finding) => finding.fingerprint);
    const alone = (document: string) => lintFile(document, 'k8s.yaml', { fingerprints: true }).findings.find((finding) => finding.ruleId === 'kubernetes/no-privileged')?.fingerprint;
    assert.deepEqual(privileged, [alone(DEPLOYMENTS[0]), alone(DEPLOYMENTS[0].replace('name: a', 'name: c'))]);
    assert.notEqual(privileged[0], privileged[1]);
  });

  it('never throw on text the parsers reject', () => {
    const text = 'services:\n  web: [unclosed\n';
    const result = lintFile(text, 'compose.yaml');
    const prints = fingerprintFindings(text, result.kind, result.findings);
    assert.equal(prints.length, result.findings.length);
    for (const print of prints) assert.match(print, /^[0-9a-f]{16}$/);
  });
});
