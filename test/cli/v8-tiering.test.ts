import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { INTERACTIVE_INTERRUPT_BUDGET, INTERRUPT_BUDGET, hasOwnInterruptBudget, holdBatchTiering, useInteractiveTiering } from '../../server/shared/v8-tiering';
import { workspace } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/shared';

describe('the V8 interrupt budget of the CLI and the server (server/shared/v8-tiering.ts)', () => {
  it('leaves a budget the user gave node alone, in either spelling', () => {
    assert.equal(hasOwnInterruptBudget(['--interrupt-budget=67584']), true);
    assert.equal(hasOwnInterruptBudget(['--expose-gc', '--interrupt_budget=1000']), true);
    assert.equal(hasOwnInterruptBudget(['--interrupt-budget', '1000']), true);
    assert.equal(hasOwnInterruptBudget([]), false);
    assert.equal(hasOwnInterruptBudget(['--expose-gc', '--interrupt-budget-for-feedback-allocation=940']), false);
  });

  it('the server is interactive between scans: the delayed budget while any scan holds it, the interactive one when the last lets go', () => {
    const flags: string[] = [];
    const setFlags = (flag: string) => flags.push(flag);
    useInteractiveTiering([], setFlags);
    assert.deepEqual(flags, [`--interrupt-budget=${INTERACTIVE_INTERRUPT_BUDGET}`]);
    const first = holdBatchTiering([], setFlags);
    const second = holdBatchTiering([], setFlags);
    assert.deepEqual(flags.slice(1), [`--interrupt-budget=${INTERRUPT_BUDGET}`]);
    first();
    first(); // a second release of one hold changes nothing
    assert.equal(flags.length, 2);
    second();
    assert.deepEqual(flags.slice(2), [`--interrupt-budget=${INTERACTIVE_INTERRUPT_BUDGET}`]);
    holdBatchTiering([], setFlags)();
    assert.deepEqual(flags.slice(3), [`--interrupt-budget=${INTERRUPT_BUDGET}`, `--interrupt-budget=${INTERACTIVE_INTERRUPT_BUDGET}`]);
  });

  it('a server started with its own budget keeps it through scans', () => {
    const flags: string[] = [];
    const own = ['--expose-gc', '--interrupt-budget=250000'];
    useInteractiveTiering(own, (flag) => flags.push(flag));
    holdBatchTiering(own, (flag) => flags.push(flag))();
    assert.deepEqual(flags, []);
  });

  it('the shipped CLI runs with its budget and with a user-given one, same report', () => {
    const root = workspace({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n' });
    const reports = [[], ['--interrupt-budget=67584']].map((flags) => {
      const outcome = spawnSync(process.execPath, [...flags, join(REPO_ROOT, 'dist', 'cli.js'), '--format', 'json', root], { encoding: 'utf8' });
      assert.equal(outcome.status, 1, outcome.stderr);
      return JSON.parse(outcome.stdout).findings;
    });
    assert.deepEqual(reports[0], reports[1]);
    assert.ok(JSON.stringify(reports[0]).includes('compose/no-privileged'));
  });
});
