import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULE_METAS } from '../../rules';
import { LineIndex, SEVERITIES, STRIDE_CATEGORIES, STRIDE_EXPLANATIONS, STRIDE_LABELS, parseSuppressions } from '../../rules/engine';
import { COMMANDS } from '../../server/lsp/server';
import { REPO_ROOT } from '../helpers/shared';

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties;

describe('extension manifest (package.json) against rule metadata', () => {
  it('stridelint.rules accepts every rule id and exactly the severities plus off', () => {
    const setting = properties['stridelint.rules'];
    const pattern = new RegExp(setting.propertyNames.pattern);
    for (const meta of ALL_RULE_METAS) assert.match(meta.id, pattern);
    assert.doesNotMatch('dockerfile/Not_An_Id', pattern);
    assert.deepEqual([...setting.additionalProperties.enum].sort(), ['off', ...SEVERITIES].sort());
    assert.equal(setting.additionalProperties.enumDescriptions.length, setting.additionalProperties.enum.length);
  });

  it('stridelint.categories lists the six STRIDE categories, each described by its label and threat', () => {
    const setting = properties['stridelint.categories'];
    assert.deepEqual(Object.keys(setting.properties), [...STRIDE_CATEGORIES]);
    for (const stride of STRIDE_CATEGORIES) assert.equal(setting.properties[stride].description, `${STRIDE_LABELS[stride]}: ${STRIDE_EXPLANATIONS[stride]}`);
    assert.equal(setting.additionalProperties, false);
  });

  it('declares every setting the server reads, each with a description', () => {
    for (const key of ['enable', 'rules', 'categories', 'exclude', 'configFile', 'baselinedFindings', 'scan.workers', 'trace.server']) {
      const setting = properties[`stridelint.${key}`];
      assert.ok(setting, `stridelint.${key}`);
      assert.ok((setting.description ?? setting.markdownDescription ?? '').length > 20, `stridelint.${key} needs a description`);
    }
  });

  it('contributes the five commands, the Threats view and the grammar; runs in untrusted workspaces', () => {
    assert.deepEqual(manifest.contributes.commands.map((command: { command: string }) => command.command), ['stridelint.scanWorkspace', 'stridelint.fixAllInFile', 'stridelint.showRuleDocumentation', 'stridelint.restartServer', 'stridelint.openThreatReport']);
    // Server-side commands are registered by the language client; a clash with a contributed id would fail activation.
    for (const id of Object.values(COMMANDS)) assert.ok(!manifest.contributes.commands.some((command: { command: string }) => command.command === id));
    assert.equal(manifest.contributes.views.explorer[0].id, 'stridelint.threats');
    assert.deepEqual(manifest.contributes.grammars[0].injectTo, ['source.dockerfile', 'source.yaml']);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    for (const language of ['dockerfile', 'dockercompose', 'yaml', 'json']) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`));
  });

  it('the injection grammar highlights suppression comments: directive, rule ids, reason', () => {
    const grammar = JSON.parse(readFileSync(join(REPO_ROOT, manifest.contributes.grammars[0].path), 'utf8'));
    assert.equal(grammar.scopeName, manifest.contributes.grammars[0].scopeName);
    const pattern = new RegExp(grammar.repository.directive.match);
    const match = pattern.exec('    # stridelint-disable-next-line dockerfile/no-root-user, compose/privileged -- init needs root');
    assert.deepEqual([match?.[1], match?.[2], match?.[3]?.trim(), match?.[4], match?.[5]?.trim()], ['#', 'stridelint-disable-next-line', 'dockerfile/no-root-user, compose/privileged', '--', 'init needs root']);
    assert.equal(pattern.exec('image: nginx # stridelint-disable compose/x')?.[2], 'stridelint-disable');
    assert.equal(pattern.exec('# stridelint-disabled'), null);
    assert.equal(pattern.exec('url: http://x/#stridelint-disable'), null);
    // The engine reads the same comments as suppressions.
    assert.deepEqual(parseSuppressions(new LineIndex('FROM a\n  # stridelint-disable-next-line dockerfile/x -- why\nUSER root\n')).map((comment) => comment.ruleIds.map((entry) => entry.id)), [['dockerfile/x']]);
  });
});
