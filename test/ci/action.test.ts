import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { workspace } from '../helpers/cli';
import { sarifSchemaErrors } from '../helpers/sarif';
import { REPO_ROOT, SHARED_SKIP_REASON } from '../helpers/shared';

interface ActionStep {
  id?: string;
  shell: string;
  env?: Record<string, string>;
  run: string;
}
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;

/**
 * Runs the composite action's steps the way a GitHub runner does: `${{ inputs.x }}` replaced by the inputs
 * (or their defaults), bash with `--noprofile --norc -eo pipefail`, the runner's environment variables set.
 */
function runAction(workspaceDir: string, inputs: Record<string, string>) {
  const outputFile = join(workspaceDir, '.github-output');
  writeFileSync(outputFile, '');
  const value = (name: string) => inputs[name] ?? action.inputs[name]?.default ?? '';
  const expand = (text: string) => text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => value(name));
  const results = [];
  for (const step of action.runs.steps) {
    assert.equal(step.shell, 'bash');
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspaceDir,
      GITHUB_ACTION_PATH: REPO_ROOT,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: join(workspaceDir, '.github-step-summary'),
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: 'example/app',
      RUNNER_OS: 'Linux',
      RUNNER_TEMP: workspaceDir,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([key, text]) => [key, expand(text)])),
    };
    results.push(spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd: workspaceDir, env, encoding: 'utf8' }));
  }
  const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  return { results, outputs };
}

describe('GitHub Action (action.yml)', () => {
  it('declares the inputs paths, format, fail-on, baseline and config, and runs as a composite action', () => {
    for (const input of ['paths', 'format', 'fail-on', 'baseline', 'config']) assert.ok(action.inputs[input]?.description, input);
    assert.equal(action.inputs.format.default, 'sarif');
    assert.equal(action.runs.using, 'composite');
    assert.ok(!/\$\{\{/.test(action.runs.steps.map((step) => step.run).join('\n')), 'inputs reach the script as env, never spliced into its text');
  });

  it('done when: its steps, run with a runner’s environment, write SARIF for upload-sarif and print annotations', { skip: SHARED_SKIP_REASON || (!existsSync(join(REPO_ROOT, 'dist', 'cli.js')) && 'dist/cli.js is not built') }, () => {
    const root = workspace({ 'deploy/Dockerfile': 'FROM alpine:3.20\nADD app/ /srv/app/\nUSER root\n', 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n', 'docs/readme.md': 'not linted\n' });
    const { results, outputs } = runAction(root, { paths: 'deploy compose.yaml' });
    const [step] = results;
    assert.equal(step.status, 1, `an error finding fails the step\n${step.stderr}`);
    const sarif = JSON.parse(readFileSync(join(root, 'stridelint.sarif'), 'utf8'));
    assert.deepEqual(sarifSchemaErrors(sarif), []);
    const ruleIds = (sarif.runs[0].results as Array<{ ruleId: string }>).map((result) => result.ruleId);
    assert.ok(ruleIds.includes('compose/no-privileged') && ruleIds.includes('dockerfile/add-instead-of-copy'));
    assert.match(step.stdout, /^::error file=compose\.yaml,line=4,endLine=4,col=17,endColumn=21,title=compose\/no-privileged \(Elevation of privilege\)::/m);
    assert.match(step.stdout, /^::warning file=deploy\/Dockerfile,line=2,/m);
    assert.deepEqual(outputs, { report: 'stridelint.sarif', 'exit-code': '1' });
  });

  it('honours fail-on, baseline and config, and exits 2 on a configuration error', { skip: !existsSync(join(REPO_ROOT, 'dist', 'cli.js')) && 'dist/cli.js is not built' }, () => {
    const root = workspace({ Dockerfile: 'FROM alpine:3.20\nADD app/ /srv/app/\nHEALTHCHECK CMD ["/bin/true"]\nUSER 10001\n', 'ci.yaml': 'rules:\n  dockerfile/add-instead-of-copy: off\n', 'broken.yaml': 'rules: [\n' });
    assert.equal(runAction(root, {}).results[0].status, 0, 'a warning does not fail at fail-on error');
    assert.equal(runAction(root, { 'fail-on': 'warning' }).results[0].status, 1);
    assert.equal(runAction(root, { 'fail-on': 'warning', config: 'ci.yaml' }).results[0].status, 0);
    spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), '--write-baseline', 'accepted.json'], { cwd: root });
    const baselined = runAction(root, { 'fail-on': 'warning', baseline: 'accepted.json', format: 'json', output: 'report.json' });
    assert.equal(baselined.results[0].status, 0);
    assert.equal(JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')).baseline.unchanged, 1);
    const broken = runAction(root, { config: 'broken.yaml' });
    assert.equal(broken.results[0].status, 2);
    assert.match(broken.results[0].stderr, /invalid configuration/);
  });
});
