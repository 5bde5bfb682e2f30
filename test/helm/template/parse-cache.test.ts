/** The template parse cache: the same text under another chart's name reuses the trees, named and placed anew. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executeTemplate, parseTemplates, TemplateExecError, TemplateParseCache, TemplateSet } from '../../../rules/models/helm/template';
import { budget, TEST_FUNCTIONS } from './harness';

const HELPERS = '{{- define "common.name" -}}{{ .name }}{{- end -}}\n{{ .missing.field }}';

function setWith(cache: TemplateParseCache, name: string, file: string, text: string): TemplateSet {
  const set = new TemplateSet(TEST_FUNCTIONS, cache);
  parseTemplates(file, text, set, name);
  return set;
}

function execError(set: TemplateSet, name: string): TemplateExecError {
  try {
    executeTemplate(set, name, new Map(), { functions: TEST_FUNCTIONS, budget: budget(), missingKey: 'zero' });
  } catch (error) {
    assert.ok(error instanceof TemplateExecError);
    return error;
  }
  assert.fail('expected an exec error');
}

describe('template parse cache', () => {
  it('reuses the trees of a text seen under another name, with the new name and file', () => {
    const cache = new TemplateParseCache();
    const first = setWith(cache, 'a/charts/common/templates/_h.tpl', '/w/common/templates/_h.tpl', HELPERS);
    const second = setWith(cache, 'b/charts/common/templates/_h.tpl', '/v/common/templates/_h.tpl', HELPERS);
    const [a, b] = [first.lookup('a/charts/common/templates/_h.tpl')!, second.lookup('b/charts/common/templates/_h.tpl')!];
    assert.equal(b.root, a.root, 'the body tree is shared');
    assert.equal(second.lookup('common.name')!.root, first.lookup('common.name')!.root, 'the define is shared');
    assert.equal(second.lookup('a/charts/common/templates/_h.tpl'), undefined);
    assert.deepEqual([b.source.name, b.source.file], ['b/charts/common/templates/_h.tpl', '/v/common/templates/_h.tpl']);
    assert.equal(second.lookup('common.name')!.source.file, '/v/common/templates/_h.tpl');
    // Errors while executing name the template and file it ran under.
    const error = execError(second, 'b/charts/common/templates/_h.tpl');
    assert.match(error.message, /^template: b\/charts\/common\/templates\/_h\.tpl:2:/);
    assert.equal(error.file, '/v/common/templates/_h.tpl');
  });

  it('parses again when a define has the new body name: Go reports that clash, which shared trees would hide', () => {
    const cache = new TemplateParseCache();
    const text = '{{ define "x" }}inner{{ end }}body';
    setWith(cache, 'first', '/f', text);
    assert.throws(() => setWith(cache, 'x', '/g', text), /template: x:1: template: multiple definition of template "x"/);
  });

  it('parses a changed text again under the same name', () => {
    const cache = new TemplateParseCache();
    setWith(cache, 't', '/t', 'one');
    const set = setWith(cache, 't', '/t', 'two');
    assert.equal(executeTemplate(set, 't', null, { functions: TEST_FUNCTIONS, budget: budget(), missingKey: 'zero' }).text, 'two');
  });

  it('keeps the trees of a text only while some file holds it (an edited file drops its old text)', () => {
    const cache = new TemplateParseCache();
    for (const version of ['v1', 'v2', 'v3']) setWith(cache, 'a/templates/_h.tpl', '/a/_h.tpl', `${HELPERS} ${version}`);
    assert.equal(cache.sharedTexts, 1);
    setWith(cache, 'b/templates/_h.tpl', '/b/_h.tpl', `${HELPERS} v3`);
    setWith(cache, 'a/templates/_h.tpl', '/a/_h.tpl', `${HELPERS} v4`);
    assert.equal(cache.sharedTexts, 2, 'v3 is still held by b, v4 by a');
    setWith(cache, 'b/templates/_h.tpl', '/b/_h.tpl', `${HELPERS} v4`);
    assert.equal(cache.sharedTexts, 1);
  });

  it('with a bound keeps the files most recently used, the least recently used dropped with their trees', () => {
    const cache = new TemplateParseCache(2);
    const rootOf = (name: string, text: string) => setWith(cache, name, `/${name}`, text).lookup(name)!.root;
    const a = rootOf('a', 'A');
    const b = rootOf('b', 'B');
    assert.equal(rootOf('a', 'A'), a, 'a is parsed once while kept');
    rootOf('c', 'C'); // b is now the least recently used
    assert.equal(cache.sharedTexts, 2, 'the trees of a dropped file go with it');
    assert.equal(rootOf('a', 'A'), a, 'a, used after b, is still kept');
    assert.notEqual(rootOf('b', 'B'), b, 'b was dropped: parsed again');
    assert.equal(cache.sharedTexts, 2);
  });

  it('keeps only the files it is told to keep; one not kept still gets the trees a kept file holds', () => {
    const cache = new TemplateParseCache(Infinity, (name) => name.includes('/charts/'));
    const rootOf = (name: string, text: string) => setWith(cache, name, `/${name}`, text).lookup(name)!.root;
    const own = rootOf('a/templates/x.yaml', 'X');
    assert.equal(cache.sharedTexts, 0, 'a chart\'s own template is not kept');
    assert.notEqual(rootOf('a/templates/x.yaml', 'X'), own, 'so it is parsed again');
    const library = rootOf('a/charts/common/templates/_h.tpl', HELPERS);
    assert.equal(cache.sharedTexts, 1);
    assert.equal(rootOf('common/templates/_h.tpl', HELPERS), library, 'the library chart itself reuses its vendored copy\'s trees');
    assert.equal(cache.sharedTexts, 1, 'without being kept');
  });
});
