import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES, ALL_RULE_METAS } from '../../rules';
import { FILE_KINDS, STRIDE_CATEGORIES, SEVERITIES, emptyConfig, indexOfTexts, ruleDocsPath, type RuleExample, type RuleMeta, type WorkspaceFacts } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { examplePath, renderRulePage } from '../../server/shared/rule-docs';
import { REPO_ROOT } from '../helpers/shared';

/** One test over all rules: metadata is the single source of docs, SARIF and settings, so it must be right. */
describe('rule metadata', () => {
  it('ids are unique, scoped kebab-case and match the rule’s kind and file', () => {
    const ids = ALL_RULE_METAS.map((meta) => meta.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate rule id');
    for (const meta of ALL_RULE_METAS) {
      assert.match(meta.id, /^(dockerfile|compose|daemon|kubernetes|audit|dotenv|docker-config|stridelint)\/[a-z0-9]+(?:-[a-z0-9]+)*$/, meta.id);
      const scope = meta.id.split('/')[0];
      assert.equal(scope === 'stridelint' ? 'any' : scope, meta.kind, `${meta.id}: kind`);
    }
  });

  it('the registry is sorted by id', () => {
    const ids = ALL_RULES.map((rule) => rule.meta.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a.localeCompare(b)));
  });

  for (const meta of ALL_RULE_METAS) {
    describe(meta.id, () => {
      it('has a STRIDE category, severity, fix kind, and prose that ends in full stops', () => {
        assert.ok((STRIDE_CATEGORIES as readonly string[]).includes(meta.stride));
        assert.ok((SEVERITIES as readonly string[]).includes(meta.severity));
        assert.ok(['fix', 'suggest', 'none'].includes(meta.fix));
        assert.ok(meta.kind === 'any' || (FILE_KINDS as readonly string[]).includes(meta.kind));
        assert.ok(meta.title.length > 0 && !meta.title.endsWith('.'), 'title: no period');
        assert.match(meta.description, /[.)]$/);
        assert.match(meta.remediation, /[.)]$/);
      });

      it('references are well formed (CIS ids carry their benchmark version)', () => {
        for (const reference of meta.references) {
          assert.ok(reference.id.length > 0);
          if (reference.source === 'cis-docker' || reference.source === 'cis-kubernetes') {
            assert.match(reference.version ?? '', /^\d+\.\d+(\.\d+)?$/, `${meta.id}: CIS reference ${reference.id} needs a version`);
            assert.match(reference.id, /^\d+(\.\d+)*$/);
          }
          if (reference.source === 'hadolint') assert.match(reference.id, /^(DL|SC)\d{4}$/);
          if (reference.source === 'checkov') assert.match(reference.id, /^CKV2?_[A-Z0-9_]+$/);
          if (reference.source === 'kube-linter') assert.match(reference.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
          if (reference.source === 'polaris') assert.match(reference.id, /^[a-z][A-Za-z]+$/);
          if (reference.source === 'pss') assert.ok(reference.note === 'baseline' || reference.note === 'restricted', 'PSS level in note');
        }
      });

      it('has a current docs page', () => {
        const file = join(REPO_ROOT, ruleDocsPath(meta.id));
        assert.ok(existsSync(file), `missing ${ruleDocsPath(meta.id)}: run npm run docs`);
        assert.equal(readFileSync(file, 'utf8'), renderRulePage(meta), `stale ${ruleDocsPath(meta.id)}: run npm run docs`);
      });

      if (meta.kind !== 'any') {
        it('its documented examples behave as documented', () => {
          assert.ok(meta.examples.invalid.length > 0, 'at least one flagged example');
          const config = emptyConfig();
          config.rules[meta.id] = { severity: meta.severity };
          for (const example of meta.examples.invalid) {
            const findings = lintFile(example.code, examplePath(meta, example), { config, workspace: exampleWorkspace(meta, example) }).findings;
            assert.ok(findings.some((finding) => finding.ruleId === meta.id), `invalid example not flagged:\n${example.code}`);
          }
          for (const example of meta.examples.valid) {
            const findings = lintFile(example.code, examplePath(meta, example), { config, workspace: exampleWorkspace(meta, example) }).findings;
            assert.deepEqual(findings.filter((finding) => finding.ruleId === meta.id).map((finding) => finding.message), [], `valid example flagged:\n${example.code}`);
          }
        });

        it('has a test file beside the others', () => {
          const testFile = join(REPO_ROOT, 'test', 'rules', `${meta.id}.test.ts`);
          const nested = join(REPO_ROOT, 'test', 'rules', meta.id.split('/')[0], '**');
          assert.ok(existsSync(testFile) || hasTestMention(meta.id), `no tests for ${meta.id} (expected ${testFile}; nested under ${nested} is fine when the file imports the rule)`);
        });
      }
    });
  }
});

function hasTestMention(id: string): boolean {
  // Rules grouped in sub-folders (kubernetes/workloads/…) keep tests at test/rules/kubernetes/<group>/<name>.test.ts.
  const [kind, name] = id.split('/');
  for (const group of ['workloads', 'rbac', 'control-plane']) {
    if (existsSync(join(REPO_ROOT, 'test', 'rules', kind, group, `${name}.test.ts`))) return true;
  }
  return false;
}

describe('README rule table', () => {
  it('is current', async () => {
    const { renderReadmeTable, README_TABLE_START, README_TABLE_END } = await import('../../server/shared/rule-docs');
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf(README_TABLE_START) + README_TABLE_START.length;
    const end = readme.indexOf(README_TABLE_END);
    assert.equal(readme.slice(start, end), '\n' + renderReadmeTable(), 'stale README rule table: run npm run docs');
  });
});

/** An example's workspace: its facts, and the index of its other files (and itself) when it has some. */
function exampleWorkspace(meta: RuleMeta, example: RuleExample): WorkspaceFacts | undefined {
  if (!example.files) return example.workspace;
  return { ...example.workspace, index: indexOfTexts({ ...example.files, [examplePath(meta, example)]: example.code }).view() };
}
