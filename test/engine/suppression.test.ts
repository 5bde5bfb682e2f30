import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../rules/engine';
import { lint } from '../../rules/registry-lint';

const ids = (text: string) => lint(text, 'Dockerfile').map((finding) => `${finding.range.start.line + 1} ${finding.ruleId}`);

describe('suppression comments', () => {
  it('disable-next-line silences that rule on the next code line', () => {
    assert.deepEqual(ids('FROM alpine:3.20\n# stridelint-disable-next-line dockerfile/add-instead-of-copy -- vendored tree\nADD app/ /srv/\nADD lib/ /lib/\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n'), ['4 dockerfile/add-instead-of-copy']);
  });

  it('skips blank and comment lines between the comment and its target', () => {
    assert.deepEqual(ids('FROM alpine:3.20\n# stridelint-disable-next-line dockerfile/add-instead-of-copy\n\n# why: vendored\nADD app/ /srv/\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n'), []);
  });

  it('disable (no -next-line) silences the rule in the whole file', () => {
    assert.deepEqual(ids('# stridelint-disable dockerfile/add-instead-of-copy -- legacy image\nFROM alpine:3.20\nADD a /a\nADD b /b\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n'), []);
  });

  it('takes several ids separated by commas', () => {
    assert.deepEqual(ids('FROM alpine:3.20\n# stridelint-disable-next-line dockerfile/add-instead-of-copy, stridelint/internal-error\nADD a /a\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n'), []);
  });

  it('reports an unknown rule id so typos surface', () => {
    const findings = lint('FROM alpine:3.20\n# stridelint-disable-next-line dockerfile/add-instaed-of-copy\nADD a /a\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n', 'Dockerfile');
    assert.deepEqual(findings.map((finding) => finding.ruleId), ['stridelint/invalid-suppression', 'dockerfile/add-instead-of-copy']);
    assert.deepEqual(findings[0].range.start, { line: 1, character: 31 });
    assert.match(findings[0].message, /Unknown rule "dockerfile\/add-instaed-of-copy"/);
  });

  it('reports a suppression that suppresses nothing, with a fix that removes the comment line', () => {
    const text = 'FROM alpine:3.20\n# stridelint-disable-next-line dockerfile/add-instead-of-copy\nCOPY a /a\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n';
    const findings = lint(text, 'Dockerfile');
    assert.deepEqual(findings.map((finding) => finding.ruleId), ['stridelint/unused-suppression']);
    assert.equal(findings[0].severity, 'info');
    assert.equal(applyEdits(text, findings[0].fixes[0].edits), 'FROM alpine:3.20\nCOPY a /a\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n');
  });

  it('removes a trailing suppression comment with the blanks before it', () => {
    const text = 'FROM alpine:3.20\nCOPY a /a  # stridelint-disable dockerfile/add-instead-of-copy\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n';
    const [finding] = lint(text, 'Dockerfile');
    assert.equal(applyEdits(text, finding.fixes[0].edits), 'FROM alpine:3.20\nCOPY a /a\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n');
  });
});
