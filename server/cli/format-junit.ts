import { STRIDE_LABELS } from '../../rules/engine';
import type { Out, RunWriter } from './report-model';
import { Spool } from './spool';

/** XML 1.0 text: the five entities escaped, characters XML cannot hold dropped. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * JUnit XML (the common schema CI servers read): one test suite per file, one failing test case per
 * finding, and one passing case for a file without findings, so clean files show up as passed. The totals
 * head the document, so the suites are spooled until the run ends.
 */
export function junitWriter(out: Out): RunWriter {
  const suites = new Spool();
  let tests = 0;
  let failures = 0;
  return {
    problem: () => undefined,
    file(file) {
      const cases = file.findings.map((finding) => {
        const where = `${file.path}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
        const body = `${where} ${finding.severity} [${STRIDE_LABELS[finding.stride]}] ${finding.message} (${finding.ruleId})`;
        return `    <testcase classname="${xml(file.path)}" name="${xml(`${finding.ruleId} at line ${finding.range.start.line + 1}`)}" time="0">\n      <failure message="${xml(finding.message)}" type="${xml(finding.severity)}">${xml(body)}</failure>\n    </testcase>`;
      });
      if (cases.length === 0) cases.push(`    <testcase classname="${xml(file.path)}" name="stridelint" time="0"/>`);
      suites.write(`  <testsuite name="${xml(file.path)}" tests="${cases.length}" failures="${file.findings.length}" errors="0" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>\n`);
      tests += cases.length;
      failures += file.findings.length;
    },
    end() {
      out(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="stridelint" tests="${tests}" failures="${failures}" errors="0" time="0">\n`);
      suites.drain(out);
      out('</testsuites>\n');
    },
  };
}
