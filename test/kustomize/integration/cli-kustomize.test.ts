import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { run, workspace } from '../../helpers/cli';
import { BASE_DEPLOYMENT, BASE_KUSTOMIZATION, HARDENING_RULES, OVERLAY_KUSTOMIZATION, RESTRICTED_PATCH } from './overlay-fixture';

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  severity: string;
  message: string;
  related?: Array<{ path: string; line: number; message: string }>;
}

function jsonFindings(cwd: string, args: string[] = []): JsonFinding[] {
  const result = run(['--format', 'json', ...args, '.'], cwd);
  assert.equal(result.stderr, '');
  return (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
}

function overlayFolder(patch: (text: string) => string = (text) => text, extra: Record<string, string> = {}): string {
  return workspace({
    'base/kustomization.yaml': BASE_KUSTOMIZATION,
    'base/deployment.yaml': BASE_DEPLOYMENT,
    'overlays/prod/kustomization.yaml': OVERLAY_KUSTOMIZATION,
    'overlays/prod/security.yaml': patch(RESTRICTED_PATCH),
    ...extra,
  });
}

describe('stridelint on kustomizations (CLI)', () => {
  it('lints the overlay build: the hardened base has no workload-hardening finding, a file in no kustomization is linted alone', () => {
    const cwd = overlayFolder(undefined, { 'loose/pod.yaml': BASE_DEPLOYMENT });
    const findings = jsonFindings(cwd);
    assert.deepEqual(findings.filter((finding) => HARDENING_RULES.includes(finding.ruleId) && !finding.path.startsWith('loose/')), []);
    assert.ok(findings.some((finding) => finding.path === 'loose/pod.yaml' && finding.ruleId === 'kubernetes/run-as-non-root'), 'the loose file keeps its single-file findings');
    assert.ok(findings.some((finding) => finding.path === 'base/deployment.yaml' && finding.ruleId === 'kubernetes/sa-token-automount'), 'the base gets the build findings');
  });

  it('a patch setting privileged: true is one error on the patch line, related to the overlay', () => {
    const cwd = overlayFolder((text) => text.replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: true\n            privileged: true'));
    const privileged = jsonFindings(cwd).filter((finding) => finding.ruleId === 'kubernetes/no-privileged');
    assert.equal(privileged.length, 1);
    assert.equal(privileged[0].path, 'overlays/prod/security.yaml');
    assert.equal(privileged[0].line, 19);
    assert.equal(privileged[0].severity, 'error');
    assert.ok(privileged[0].related?.some((entry) => entry.path === 'overlays/prod/kustomization.yaml'));
  });

  it('--fix edits the patch and the base where the values were written, and the next run has none of those findings', () => {
    const cwd = overlayFolder((text) => text.replace('type: RuntimeDefault', 'type: Unconfined'), {
      'base/deployment.yaml': BASE_DEPLOYMENT.replace('                  resources:\n', '                  securityContext:\n                      procMount: Unmasked\n                  resources:\n'),
    });
    const before = jsonFindings(cwd).map((finding) => `${finding.path} ${finding.ruleId}`);
    assert.ok(before.includes('overlays/prod/security.yaml kubernetes/seccomp-unconfined'), before.join('\n'));
    assert.ok(before.includes('base/deployment.yaml kubernetes/proc-mount-unmasked'), before.join('\n'));
    run(['--fix', '.'], cwd);
    assert.match(readFileSync(join(cwd, 'overlays/prod/security.yaml'), 'utf8'), /type: RuntimeDefault/);
    assert.match(readFileSync(join(cwd, 'base/deployment.yaml'), 'utf8'), /\n                      procMount: Default\n/);
    assert.match(readFileSync(join(cwd, 'base/deployment.yaml'), 'utf8'), /# the web server/);
    const after = jsonFindings(cwd).map((finding) => finding.ruleId);
    assert.ok(!after.includes('kubernetes/seccomp-unconfined') && !after.includes('kubernetes/proc-mount-unmasked'), after.join(', '));
  });

  it('builds an overlay that reads a file outside its folder by default; kustomize.loadRestrictions: rootOnly refuses it, as kustomize build does', () => {
    const files = {
      'shared/security.yaml': RESTRICTED_PATCH,
      'base/kustomization.yaml': BASE_KUSTOMIZATION,
      'base/deployment.yaml': BASE_DEPLOYMENT,
      'prod/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: ../shared/security.yaml\n',
    };
    const built = jsonFindings(workspace(files));
    assert.deepEqual(built.filter((finding) => finding.ruleId === 'stridelint/not-analysed' || HARDENING_RULES.includes(finding.ruleId)), []);
    const restricted = jsonFindings(workspace({ ...files, '.stridelint.yaml': 'kustomize:\n  loadRestrictions: rootOnly\n' }));
    const [notAnalysed, ...rest] = restricted.filter((finding) => finding.ruleId === 'stridelint/not-analysed');
    assert.equal(rest.length, 0);
    assert.equal(notAnalysed.path, 'prod/kustomization.yaml');
    assert.match(notAnalysed.message, /load restriction.*loadRestrictions: none/s);
  });

  it('a build failure is one not-analysed finding on the kustomization line', () => {
    const cwd = workspace({ 'app/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - missing.yaml\n', 'app/deployment.yaml': BASE_DEPLOYMENT });
    const notAnalysed = jsonFindings(cwd).filter((finding) => finding.ruleId === 'stridelint/not-analysed');
    assert.equal(notAnalysed.length, 1);
    assert.equal(notAnalysed[0].path, 'app/kustomization.yaml');
    assert.equal(notAnalysed[0].line, 3);
  });
});

describe('stridelint render <kustomization-dir>', () => {
  const cwd = overlayFolder();

  it('prints the build as kustomize build does: legacy order by default, input order with --reorder none', () => {
    const both = workspace({ 'app/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - account.yaml\n', 'app/deployment.yaml': BASE_DEPLOYMENT, 'app/account.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: runner\n' });
    const legacy = run(['render', 'app'], both);
    assert.equal(legacy.code, 0, legacy.stderr);
    assert.ok(legacy.stdout.indexOf('kind: ServiceAccount') < legacy.stdout.indexOf('kind: Deployment'), 'legacy order puts ServiceAccount first');
    const none = run(['render', 'app', '--reorder', 'none'], both);
    assert.ok(none.stdout.indexOf('kind: Deployment') < none.stdout.indexOf('kind: ServiceAccount'), 'none keeps the input order');
    assert.match(legacy.stdout, /^apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: runner\n---\n/);
  });

  it('--show-origin ends each line with the file and line that wrote it', () => {
    const shown = run(['render', 'overlays/prod', '--show-origin', '--load-restrictor', 'LoadRestrictionsNone'], cwd);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /image: nginx@sha256:[0-9a-f]+ # from base\/deployment\.yaml:16\n/);
    assert.match(shown.stdout, /runAsNonRoot: true # from overlays\/prod\/security\.yaml:9\n/);
  });

  it('reports the build error and exits 1; a bad option exits 2', () => {
    const broken = workspace({ 'app/kustomization.yaml': 'resources:\n  - missing.yaml\n' });
    const failed = run(['render', 'app'], broken);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^Error: .*missing\.yaml/);
    assert.equal(run(['render', 'overlays/prod', '--reorder', 'fifo'], cwd).code, 2);
  });
});
