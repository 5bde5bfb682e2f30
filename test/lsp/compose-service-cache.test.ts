import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { emptyConfig, lintFile, type Finding } from '../../rules/engine';
import { ALL_RULES } from '../../rules';
import { composeLayout } from '../../server/lsp/compose-layout';
import { ComposeServiceCache } from '../../server/lsp/compose-service-cache';
import { applyComposeEdit, composeEdit, composeSource, composeText } from './fixtures/compose-edits';

const PATH = '/work/shop/compose.yaml';
const KEY = 'file:///work/shop/compose.yaml';

const comparable = (findings: readonly Finding[]) => findings.map(({ ruleId, severity, message, range, fixes, related, data }) => JSON.stringify({ ruleId, severity, message, range, fixes, related, data }));

describe('per-service lint cache of open compose files', () => {
  it('gives exactly the findings and facts of a from-scratch lint of the whole file after every edit of a random sequence', () => {
    const config = emptyConfig();
    const identity = [config];
    let perService = 0;
    let whole = 0;
    fc.assert(
      fc.property(composeText, fc.array(composeEdit, { minLength: 1, maxLength: 12 }), fc.boolean(), (initial, edits, crlf) => {
        const cache = new ComposeServiceCache();
        let file = initial;
        for (const step of [undefined, ...edits]) {
          if (step) file = applyComposeEdit(file, step);
          const text = crlf ? composeSource(file).replace(/\n/g, '\r\n') : composeSource(file);
          const scratch = lintFile(text, PATH, { config, rules: ALL_RULES, kind: 'compose', facts: true });
          const cached = step ? cache.lint(KEY, text, PATH, { config, rules: ALL_RULES }, identity) : undefined;
          if (cached === undefined) {
            whole++;
            cache.seed(KEY, text, PATH, scratch.findings, scratch.facts, identity); // as the server does after a whole-file lint
            continue;
          }
          perService++;
          const got = comparable(cached.findings);
          const want = comparable(scratch.findings);
          const extra = got.filter((finding) => !want.includes(finding));
          const missing = want.filter((finding) => !got.includes(finding));
          assert.deepEqual(got, want, `after ${JSON.stringify(step)}: extra ${extra.join('\n')}; missing ${missing.join('\n')}; text:\n${text}`);
          assert.deepEqual(cached.facts, scratch.facts ?? { kind: 'compose', builds: [], envFiles: [] }, `facts after ${JSON.stringify(step)}`);
        }
      }),
      { numRuns: 200, seed: 20261203 },
    );
    assert.ok(perService > 600, `the per-service path was taken ${perService} times (whole-file ${whole})`);
  });

  it('re-lints only the edited service and keeps the other services\' finding objects', () => {
    const config = emptyConfig();
    const service = (name: string, privileged: boolean) => `  ${name}:\n    image: app:1\n    privileged: ${privileged}\n`;
    const text = (first: boolean) => `services:\n${service('a', first)}${service('b', true)}volumes:\n  data: {}\n`;
    const cache = new ComposeServiceCache();
    const seedLint = lintFile(text(true), PATH, { config, rules: ALL_RULES, facts: true });
    cache.seed(KEY, text(true), PATH, seedLint.findings, seedLint.facts, [config]);
    const result = cache.lint(KEY, text(false), PATH, { config, rules: ALL_RULES }, [config]);
    const again = cache.lint(KEY, text(true), PATH, { config, rules: ALL_RULES }, [config]);
    assert.ok(result && again);
    const ofB = (findings: readonly Finding[]) => findings.filter((finding) => finding.range.start.line >= 4 && finding.range.start.line < 7);
    assert.ok(ofB(result.findings).length > 0);
    assert.deepEqual(comparable(ofB(result.findings)), comparable(ofB(seedLint.findings)));
    ofB(again.findings).forEach((finding, index) => assert.equal(finding, ofB(result.findings)[index], 'the same object'));
    assert.ok(!result.findings.some((finding) => finding.ruleId === 'compose/no-privileged' && finding.range.start.line === 3), 'service a is no longer privileged');
    assert.deepEqual(comparable(again.findings), comparable(seedLint.findings));
    // Another identity (settings changed): linted whole.
    assert.equal(cache.lint(KEY, text(true), PATH, { config, rules: ALL_RULES }, [emptyConfig()]), undefined);
  });

  it('declines what a service reads elsewhere or what crosses services', () => {
    const cases: Array<[string, string]> = [
      ['an anchor defined in a service', 'services:\n  a:\n    image: &img x\n  b:\n    image: *img\n'],
      ['extends', 'services:\n  a:\n    image: x\n  b:\n    extends: a\n'],
      ['a suppression comment', 'services:\n  a:\n    # stridelint-disable-next-line compose/no-privileged\n    privileged: true\n'],
      ['a quoted value running past its service', 'services:\n  a:\n    command: "x\n  b: y"\n'],
      ['a flow collection running past its service', 'services:\n  a:\n    ports: [\n  b: 1 ]\n'],
      ['a service name twice', 'services:\n  a:\n    image: x\n  a:\n    image: y\n'],
      ['a merge key in services', 'services:\n  <<: *base\n  a:\n    image: x\n'],
      ['services in flow style', 'services: {a: {image: x}}\n'],
      ['a second document', 'services:\n  a:\n    image: x\n---\nservices: {}\n'],
      ['old Mac line ends', 'services:\r  a:\r    image: x\r'],
      ['a tab in the indentation', 'services:\n\ta:\n    image: x\n'],
      ['an alias in the head', 'x-a: &a\n  k: v\nx-b: *a\nservices:\n  s:\n    labels: *a\n'],
      ['an alias in the tail', 'x-a: &a\n  k: v\nservices:\n  s:\n    image: x\nx-b: *a\n'],
      ['an alias to an anchor not defined above the services', 'services:\n  s:\n    labels: *a\nx-a: &a\n  k: v\n'],
      ['many aliases', `x-a: &a\n  k: v\nservices:\n${Array.from({ length: 15 }, (_, i) => `  s${i}:\n    labels: *a\n`).join('')}`],
    ];
    for (const [label, text] of cases) assert.equal(composeLayout(text), undefined, label);
    const layout = composeLayout('name: x\nservices:\n  # web\n  web:\n    image: x\n\n  db:\n    image: "it\'s"\n    command: [a, "b"]\n# end\nvolumes: {}\n');
    assert.deepEqual(layout?.services.map((part) => [part.line, part.text]), [[2, '  # web\n  web:\n    image: x\n'], [5, '\n  db:\n    image: "it\'s"\n    command: [a, "b"]\n']]);
    assert.deepEqual([layout?.head.text, layout?.tail.text, layout?.tail.line], ['name: x\nservices:\n', '# end\nvolumes: {}\n', 9]);
  });
});
