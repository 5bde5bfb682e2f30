import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineRule } from '../../rules/engine/rule';
import { emptyConfig, factsOfFile, indexOfTexts } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import addInsteadOfCopy from '../../rules/dockerfile/add-instead-of-copy';

const throwing = defineRule({
  meta: { ...addInsteadOfCopy.meta, id: 'dockerfile/test-throws', title: 'Throws' },
  check() {
    throw new TypeError('boom');
  },
});

describe('lint()', () => {
  it('returns no kind and no findings for a file it does not lint', () => {
    assert.deepEqual(lintFile('hello', 'notes.txt'), { findings: [] });
  });

  it('isolates a rule that throws: one internal-error finding, the other rules still run', () => {
    const result = lintFile('FROM a:1\nADD x /x\n', 'Dockerfile', { rules: [throwing, addInsteadOfCopy] });
    assert.deepEqual(result.findings.map((finding) => finding.ruleId), ['stridelint/internal-error', 'dockerfile/add-instead-of-copy']);
    assert.match(result.findings[0].message, /Rule dockerfile\/test-throws failed on this file \(TypeError: boom\)/);
  });

  it('skips binary text with one info finding', () => {
    const result = lintFile('FROM a\u0000\u0001', 'Dockerfile');
    assert.equal(result.skipped, 'the file contains NUL bytes, so it is binary, not text');
    assert.deepEqual(result.findings.map((finding) => [finding.ruleId, finding.severity]), [['stridelint/not-analysed', 'info']]);
  });

  it('skips files over the configured size', () => {
    const config = { ...emptyConfig(), maxFileSize: 10 };
    const result = lintFile('FROM alpine:3.20\n', 'Dockerfile', { config });
    assert.match(result.skipped ?? '', /larger than 10 bytes/);
  });

  it('reports invalid JSON as one parse error at the exact offset (a trailing comma: on the comma)', () => {
    const result = lintFile('{\n  "icc": false,\n}\n', 'daemon.json');
    const parseErrors = result.findings.filter((finding) => finding.ruleId === 'stridelint/parse-error');
    assert.equal(parseErrors.length, 1);
    assert.deepEqual(parseErrors[0].range.start, { line: 1, character: 14 });
  });

  it('gives the same findings twice (no hidden state)', () => {
    const text = 'FROM a:1\nADD x /x\nADD y /y\n';
    assert.deepEqual(lintFile(text, 'Dockerfile'), lintFile(text, 'Dockerfile'));
  });

  it('sorts findings by position', () => {
    const findings = lintFile('FROM a:1\nADD y /y\n# stridelint-disable nope/nope\nADD x /x\n', 'Dockerfile').findings;
    const lines = findings.map((finding) => finding.range.start.line);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
  });

  it('hands the file\'s own facts, from its one parse, to workspaceWithFacts before the rules read the workspace', () => {
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      serviceAccountName: web\n      containers:\n        - name: web\n          image: web:1.0\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: web\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: web\n    namespace: shop\nroleRef:\n  kind: Role\n  name: web\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: web\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["create"]\n`;
    const path = 'k8s/web.yaml';
    const seen: unknown[] = [];
    const result = lintFile(text, path, {
      workspaceWithFacts: (facts) => {
        seen.push(facts);
        return { index: indexOfTexts({ [path]: text }).view() };
      },
    });
    assert.deepEqual(seen, [factsOfFile(text, path)]);
    assert.ok(result.findings.some((finding) => finding.ruleId === 'kubernetes/rbac-blast-radius'), 'the rules read the workspace it returned');
    assert.equal(result.facts, undefined, 'facts are returned only when asked');
    const skipped: unknown[] = [];
    lintFile('FROM a\u0000', 'Dockerfile', { workspaceWithFacts: (facts) => (skipped.push(facts), {}) });
    assert.deepEqual(skipped, [], 'not called for a file that is not analysed');
  });
});
