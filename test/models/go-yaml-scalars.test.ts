import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeCodePoint, needsEscape, scalarStyle } from '../../rules/models/go-yaml-scalars';

const style = (value: string, simpleKey = false, needsQuotes = (text: string) => text === 'true') => scalarStyle(value, { isString: true, simpleKey, needsQuotes, astralPrintable: false });

/** The go-yaml emitter decisions Helm's toYaml and the Kustomize printer share (emitterc.go select_scalar_style). */
describe('go-yaml scalar style and escapes (shared by the Helm and Kustomize printers)', () => {
  it('plain when it reads back the same, quotes when the resolver or an indicator says so', () => {
    assert.equal(style('web'), 'plain');
    assert.equal(style('true'), 'double', 'the resolver of the caller');
    assert.equal(style('- item'), 'single', 'a block indicator first');
    assert.equal(style('a: b'), 'single');
    assert.equal(style(' lead'), 'single');
    assert.equal(style("it's\u0007"), 'double', 'not printable: no single quotes');
    assert.equal(scalarStyle('1', { isString: false, simpleKey: false, needsQuotes: () => true, astralPrintable: false }), 'plain', 'numbers are never quoted');
  });

  it('a string with a newline is a literal, except as a key or with trailing spaces', () => {
    assert.equal(style('a\nb\n'), 'literal');
    assert.equal(style('a\nb', true), 'double');
    assert.equal(style('a \nb'), 'double');
    assert.equal(style('', true), 'single');
    assert.equal(style(''), 'plain');
  });

  it('escapes as go-yaml does; beyond the BMP only when the caller\'s go-yaml finds it unprintable', () => {
    assert.deepEqual(['\n', '\t', '\u0085', '\u00e9', '"'].map((c) => needsEscape(c, false)), [true, true, true, false, true]);
    assert.equal(needsEscape('😀', false), true);
    assert.equal(needsEscape('😀', true), false);
    assert.deepEqual([0x0a, 0x1f, 0x2030, 0x1f600, 0xa0].map(escapeCodePoint), ['\\n', '\\x1F', '\\u2030', '\\U0001F600', '\\_']);
    assert.equal(style('😀'), 'double', 'unprintable to upstream go-yaml');
    assert.equal(scalarStyle('😀', { isString: true, simpleKey: false, needsQuotes: () => false, astralPrintable: true }), 'plain');
  });
});
