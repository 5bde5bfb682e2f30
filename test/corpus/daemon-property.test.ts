import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DAEMON_RULES } from '../../rules/daemon';
import { lintFile } from '../../rules/registry-lint';
import { DAEMON_KEYS } from '../../rules/models/daemon-schema';
import { assertFixesSound } from '../helpers/daemon';

const KEYS = [...Object.keys(DAEMON_KEYS), 'log-opt', 'no-new-privilege', 'Debug', 'graph', 'http-proxy', 'frobnicate'];
const scalar = fc.oneof(fc.boolean(), fc.integer({ min: -5, max: 70000 }), fc.constantFrom('', 'info', 'debug', 'unconfined', 'tcp://0.0.0.0:2375', 'npipe://', 'aufs', '*', 'json-file', 'dm.basesize=5G'));
const value = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...KEYS, 'max-size', 'entitlements', 'security-insecure'), tie('value'), { maxKeys: 3 })),
})).value;
const config = fc.array(fc.tuple(fc.constantFrom(...KEYS), value), { maxLength: 8 });
const indent = fc.constantFrom(0, 2, 4, '\t');

/** Builds the text by hand so that duplicate keys survive. */
function render(entries: Array<[string, unknown]>, space: number | string): string {
  if (space === 0) return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${JSON.stringify(item)}`).join(', ')}}`;
  const pad = typeof space === 'number' ? ' '.repeat(space) : space;
  const body = entries.map(([key, item]) => `${pad}${JSON.stringify(key)}: ${JSON.stringify(item, null, space).replace(/\n/g, `\n${pad}`)}`).join(',\n');
  return entries.length === 0 ? '{}\n' : `{\n${body}\n}\n`;
}

describe('daemon rules on generated configurations', () => {
  it('never throw, and every fix they offer is sound', () => {
    fc.assert(
      fc.property(config, indent, (entries, space) => {
        const text = render(entries, space);
        const findings = lintFile(text, 'daemon.json').findings;
        assert.deepEqual(findings.filter((finding) => finding.ruleId.startsWith('stridelint/')).map((finding) => finding.message), [], text);
        for (const rule of DAEMON_RULES) assertFixesSound(rule, text);
      }),
      { numRuns: 200 },
    );
  });

  it('never throw on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const findings = lintFile(text, 'daemon.json').findings;
        assert.ok(!findings.some((finding) => finding.ruleId === 'stridelint/internal-error'), text);
      }),
      { numRuns: 300 },
    );
  });
});
