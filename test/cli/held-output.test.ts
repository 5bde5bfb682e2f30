import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules';
import { emptyConfig, lintFile, type LintResult } from '../../rules/engine';
import { jsonWriter } from '../../server/cli/format-json';
import { decodedAsCounted, heldOutput, outputEncoder } from '../../server/cli/held-output';
import { worstSeverity } from '../../server/cli/cached-output';
import { forDisplay } from '../../server/cli/unit-results';
import { Spool } from '../../server/cli/spool';
import { displayPath } from '../../server/cli/walk';
import type { FileResult } from '../../server/cli/report-model';

const CWD = '/w';
/** Files with findings of each severity, a hadolint-suppressed finding, cross-file places, none, and no kind. */
const FILES: Record<string, string> = {
  '/w/app/Dockerfile': 'FROM alpine:3.20\nADD app /app\n# hadolint ignore=DL3002\nUSER root\nENV API_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n',
  '/w/app/compose.yaml': 'services:\n  api:\n    build: .\n    privileged: true\n    ports: ["8080:80"]\n',
  '/w/k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api\n',
  '/elsewhere/daemon.json': '{ "no-new-privileges": true, "ip": "127.0.0.1" }\n',
  '/w/README.md': '# not linted\n',
};

/** A file's result as the CLI's output loop hands it to the writer (main.ts lintRun). */
function asWritten(file: string, result: LintResult): FileResult | undefined {
  if (!result.kind) return undefined;
  return {
    path: displayPath(file, CWD),
    kind: result.kind,
    findings: result.findings.map((finding) => forDisplay(finding, CWD)),
    ...(result.suppressed ? { suppressed: result.suppressed.map((finding) => forDisplay(finding, CWD)) } : {}),
    ...(result.skipped ? { skipped: result.skipped } : {}),
  };
}

function written(feed: (writer: ReturnType<typeof jsonWriter>) => void): string {
  let text = '';
  const writer = jsonWriter((chunk) => (text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')));
  feed(writer);
  writer.end({ walkProblems: [] });
  return text;
}

describe('output encoded by the lint threads (issue 17: the CLI’s serial tail)', () => {
  const results = Object.entries(FILES).map(([file, text]) => [file, lintFile(text, file, { config: emptyConfig(), fingerprints: true, rules: ALL_RULES })] as const);

  it('replayed, writes what the writer writes from the result, and keeps the worst severity', () => {
    const encode = outputEncoder({ encoding: jsonWriter(() => undefined).encoding!.name, cwd: CWD })!;
    assert.ok(encode, 'JSON has an encoding');
    const direct = written((writer) => {
      for (const [file, result] of results) {
        const shown = asWritten(file, result);
        if (shown) writer.file(shown);
      }
    });
    const worsts: unknown[] = [];
    const replayed = written((writer) => {
      for (const [file, result] of results) {
        const text = encode(file, result);
        if (text === undefined) continue;
        const held = heldOutput(Buffer.from(text, 'utf8'))!;
        assert.ok(held, 'an encoded output is told from a JSON result');
        worsts.push(held.worst);
        writer.encoding!.replay(decodedAsCounted(writer.encoding!.decode(held.encoded)));
      }
    });
    assert.equal(replayed, direct);
    assert.deepEqual(worsts, results.filter(([, result]) => result.kind).map(([, result]) => worstSeverity(result.findings)));
    assert.ok(direct.includes('"suppressed"') && direct.includes('"severity": "error"') && direct.includes('/elsewhere/daemon.json'), 'the files cover suppressed findings, errors and a path outside the working folder');
    assert.equal(encode('/w/README.md', results.find(([file]) => file === '/w/README.md')![1]), undefined, 'nothing for a file of no kind');
  });

  it('tells a JSON result from an encoded output, and gives the spool the same parts, its bytes counted as its own', () => {
    assert.equal(heldOutput(Buffer.from(JSON.stringify({ kind: 'dockerfile', findings: [] }))), undefined);
    const bytes = Buffer.from('é');
    const parts = decodedAsCounted([1, bytes, 'x']) as unknown[];
    assert.deepEqual(parts, [1, bytes, 'x']);
    assert.equal(parts[1], bytes, 'the bytes themselves, not a copy');
    // Counted: two such parts of 600 KB take a spool past its 1 MiB limit to its temporary file.
    const spool = new Spool();
    for (let i = 0; i < 2; i++) spool.write((decodedAsCounted([Buffer.alloc(600_000, 'é')]) as Buffer[])[0]);
    assert.ok((spool as unknown as { folder?: string }).folder, 'counted toward the spool’s limit');
    spool.dispose();
  });

  it('no encoder for a format without an encoding', () => {
    assert.equal(outputEncoder({ encoding: 'sarif-0', cwd: CWD }), undefined);
  });
});
