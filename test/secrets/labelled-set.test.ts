import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadLabelledSet, precision, recall, score, type LabelledFile } from './labelled-set';

const MIN_PRECISION = 0.97;
const MIN_RECALL = 0.95;

describe('labelled secret set: precision and recall per kind', () => {
  const files = loadLabelledSet();
  const kinds = [...new Set(files.map((file) => file.kind))];

  it('is large enough: at least 150 positives and 250 negatives over dockerfile, compose, kubernetes, daemon, .env and config.json', () => {
    const total = score(files, 'secret');
    assert.deepEqual(kinds.sort(), ['compose', 'daemon', 'docker-config', 'dockerfile', 'dotenv', 'kubernetes']);
    assert.ok(total.positives >= 150, `${total.positives} positives`);
    assert.ok(total.negatives >= 250, `${total.negatives} negatives`);
  });

  const rows: string[] = [];
  for (const kind of ['dockerfile', 'compose', 'kubernetes', 'dotenv', 'daemon', 'docker-config']) {
    it(`${kind}: precision ≥ ${MIN_PRECISION * 100} % and recall ≥ ${MIN_RECALL * 100} % for leaked secrets`, () => {
      const ofKind: LabelledFile[] = files.filter((file) => file.kind === kind);
      const leaks = score(ofKind, 'secret');
      const weak = score(ofKind, 'weak');
      const line = `${kind.padEnd(14)} secrets: ${leaks.positives} positive / ${leaks.negatives} negative lines, precision ${(precision(leaks) * 100).toFixed(1)} %, recall ${(recall(leaks) * 100).toFixed(1)} % | weak defaults: ${weak.positives} lines, precision ${(precision(weak) * 100).toFixed(1)} %, recall ${(recall(weak) * 100).toFixed(1)} %`;
      rows.push(line);
      console.log(line);
      assert.ok(precision(leaks) >= MIN_PRECISION && recall(leaks) >= MIN_RECALL, `${line}\n${leaks.errors.join('\n')}`);
      assert.ok(precision(weak) >= MIN_PRECISION && recall(weak) >= MIN_RECALL, `${line}\n${weak.errors.join('\n')}`);
    });
  }

  it('no finding prints a generated token', () => {
    for (const file of files) {
      for (const finding of file.findings) for (const value of file.generated) assert.ok(!finding.message.includes(value.slice(value.length >> 1, (value.length >> 1) + 8)), `${file.file}: ${finding.message}`);
    }
  });
});
