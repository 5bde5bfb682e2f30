/** The lexer and parser: trim markers, comments, literals, numbers, positions of nodes, Go's parse errors. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TOKEN_KINDS, lex } from '../../../rules/models/helm/template/lexer';
import { parseFile, TemplateParseError } from '../../../rules/models/helm/template/parser';
import type { ActionNode, CommandNode, IfOrWithNode, ItemNode, RangeNode, TextNode } from '../../../rules/models/helm/template/tree';
import { nodeText } from '../../../rules/models/helm/template/tree';
import { render } from './harness';

const ALL_FUNCTIONS = { has: () => true };

function out(source: string): string {
  return render({ '/t.yaml': source }, '/t.yaml', null).text;
}

function parseError(source: string): string {
  try {
    parseFile({ name: 't', file: '/t', text: source }, ALL_FUNCTIONS);
  } catch (error) {
    assert.ok(error instanceof TemplateParseError);
    return error.message;
  }
  assert.fail('expected a parse error');
}

describe('template lexer and parser', () => {
  it('trims only with a space, tab or newline beside the dash', () => {
    assert.equal(out('a \n\t {{- "x" -}} \n b'), 'axb');
    assert.equal(out('a {{-3}} b'), 'a -3 b');
    assert.equal(out('a {{- 3}}\n{{- "\\n" -}}\nb'), 'a3\nb');
    assert.equal(out('a\n{{-\t"x"\t-}}\nb'), 'axb');
  });

  it('drops comments, trimmed or not, and rejects a comment not closed before the delimiter', () => {
    assert.equal(out('a {{/* one\ntwo */}} b {{- /* x */ -}} c'), 'a  bc');
    assert.equal(parseError('{{/* x */ }}'), 'template: t:1: comment ends before closing delimiter');
    assert.equal(parseError('{{/* x'), 'template: t:1: unclosed comment');
  });

  it('reads strings, raw strings, characters and numbers as Go does', () => {
    assert.equal(out('{{ "a\\tb\\u00e9\\x41" }}|{{ `raw\\n\r\nline` }}|{{ \'\\n\' }}|{{ \'é\' }}'), 'a\tbéA|raw\\n\nline|10|233');
    assert.equal(out('{{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 0b11 }} {{ 1_000 }} {{ 1.5e3 }} {{ .5 }} {{ -2 }}'), '31 15 15 3 1000 1500 0.5 -2');
    assert.match(parseError('{{ 3x }}'), /bad number syntax: "3x"/);
    assert.match(parseError('{{ 99999999999999999999 }}'), /integer overflow|overflows/);
    assert.match(parseError('{{ "open }}'), /unterminated quoted string/);
  });

  it('records node offsets and prints nodes as Go does', () => {
    const text = 'x: {{ (include "a" .).b | default .Values.c }}';
    const [template] = parseFile({ name: 't', file: '/t', text }, ALL_FUNCTIONS);
    const action = template.root.nodes[1] as ActionNode;
    assert.equal(text.slice(action.start, action.end), '{{ (include "a" .).b | default .Values.c }}');
    const [first, second] = action.pipe.cmds as [CommandNode, CommandNode];
    assert.equal(nodeText(first), '(include "a" .).b');
    assert.equal(text.slice(first.start, first.end), '(include "a" .).b');
    assert.equal(nodeText(second), 'default .Values.c');
    assert.equal(text.slice(second.args[1].start, second.args[1].end), '.Values.c');
  });

  it("reports Go's parse errors", () => {
    assert.equal(parseError('{{ end }}'), 'template: t:1: unexpected {{end}}');
    assert.equal(parseError('{{ if 1 }}'), 'template: t:1: unexpected EOF');
    assert.equal(parseError('{{ else }}'), 'template: t:1: unexpected {{else}}');
    assert.equal(parseError('{{ break }}'), 'template: t:1: function "break" not defined');
    assert.equal(parseError('{{ 1 | 2 }}'), 'template: t:1: non executable command in pipeline stage 2');
    assert.equal(parseError('{{ ( 1 }}'), 'template: t:1: unclosed left paren');
    assert.equal(parseError('{{ .a.b.c) }}'), 'template: t:1: unexpected right paren');
    assert.equal(parseError('{{ "a".b }}'), 'template: t:1: unexpected . after term "\\"a\\""');
    assert.equal(parseError('{{ range $a, $b, $c := . }}{{ end }}'), 'template: t:1: too many declarations in range');
    assert.equal(parseError('{{ if 1 }}\n{{ define "x" }}{{ end }}{{ end }}'), 'template: t:2: unexpected <define> in command');
  });

  it('keeps each nested list, pipeline and command its own entries (lists are built on one stack)', () => {
    const text = 'a{{ if .x }}b{{ range $k, $v := .m }}{{ printf "%s=%s" $k (len (list 1 (add 2 3) 4)) | quote }}{{ end }}{{ else }}{{ $y := 1 }}c{{ end }}d';
    const [template] = parseFile({ name: 't', file: '/t', text }, ALL_FUNCTIONS);
    const [first, ifNode, last] = template.root.nodes as [ItemNode, IfOrWithNode, ItemNode];
    assert.deepEqual([first.type, ifNode.type, last.type, template.root.nodes.length], ['text', 'if', 'text', 3]);
    assert.deepEqual(ifNode.list.nodes.map((node) => node.type), ['text', 'range']);
    const range = ifNode.list.nodes[1] as RangeNode;
    assert.deepEqual(range.pipe.decl.map((variable) => nodeText(variable)), ['$k', '$v']);
    const action = range.list.nodes[0] as ActionNode;
    assert.equal(nodeText(action.pipe), 'printf "%s=%s" $k (len (list 1 (add 2 3) 4)) | quote');
    assert.deepEqual(action.pipe.cmds.map((cmd) => cmd.args.length), [4, 1]);
    const [assign, literal] = ifNode.elseList?.nodes as [ActionNode, TextNode];
    assert.deepEqual([ifNode.elseList?.nodes.length, nodeText(assign.pipe), literal.text], [2, '$y := 1', 'c']);
    // Nothing spills from one list into another: every array is exactly its entries.
    assert.equal(ifNode.pipe.decl.length, 0);
  });

  it('lexes a whole file into tokens with offsets, ending in eof', () => {
    const tokens = lex('a{{ .b }}c');
    assert.deepEqual(
      Array.from({ length: tokens.count }, (_, index) => [TOKEN_KINDS[tokens.kinds[index]], tokens.starts[index], tokens.ends[index]]),
      [['text', 0, 1], ['leftDelim', 1, 3], ['space', 3, 4], ['field', 4, 6], ['space', 6, 7], ['rightDelim', 7, 9], ['text', 9, 10], ['eof', 10, 10]],
    );
  });

  it('keeps every token of a file with more tokens than characters / 8, and the error token last with its message', () => {
    const text = `{{${' 1'.repeat(40)} }}{{ if true }}{{ nil }}{{ else }}{{ templateName }}{{ end }}{{ x`;
    const tokens = lex(text);
    const kinds = Array.from(tokens.kinds.subarray(0, tokens.count), (kind) => TOKEN_KINDS[kind]);
    assert.equal(kinds.filter((kind) => kind === 'number').length, 40);
    assert.equal(kinds.filter((kind) => kind === 'space').length, 41 + 12);
    assert.deepEqual(
      Array.from({ length: tokens.count }, (_, index) => [kinds[index], tokens.value(index)]).filter(([kind]) => kind !== 'space' && kind !== 'number' && !kind.endsWith('Delim')),
      [['keyword', 'if'], ['bool', 'true'], ['nil', 'nil'], ['keyword', 'else'], ['identifier', 'templateName'], ['keyword', 'end'], ['identifier', 'x'], ['error', 'unclosed action']],
    );
    assert.equal(tokens.starts[tokens.count - 1], text.length);
  });

  it('parses each file alone although the token arrays pass from one file to the next (after a parse error too)', () => {
    const parseText = (text: string) => parseFile({ name: 't', file: '/t', text }, ALL_FUNCTIONS);
    const small = '{{ if .a }}x{{ end }}';
    const alone = JSON.stringify(parseText(small));
    parseText(`${'{{ include "h" (list 1 2 .x) | quote }}\n'.repeat(500)}`);
    assert.equal(JSON.stringify(parseText(small)), alone);
    assert.match(parseError(`{{ if .a }}${'{{ .b }}'.repeat(300)}{{ else }}{{ end }}{{ end }}`), /unexpected \{\{end\}\}/);
    assert.equal(JSON.stringify(parseText(small)), alone);
    const [only] = parseText(small);
    assert.deepEqual(only.root.nodes.map((node) => node.type), ['if']);
  });
});
