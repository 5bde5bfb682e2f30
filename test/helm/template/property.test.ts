/**
 * Hostile templates: arbitrary text built from template fragments (delimiters, trim markers, keywords,
 * pipelines, defines calling themselves) and random characters. Parsing and executing either succeeds with a
 * well-formed source map or throws a TemplateError; nothing else escapes, and the budgets bound the time.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { executeTemplate, parseTemplates, TemplateSet } from '../../../rules/models/helm/template';
import { TemplateError } from '../../../rules/models/helm/value';
import { budget, checkSpans, TEST_FUNCTIONS } from './harness';

/** Fixed seed: fast-check prints the seed and the smallest failing input, so a failure can be replayed. */
const SEED = 20261202;

const FRAGMENTS = [
  '{{', '}}', '{{- ', ' -}}', '{{/* c */}}', '/*', '*/', ' ', '\n', 'a: ', '- x\n',
  'if', 'else', 'else if', 'end', 'range', 'with', 'define "t"', 'template "t" .', 'block "b" .', 'break', 'continue',
  '.', '$', '$x', '$x :=', '$x =', '$i, $e :=', '.Values', '.Values.a', '.Values.list', '.Values.a.b.c', '$.Values',
  '|', '(', ')', '"s"', '`raw`', "'c'", '1', '-2', '0x1F', '1.5', '1e3', '1i', 'nil', 'true',
  'include "t" .', 'include "t" $', 'tpl .Values.s .', 'nindent 2', 'quote', 'printf "%v-%d"', 'print', 'len', 'index .Values.list 0',
  'slice .Values.s 1', 'eq 1 1', 'lt 1 2.0', 'and', 'or', 'not', 'dict "a" 1', 'list 1 2', 'toYaml .Values',
];

const template = fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 4 }) }), { maxLength: 40 }).map((parts) => parts.join(''));

const data = new Map([
  [
    'Values',
    new Map<string, import('../../../rules/models/helm/value').GoValue>([
      ['a', new Map([['b', 'x']])],
      ['list', [1n, 'two', null, new Map()]],
      ['s', '{{ include "t" . }}{{ .Values.s }}'],
    ]),
  ],
]);

describe('template robustness (property)', () => {
  it('arbitrary templates render or fail with a TemplateError, within the budgets', () => {
    let rendered = 0;
    fc.assert(
      fc.property(template, template, (body, helper) => {
        const files = { '/t.yaml': body, '/_h.tpl': `{{ define "t" }}${helper}{{ end }}` };
        const started = Date.now();
        try {
          const set = new TemplateSet(TEST_FUNCTIONS);
          for (const [file, text] of Object.entries(files)) parseTemplates(file, text, set);
          const output = executeTemplate(set, '/t.yaml', data, {
            functions: TEST_FUNCTIONS,
            budget: budget({ steps: 20_000, outputChars: 200_000, deadline: Date.now() + 1_000 }),
            missingKey: 'zero',
          });
          checkSpans(output, files);
          rendered++;
          assert.ok(output.text.length <= 200_000);
        } catch (error) {
          if (!(error instanceof TemplateError)) throw error;
        }
        assert.ok(Date.now() - started < 2_000, 'stays within the deadline');
      }),
      { numRuns: 400, seed: SEED },
    );
    // The generator must reach the evaluator, not only the parser's errors.
    assert.ok(rendered >= 150, `${rendered} of 400 rendered`);
  });
});
