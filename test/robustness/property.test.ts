import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LineIndex, type Finding, type Range } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { REPO_ROOT, SHARED_SKIP_REASON, realworldIndex, realworldPath } from '../helpers/shared';

/**
 * Property tests: whatever text arrives, linting never throws, never hangs on a rule bug, returns ranges
 * inside the document, and gives the same findings twice. Fixed seeds; fast-check prints the seed and the
 * smallest failing input when a property fails, so a failure can be replayed.
 */
const SEED = 20261126;
const PATHS = { dockerfile: 'Dockerfile', compose: 'compose.yaml', daemon: 'daemon.json', kubernetes: 'k8s/manifest.yaml' } as const;
/** Kinds the realworld corpus has no files of: their near-valid inputs come from the labelled secret fixtures. */
const FIXTURE_KIND_PATHS = { dotenv: '.env', 'docker-config': '.docker/config.json' } as const;
export const RUNS = { text: 250, bytes: 150, nearValid: 150 };

function inside(range: Range, lines: LineIndex): boolean {
  const ok = (position: Range['start']) => position.line >= 0 && position.line < lines.lineCount && position.character >= 0 && position.character <= lines.lineText(position.line).length;
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ok(range.start) && ok(range.end) && ordered;
}

export function checkLintProperties(text: string, path: string): Finding[] {
  const first = lintFile(text, path);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = new LineIndex(body);
  for (const finding of first.findings) {
    assert.ok(inside(finding.range, lines), `${finding.ruleId} range ${JSON.stringify(finding.range)} outside the document`);
    for (const fix of finding.fixes) for (const edit of fix.edits) assert.ok(inside(edit.range, lines), `${finding.ruleId} fix edit outside the document`);
    assert.notEqual(finding.ruleId, 'stridelint/internal-error', `a rule threw: ${finding.message}`);
  }
  assert.deepEqual(lintFile(text, path), first, 'linting twice gives the same findings');
  return first.findings;
}

/** Text that looks like the kind's syntax more often than random strings do. */
const fragments = fc.constantFrom(
  'FROM ', 'RUN ', 'USER ', 'ADD ', 'COPY ', '\\\n', ' && ', 'apt-get install ', 'curl -k ', '<<EOF\n', 'EOF\n',
  'services:\n', '  web:\n', '    image: ', '    privileged: ', 'true', '    ports:\n', '      - "80:80"\n', '<<: *x\n', '&x ', '*x', '${A:-b}',
  'A=b\n', 'export ', 'DB_PASSWORD=', '"', "'", '"auths": {', '"auth": "Y2k6cHc="', '"credsStore": ', 'postgres://u:p@h/d',
  'apiVersion: v1\n', 'kind: Pod\n', 'spec:\n', '  containers:\n', '  - name: a\n', '    securityContext:\n', '      privileged: yes\n', '---\n', '{{ .Values.x }}',
  '{', '}', '[', ']', '"icc": ', '"hosts": ["tcp://0.0.0.0:2375"]', ',', ':', '-', '#', ' ', '\t', '\n', '\r\n', '\r', '\uFEFF', 'é', '😀', '\u0000',
);
const syntaxLike = fc.array(fragments, { maxLength: 60 }).map((parts) => parts.join(''));

describe('property: any text, every kind', () => {
  for (const [kind, path] of Object.entries({ ...PATHS, ...FIXTURE_KIND_PATHS })) {
    it(`${kind}: arbitrary and syntax-like text never breaks the linter`, () => {
      fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 400, unit: 'binary' }), syntaxLike), (text) => void checkLintProperties(text, path)), { seed: SEED, numRuns: RUNS.text });
    });

    it(`${kind}: arbitrary bytes decoded as UTF-8 never break the linter`, () => {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => void checkLintProperties(Buffer.from(bytes).toString('utf8'), path)), { seed: SEED, numRuns: RUNS.bytes });
    });
  }
});

describe('property: near-valid real files (lines deleted, duplicated, truncated)', { skip: SHARED_SKIP_REASON }, () => {
  const byKind = new Map<string, string[]>();
  if (!SHARED_SKIP_REASON) {
    for (const file of realworldIndex()) {
      const kind = file.kind === 'helm-template' ? 'kubernetes' : file.kind;
      if (!(kind in PATHS) || file.bytes > 20_000) continue;
      const list = byKind.get(kind) ?? [];
      if (list.length < 40) list.push(readFileSync(realworldPath(file), 'utf8'));
      byKind.set(kind, list);
    }
  }
  for (const [kind, path] of Object.entries(PATHS)) {
    it(`${kind}: mutated corpus files never break the linter`, () => {
      const texts = byKind.get(kind) ?? [];
      assert.ok(texts.length > 0, `no ${kind} files in the corpus sample`);
      const mutation = fc.record({
        file: fc.nat({ max: texts.length - 1 }),
        edits: fc.array(fc.record({ op: fc.constantFrom('delete', 'duplicate', 'truncate'), at: fc.nat(), cut: fc.nat() }), { minLength: 1, maxLength: 5 }),
      });
      fc.assert(
        fc.property(mutation, ({ file, edits }) => {
          checkLintProperties(mutateLines(texts[file], edits), path);
        }),
        { seed: SEED, numRuns: RUNS.nearValid },
      );
    });
  }
});

type LineEdit = { op: string; at: number; cut: number };

/** Deletes, duplicates and truncates lines of a text: a near-valid file. */
function mutateLines(text: string, edits: readonly LineEdit[]): string {
  const lines = text.split('\n');
  for (const edit of edits) {
    const index = edit.at % Math.max(1, lines.length);
    if (edit.op === 'delete') lines.splice(index, 1);
    else if (edit.op === 'duplicate') lines.splice(index, 0, lines[index] ?? '');
    else lines[index] = (lines[index] ?? '').slice(0, edit.cut % Math.max(1, (lines[index] ?? '').length + 1));
  }
  return lines.join('\n');
}

/** Random line edits of one of `count` texts. */
const lineMutation = (count: number) =>
  fc.record({ file: fc.nat({ max: count - 1 }), edits: fc.array(fc.record({ op: fc.constantFrom('delete', 'duplicate', 'truncate'), at: fc.nat(), cut: fc.nat() }), { minLength: 1, maxLength: 5 }) });

describe('property: near-valid .env and config.json files (labelled secret fixtures, mutated)', () => {
  for (const [kind, path] of Object.entries(FIXTURE_KIND_PATHS)) {
    it(`${kind}: mutated fixture files never break the linter`, () => {
      const folder = join(REPO_ROOT, 'test', 'fixtures', 'secrets', kind);
      const texts = readdirSync(folder).map((name) => readFileSync(join(folder, name), 'utf8').split('\n').filter((line) => !line.startsWith('#!')).join('\n'));
      assert.ok(texts.length > 0, `no ${kind} fixtures`);
      fc.assert(
        fc.property(lineMutation(texts.length), ({ file, edits }) => {
          checkLintProperties(mutateLines(texts[file], edits), path);
        }),
        { seed: SEED, numRuns: RUNS.nearValid },
      );
    });
  }
});
