import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyConfig, type StridelintConfig } from '../../rules/engine';
import { describeConfiguration } from '../../server/report/configuration';

function config(source: string, changes: Partial<StridelintConfig>): StridelintConfig {
  return { ...emptyConfig('/ws'), source, ...changes };
}

describe('describeConfiguration', () => {
  it('lists each config file once, with the rules it re-levels, inside overrides too, and leaves out settings equal to the default', () => {
    const root = config('/ws/.stridelint.yaml', {
      rules: { 'dockerfile/add-instead-of-copy': { severity: 'warning' }, 'stridelint/not-analysed': { severity: 'off' } },
      overrides: [{ files: ['legacy/**'], rules: { 'dockerfile/add-instead-of-copy': { severity: 'info' } }, categories: { tampering: false } }],
    });
    const nested = config('/ws/app/.stridelint.yaml', { rules: { 'dockerfile/add-instead-of-copy': { options: { strict: true } } } });
    const described = describeConfiguration([root, nested, root, emptyConfig()], {}, (source) => source.replace('/ws/', ''));
    assert.deepEqual(described.sources, ['.stridelint.yaml', 'app/.stridelint.yaml']);
    assert.deepEqual(described.ruleChanges, [
      { ruleId: 'stridelint/not-analysed', setting: 'off', defaultSeverity: 'info', source: '.stridelint.yaml' },
      { ruleId: 'dockerfile/add-instead-of-copy', setting: 'info', defaultSeverity: 'warning', source: '.stridelint.yaml', files: ['legacy/**'] },
    ]);
    assert.deepEqual(described.categoriesOff, [{ stride: 'tampering', source: '.stridelint.yaml', files: ['legacy/**'] }]);
  });

  it('lets the command line win over the config file for the same rule', () => {
    const root = config('/ws/.stridelint.yaml', { rules: { 'dockerfile/add-instead-of-copy': { severity: 'error' } }, ignore: ['dist/**'] });
    const described = describeConfiguration([root], { 'dockerfile/add-instead-of-copy': 'off' });
    assert.deepEqual(described.ruleChanges, [{ ruleId: 'dockerfile/add-instead-of-copy', setting: 'off', defaultSeverity: 'warning', source: 'command line' }]);
    assert.deepEqual(described.ignore, [{ pattern: 'dist/**', source: '/ws/.stridelint.yaml' }]);
  });

  it('says nothing was configured when no file was found', () => {
    assert.deepEqual(describeConfiguration([emptyConfig()]), { sources: [], ruleChanges: [], categoriesOff: [], ignore: [] });
  });
});
