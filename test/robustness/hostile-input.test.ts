import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyConfig, type Finding } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { checkLintProperties } from './property.test';

/** Each hostile input is a named example of what the user sees: a clear finding, never a crash or a hang. */
const ids = (findings: Finding[]) => findings.map((finding) => finding.ruleId);
const BILLION_LAUGHS = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat(Array.from({ length: 11 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`))
  .join('\n');

describe('hostile input', () => {
  it('a YAML alias bomb in a compose file is bounded and reported once', () => {
    const findings = checkLintProperties(`services:\n  web:\n    image: nginx:1.27\nx-bomb:\n${BILLION_LAUGHS.replace(/^/gm, '  ')}\n`, 'compose.yaml');
    const bombs = findings.filter((finding) => finding.ruleId === 'stridelint/not-analysed');
    assert.equal(bombs.length, 1);
    assert.match(bombs[0].message, /alias bomb/);
  });

  it('a YAML alias bomb in a Kubernetes manifest skips only its own document', () => {
    const findings = checkLintProperties(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n${BILLION_LAUGHS.replace(/^/gm, '  ')}\n`, 'bomb.yaml');
    const bomb = findings.find((finding) => /alias bomb/.test(finding.message));
    assert.ok(bomb, 'reported');
    assert.ok(bomb.range.start.line >= 4, 'on the second document');
  });

  it('a file over the size limit (default 2 MB) is skipped with an info finding', () => {
    const result = lintFile(`FROM alpine:3.20\n${'# padding\n'.repeat(210_000)}`, 'Dockerfile');
    assert.match(result.skipped ?? '', /larger than 2000000 bytes/);
    assert.deepEqual(result.findings.map((finding) => [finding.ruleId, finding.severity]), [['stridelint/not-analysed', 'info']]);
    const raised = { ...emptyConfig(), maxFileSize: 5_000_000 };
    assert.equal(lintFile(`FROM alpine:3.20\n${'# padding\n'.repeat(210_000)}`, 'Dockerfile', { config: raised }).skipped, undefined);
  });

  it('NUL bytes mark a file as binary: skipped, not parsed', () => {
    for (const path of ['Dockerfile', 'compose.yaml', 'daemon.json']) {
      assert.match(lintFile('\u0000\u0001\u0002binary', path).skipped ?? '', /NUL bytes/, path);
    }
  });

  it('10,000 levels of flow nesting give a clear finding, not a stack overflow', () => {
    const deep = `apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const findings = checkLintProperties(deep, 'deep.yaml');
    assert.ok(findings.some((finding) => /nesting is too deep/.test(finding.message)), JSON.stringify(ids(findings)));
    checkLintProperties(`{"a": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 'daemon.json');
  });

  it('1,000 levels of block nesting are read without overflowing the stack', () => {
    let text = 'services:\n  web:\n    image: nginx:1.27\nx-deep:\n';
    for (let depth = 1; depth <= 1000; depth++) text += `${' '.repeat(depth + 1)}k${depth}:\n`;
    checkLintProperties(text, 'compose.yaml');
  });

  it('a Dockerfile with a 1 MB line reports that line alone and analyses the rest, offsets kept', () => {
    const findings = checkLintProperties(`FROM alpine:3.20\nRUN echo ${'a'.repeat(1_000_000)} && \\\n  echo b\nUSER root\n`, 'Dockerfile');
    const notAnalysed = findings.filter((finding) => finding.ruleId === 'stridelint/not-analysed');
    assert.deepEqual(notAnalysed.map((finding) => finding.range.start.line), [1]);
    assert.match(notAnalysed[0].message, /longer than 100,000 characters; it was not analysed \(the rest of the file was\)/);
    const root = findings.find((finding) => finding.ruleId === 'dockerfile/no-root-user');
    assert.ok(root, `USER root three lines later is still reported: ${JSON.stringify(ids(findings))}`);
    assert.deepEqual(root.range.start, { line: 3, character: 5 }, 'on "root", where it always is');
  });

  it('a 1 MB single line is linted (YAML) without error', () => {
    checkLintProperties(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: "${'x'.repeat(1_000_000)}"\n`, 'big.yaml');
  });

  it('a BOM does not shift columns, in every kind', () => {
    for (const [path, text] of [['Dockerfile', 'ADD a /a\n'], ['compose.yaml', 'services: {}\n'], ['daemon.json', '{}\n'], ['k.yaml', 'apiVersion: v1\nkind: Pod\n']] as const) {
      const plain = lintFile(text, path).findings.map((finding) => finding.range);
      const withBom = lintFile(`\uFEFF${text}`, path).findings.map((finding) => finding.range);
      assert.deepEqual(withBom, plain, path);
    }
  });

  it('CRLF and lone-CR line endings give the same lines as LF', () => {
    const text = 'FROM alpine:3.20\nRUN true\nADD app/ /srv/\n';
    const lines = (input: string) => lintFile(input, 'Dockerfile').findings.map((finding) => `${finding.ruleId}@${finding.range.start.line}:${finding.range.start.character}`);
    assert.deepEqual(lines(text.replace(/\n/g, '\r\n')), lines(text));
    assert.deepEqual(lines(text.replace(/\n/g, '\r')), lines(text));
  });

  it('compose and Kubernetes files with lone-CR line ends (YAML 1.2 line breaks) read as with LF', () => {
    const compose = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';
    const lines = (input: string, path: string) => lintFile(input, path).findings.map((finding) => `${finding.ruleId}@${finding.range.start.line}:${finding.range.start.character}`);
    for (const [text, path] of [[compose, 'compose.yaml'], [pod, 'pod.yaml']]) {
      const withCr = lines(text.replace(/\n/g, '\r'), path);
      assert.deepEqual(withCr, lines(text, path), path);
      assert.ok(!withCr.some((entry) => entry.startsWith('stridelint/parse-error')), path);
      assert.ok(withCr.some((entry) => /privileged/.test(entry)), path);
    }
  });

  it('empty and whitespace-only files of every kind lint cleanly', () => {
    for (const path of ['Dockerfile', 'compose.yaml', 'daemon.json', 'k.yaml']) {
      for (const text of ['', ' ', '\n\n', '\t\r\n']) checkLintProperties(text, path);
    }
  });

  it('a Helm template gives at most one "not analysed" finding', () => {
    const template = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "app.fullname" . }}\nspec:\n  template:\n    spec:\n      containers:\n{{- range .Values.containers }}\n      - name: {{ .name }}\n{{- end }}\n---\n{{- if .Values.x }}\napiVersion: v1\nkind: Service\n{{- end }}\n';
    const findings = checkLintProperties(template, 'chart/templates/deployment.yaml');
    assert.ok(findings.filter((finding) => finding.ruleId === 'stridelint/not-analysed').length <= 1);
    assert.equal(findings.filter((finding) => finding.ruleId === 'stridelint/parse-error').length, 0, 'no flood of YAML errors');
  });

  it('a daemon.json that is an array or a string does not crash', () => {
    checkLintProperties('[1, 2]', 'daemon.json');
    checkLintProperties('"icc"', 'daemon.json');
    checkLintProperties('null', 'daemon.json');
  });

  it('a Dockerfile made only of continuations does not crash', () => {
    checkLintProperties('\\\n'.repeat(10_000), 'Dockerfile');
    checkLintProperties('RUN \\\n'.repeat(2_000), 'Dockerfile');
  });

  it('long adversarial values under secret names (repeated token prefixes, unclosed templates) stay fast in every kind', () => {
    const nasty = ['eyJ'.repeat(30_000), 'your'.repeat(25_000), '$('.repeat(50_000), '{{'.repeat(50_000), 'a:'.repeat(50_000), 'ghp_'.repeat(25_000)];
    for (const value of nasty) {
      const started = Date.now();
      // Short for the Dockerfile: dockerfile-ast itself needs about a minute for a 90 KB `ENV` value of `eyJ` repeated.
      checkLintProperties(`FROM alpine\nENV API_TOKEN=${value.slice(0, 3_000)}\n`, 'Dockerfile');
      checkLintProperties(`API_TOKEN=${value}\n`, '.env');
      checkLintProperties(`{"auths": {"r": {"auth": "${value}"}}, "proxies": {"http-proxy": "${value}"}}`, '.docker/config.json');
      assert.ok(Date.now() - started < 5_000, `${value.slice(0, 8)}…: ${Date.now() - started} ms`);
    }
  });

  it('a .env with an unterminated quote and a config.json that is not an object do not crash', () => {
    checkLintProperties('A="never closed\nB=2\n', '.env');
    checkLintProperties("A='x\n", '.env');
    checkLintProperties('[1, 2]', '.docker/config.json');
    checkLintProperties('{"auths": [1, {"auth": 2}]}', '.docker/config.json');
  });
});

