/**
 * Every function the realworld corpus's Helm templates call exists: each of the corpus's helm-template files is
 * parsed with Helm's full function table (Go's builtins, this library, the chart renderer's include/tpl/required/
 * fail/lookup), and Go's parser rejects a call to an unknown function (`function "x" not defined`).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { helmFunctions } from '../../../rules/models/helm/chart/helm-functions';
import { functionLibrary } from '../../../rules/models/helm/functions';
import { GO_BUILTINS, parseTemplates, TemplateSet } from '../../../rules/models/helm/template';
import { realworldIndex, realworldPath, SHARED_SKIP_REASON } from '../../helpers/shared';

describe('function names used by realworld Helm templates', { skip: SHARED_SKIP_REASON }, () => {
  it('are all defined', () => {
    const functions = new Map([...GO_BUILTINS, ...functionLibrary(), ...helmFunctions({})]);
    const files = realworldIndex().filter((file) => file.kind === 'helm-template');
    assert.ok(files.length >= 900, `${files.length} helm templates`);
    const undefinedCalls: string[] = [];
    let parsed = 0;
    for (const file of files) {
      const text = readFileSync(realworldPath(file), 'utf8');
      try {
        parseTemplates(file.path, text, new TemplateSet(functions));
        parsed++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (/function "[^"]+" not defined/.test(message)) undefinedCalls.push(`${file.path}: ${message}`);
      }
    }
    assert.deepEqual(undefinedCalls, []);
    assert.ok(parsed >= files.length * 0.95, `${parsed}/${files.length} parsed`);
  });
});
