import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, type Finding } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { groupThreats, statusText, statusTooltip, withoutCategory, type ThreatFinding } from '../../client/threats';
import { codeActions, FIX_ALL_KIND } from '../../server/lsp/code-actions';
import { addOverrideEdit } from '../../server/lsp/config-edit';
import { ConfigurationError } from '../../rules/engine';
import { configErrorDiagnostics } from '../../server/lsp/config-diagnostics';
import { diagnosticRuleId, fixToWorkspaceEdit, toDiagnostic } from '../../server/lsp/convert';
import { filesExcludeGlobs, filterCategories, isExcludedPath, parseSettings } from '../../server/lsp/settings';
import { disableForFileEdit, disableForLineEdit } from '../../server/lsp/suppress';
import { pathToFileURL } from 'node:url';
import { pathToUri, relativeTo, uriToPath } from '../../server/lsp/paths';
import addInsteadOfCopy from '../../rules/dockerfile/add-instead-of-copy';

const ADD = 'dockerfile/add-instead-of-copy';
/** Only this rule, so that the examples stay exact however many Dockerfile rules the registry holds. */
const rules = [addInsteadOfCopy];
const apply = (text: string, edit: { range: Finding['range']; newText: string }) => applyEdits(text, [edit]);

describe('finding → diagnostic', () => {
  const [finding] = lintFile('FROM alpine:3.20\nADD a /a\n', 'Dockerfile', { rules }).findings;
  it('carries the rule as code, the docs link, the STRIDE label and what code actions need', () => {
    const diagnostic = toDiagnostic(finding, 'dockerfile');
    assert.equal(diagnostic.code, ADD);
    assert.equal(diagnostic.source, 'stridelint');
    assert.match(diagnostic.message, /^\[Tampering\] /);
    // No fixes: code actions take them from the findings of the version, so a keystroke does not serialise them;
    // no version: the publish carries it, and an unchanged finding's diagnostic serves the next version too.
    assert.deepEqual(diagnostic.data, { ruleId: ADD, stride: 'tampering', fileKind: 'dockerfile' });
    assert.equal(diagnosticRuleId(diagnostic), ADD);
    assert.equal(diagnosticRuleId({ ...diagnostic, source: 'other' }), undefined);
    // A client that drops data (Neovim 0.7 keeps only the code) still names the rule.
    assert.equal(diagnosticRuleId({ ...diagnostic, data: undefined }), ADD);
  });

  it('turns a fix that creates a file into CreateFile + insert beside the linted file, and refuses when the client cannot create files', () => {
    const fix = { title: 'Move the secret into a Secret', safe: false, edits: [], newFiles: [{ path: 'secret.yaml', text: 'kind: Secret\n' }] };
    const target = { uri: 'file:///ws/app/pod.yaml', version: 2, path: '/ws/app/pod.yaml' };
    const edit = fixToWorkspaceEdit([fix], target, { documentChanges: true, createFiles: true });
    assert.deepEqual(edit?.documentChanges, [
      { kind: 'create', uri: 'file:///ws/app/secret.yaml', options: { ignoreIfExists: true } },
      { textDocument: { uri: 'file:///ws/app/secret.yaml', version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'kind: Secret\n' }] },
    ]);
    assert.equal(fixToWorkspaceEdit([fix], target, { documentChanges: true, createFiles: false }), undefined);
  });

  it('reads file URIs as paths, other schemes by their path', () => {
    assert.equal(uriToPath('file:///ws/a%20b/Dockerfile'), '/ws/a b/Dockerfile');
    assert.equal(uriToPath('untitled:Untitled-1'), 'Untitled-1');
  });

  it('writes a path as the URI node writes for it, plain paths included', () => {
    const paths = ['/ws/app/Dockerfile', '/ws/a-b_c.d/x+y@z=1,2/values.yaml', '/ws/...', '/ws/.hidden/.x', '/ws/a b/Dockerfile', '/ws/a~b', '/ws/100%', '/ws/#1', '/ws/a?b', '/ws/é', '/ws/a;b', "/ws/a'b", '/ws/a:b'];
    // pathToFileURL resolves these: dot segments, empty segments, a trailing slash, a relative path.
    paths.push('/ws/./a', '/ws/../a', '/ws/a/.', '/ws/a/..', '/ws//a', '/ws/a/', '/', 'ws/a', '.', '..');
    for (const path of paths) assert.equal(pathToUri(path), pathToFileURL(path).href, path);
    assert.equal(pathToUri('/ws/app/Dockerfile'), 'file:///ws/app/Dockerfile');
  });

  it('gives a path relative to a folder, with forward slashes, or undefined outside it', () => {
    assert.equal(relativeTo('/ws', '/ws/app/Dockerfile'), 'app/Dockerfile');
    assert.equal(relativeTo('/ws/', '/ws/app/Dockerfile'), 'app/Dockerfile');
    assert.equal(relativeTo('/ws', '/ws'), '');
    assert.equal(relativeTo('/ws', '/wsx/Dockerfile'), undefined, 'a sibling whose name starts with the folder\'s');
    assert.equal(relativeTo('/ws', '/w'), undefined);
    assert.equal(relativeTo('/', '/ws/a'), 'ws/a');
    assert.equal(relativeTo('C:\\ws\\', 'C:\\ws\\app\\values.yaml'), 'app/values.yaml');
    assert.equal(relativeTo('C:/ws', 'C:\\ws'), '');
  });
});

describe('code actions', () => {
  const text = 'FROM alpine:3.20\nADD a /a\nADD b /b\n';
  const { findings, kind } = lintFile(text, 'Dockerfile', { rules });
  const target = { uri: 'file:///ws/Dockerfile', version: 4, path: '/ws/Dockerfile' };
  const input = { target, text, kind, findings, capabilities: { documentChanges: false, createFiles: false }, docsCommand: 'docs' };
  it('offers the fix (preferred), fix-all for the rule, disable for line and file, and the docs', () => {
    const stale = { ...toDiagnostic(findings[0], kind) }; // published for an older version: fixes are recomputed
    const actions = codeActions({ ...input, diagnostics: [stale] });
    assert.deepEqual(actions.map((action) => [action.title, action.isPreferred ?? false]), [
      ['Replace ADD with COPY', true],
      [`Fix all ${ADD} problems in this file`, false],
      [`Disable ${ADD} for this line`, false],
      [`Disable ${ADD} for this file`, false],
      [`Show documentation for ${ADD}`, false],
    ]);
    assert.deepEqual(actions[4].command, { title: `Show documentation for ${ADD}`, command: 'docs', arguments: [ADD] });
    assert.equal(applyEdits(text, actions[1].edit!.changes![target.uri]), 'FROM alpine:3.20\nCOPY a /a\nCOPY b /b\n');
  });

  it('offers source.fixAll.stridelint only when asked for, and quick fixes only when they are wanted', () => {
    const diagnostic = toDiagnostic(findings[0], kind);
    assert.deepEqual(codeActions({ ...input, diagnostics: [diagnostic], only: ['source.fixAll'] }).map((action) => action.kind), [FIX_ALL_KIND]);
    assert.ok(!codeActions({ ...input, diagnostics: [diagnostic] }).some((action) => action.kind === FIX_ALL_KIND));
    assert.deepEqual(codeActions({ ...input, diagnostics: [diagnostic], only: ['refactor'] }), []);
  });
});

describe('suppression comments', () => {
  it('inserts a next-line comment with the line’s indentation, keeping CRLF', () => {
    const text = 'services:\r\n  web:\r\n    privileged: true\r\n';
    assert.equal(apply(text, disableForLineEdit(text, 2, 'compose/privileged')), 'services:\r\n  web:\r\n    # stridelint-disable-next-line compose/privileged\r\n    privileged: true\r\n');
  });

  it('joins an existing next-line comment instead of stacking a second one', () => {
    const text = 'FROM a\n# stridelint-disable-next-line dockerfile/x -- why\nADD a /a\n';
    assert.equal(apply(text, disableForLineEdit(text, 2, ADD)), `FROM a\n# stridelint-disable-next-line dockerfile/x, ${ADD} -- why\nADD a /a\n`);
  });

  it('puts a file-wide comment after Dockerfile parser directives, and joins an existing one', () => {
    const text = '# syntax=docker/dockerfile:1\n# escape=`\nFROM a\n';
    assert.equal(apply(text, disableForFileEdit(text, ADD, 'dockerfile')), `# syntax=docker/dockerfile:1\n# escape=\`\n# stridelint-disable ${ADD}\nFROM a\n`);
    assert.equal(apply('apiVersion: v1\n', disableForFileEdit('apiVersion: v1\n', 'kubernetes/x', 'kubernetes')), '# stridelint-disable kubernetes/x\napiVersion: v1\n');
    const existing = '# stridelint-disable dockerfile/x\nFROM a\n';
    assert.equal(apply(existing, disableForFileEdit(existing, ADD, 'dockerfile')), `# stridelint-disable dockerfile/x, ${ADD}\nFROM a\n`);
  });
});

describe('daemon.json: disabling through .stridelint.yaml', () => {
  const edit = (text: string | undefined) => {
    const result = addOverrideEdit(text, 'hosts/daemon.json', 'daemon/icc');
    return result && apply(text ?? '', result);
  };
  it('creates the overrides list, or appends to an existing one with its indentation', () => {
    assert.equal(edit(undefined), 'overrides:\n  - files: ["hosts/daemon.json"]\n    rules: { daemon/icc: off }\n');
    assert.equal(edit('ignore: ["x"]'), 'ignore: ["x"]\noverrides:\n  - files: ["hosts/daemon.json"]\n    rules: { daemon/icc: off }\n');
    assert.equal(
      edit('overrides:\n- files: [a]\n  rules: { daemon/x: off }\n# the end\n'),
      'overrides:\n- files: [a]\n  rules: { daemon/x: off }\n- files: ["hosts/daemon.json"]\n  rules: { daemon/icc: off }\n# the end\n',
    );
  });
  it('leaves a config it cannot edit safely alone', () => {
    assert.equal(edit('overrides: [{ files: [a] }]\n'), undefined);
    assert.equal(edit('rules: [\n'), undefined);
  });
});

describe('settings', () => {
  const known = new Set([ADD]);
  it('keeps what is valid and explains the rest', () => {
    const { settings, problems } = parseSettings({ enable: false, rules: { [ADD]: 'error', 'dockerfile/add-instead-of-cpy': 'off' }, categories: { tampering: false }, exclude: ['vendor/**'], configFile: 7 }, known);
    assert.deepEqual(settings, { enable: false, rules: { [ADD]: 'error' }, categories: { tampering: false }, exclude: ['vendor/**'], configFile: undefined, baselinedFindings: 'hint' });
    assert.deepEqual(problems, ['"stridelint.rules" names an unknown rule "dockerfile/add-instead-of-cpy" (did you mean "dockerfile/add-instead-of-copy"?); it is ignored.', '"stridelint.configFile" must be a path; the nearest .stridelint.yaml is used.']);
    assert.deepEqual(parseSettings('nonsense', known).problems, ['The "stridelint" settings must be an object; the defaults are used.']);
  });
  it('reads the scan\'s worker count (0 to 64) and explains a bad one', () => {
    assert.equal(parseSettings({ scan: { workers: 0 } }, known).settings.scanWorkers, 0);
    assert.equal(parseSettings({ scan: { workers: 3 } }, known).settings.scanWorkers, 3);
    assert.equal(parseSettings({ scan: { workers: null } }, known).settings.scanWorkers, undefined);
    for (const workers of [-1, 2.5, 'four', 65]) {
      const { settings, problems } = parseSettings({ scan: { workers } }, known);
      assert.equal(settings.scanWorkers, undefined);
      assert.match(problems[0], /"stridelint.scan.workers" must be a whole number from 0 to 64/);
    }
  });
  it('hides categories but never stridelint’s own findings', () => {
    const findings = lintFile('FROM alpine:3.20\nADD a /a\n# stridelint-disable nope/x\n', 'Dockerfile', { rules }).findings;
    const { settings } = parseSettings({ categories: { tampering: false, repudiation: false } }, known);
    assert.deepEqual(filterCategories(findings, settings).map((finding) => finding.ruleId), ['stridelint/invalid-suppression']);
  });
  it('excludes a path when it or a parent folder matches files.exclude / stridelint.exclude', () => {
    const globs = filesExcludeGlobs({ '**/.git': true, '**/build': true, 'off/**': false });
    assert.deepEqual(globs, ['**/.git', '**/build']);
    assert.equal(isExcludedPath('app/build/Dockerfile', globs), true);
    assert.equal(isExcludedPath('off/Dockerfile', globs), false);
  });
});

describe('an invalid config as diagnostics', () => {
  it('points at the key, to the end of its line, one diagnostic per mistake', () => {
    const error = new ConfigurationError([{ source: '/ws/.stridelint.yaml', pointer: '/rules/x', message: 'unknown rule "x"; `stridelint rules` lists them.', line: 2, column: 3 }]);
    const byFile = configErrorDiagnostics(error, () => '  x: off');
    assert.deepEqual(byFile.get('/ws/.stridelint.yaml')?.map((diagnostic) => [diagnostic.range, diagnostic.message]), [
      [{ start: { line: 1, character: 2 }, end: { line: 1, character: 8 } }, 'Invalid stridelint configuration: unknown rule "x"; `stridelint rules` lists them. Until it is fixed, stridelint lints with its defaults.'],
    ]);
  });
});

describe('Threats view and status bar (client, without VS Code)', () => {
  const finding = (uri: string, stride: ThreatFinding['stride'], line: number): ThreatFinding => ({ uri, ruleId: 'r/x', stride, severity: 'warning', message: 'm', line, character: 0 });
  it('groups STRIDE category → file → finding, in STRIDE order, files and lines sorted', () => {
    const groups = groupThreats([finding('file:///b', 'elevation-of-privilege', 3), finding('file:///a', 'tampering', 9), finding('file:///a', 'tampering', 1), finding('file:///c', 'tampering', 0)]);
    assert.deepEqual(groups.map((group) => [group.label, group.count, group.files.map((file) => [file.uri, file.findings.map((entry) => entry.line)])]), [
      ['Tampering', 3, [['file:///a', [1, 9]], ['file:///c', [0]]]],
      ['Elevation of privilege', 1, [['file:///b', [3]]]],
    ]);
    assert.equal(statusText(groups), '$(shield) T 3  E 1');
    assert.match(statusTooltip(groups), /Spoofing: 0\n.*Tampering: 3/s);
    assert.equal(statusText([]), '$(shield) stridelint: no threats');
    assert.equal(withoutCategory('[Denial of service] No memory limit.'), 'No memory limit.');
  });
});
