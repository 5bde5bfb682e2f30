import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileAssets, renderHtmlReport, renderMarkdownReport } from '../../server/report';
import type { ReportInput } from '../../server/report/model';
import { REPO_ROOT } from '../helpers/shared';
import { finding } from './fixture';
import { checkHtml } from './html-check';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      serviceAccountName: web
      containers:
        - name: web
          image: nginx:1.27
`;
const SERVICE_ACCOUNT = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\n';
const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: read-all
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: secrets-reader
subjects:
  - kind: ServiceAccount
    name: web
    namespace: shop
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secrets-reader
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get", "list"]
`;

function run(argv: string[], cwd: string) {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), ...argv], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('report: cross-file chains', () => {
  const work = mkdtempSync(join(tmpdir(), 'stridelint-chains-'));
  after(() => rmSync(work, { recursive: true, force: true }));
  writeFileSync(join(work, 'deploy.yaml'), DEPLOYMENT);
  writeFileSync(join(work, 'sa.yaml'), SERVICE_ACCOUNT);
  writeFileSync(join(work, 'rbac.yaml'), RBAC);
  const chain = 'Deployment/web (`deploy.yaml:13`) → ServiceAccount/web (`sa.yaml:4`) → ClusterRoleBinding/read-all (`rbac.yaml:4`) → ClusterRole/secrets-reader (`rbac.yaml:19`)';

  it('shows the blast-radius chain (workload → service account → binding → role) with displayed paths in the Markdown report', () => {
    const result = run(['report', '.', '--format', 'md'], work);
    assert.equal(result.code, 0, result.stderr);
    const row = result.stdout.split('\n').find((line) => line.includes('`Deployment/web`') && line.includes('ClusterRoleBinding "read-all"'));
    assert.ok(row, result.stdout);
    assert.ok(row.endsWith(`Chain: ${chain} |`), row);
    assert.doesNotMatch(result.stdout, new RegExp(work.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'no absolute path leaks into the report');
  });

  it('shows the same chain in the HTML report, escaped, each step with its related message as a title', () => {
    const result = run(['report', '.', '--format', 'html'], work);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(checkHtml(result.stdout), []);
    const small = /<small class="chain">(.*?)<\/small>/.exec(result.stdout);
    assert.ok(small, 'the chain is rendered');
    const text = small[1].replace(/<[^>]+>/g, '');
    assert.equal(text, `Chain: ${chain.replace(/`/g, '')}`);
    assert.match(small[1], /title="ClusterRoleBinding &quot;read-all&quot; binds service account shop\/web to ClusterRole &quot;secrets-reader&quot;\."/);
  });

  it('shows a compose service\'s chain to the USER line of the Dockerfile it builds', () => {
    const compose = mkdtempSync(join(tmpdir(), 'stridelint-chains-compose-'));
    try {
      writeFileSync(join(compose, 'compose.yaml'), 'services:\n  api:\n    build: ./api\n');
      mkdirSync(join(compose, 'api'));
      writeFileSync(join(compose, 'api', 'Dockerfile'), 'FROM alpine:3.20\nUSER root\n');
      const result = run(['report', '.', '--format', 'md'], compose);
      assert.equal(result.code, 0, result.stderr);
      const row = result.stdout.split('\n').find((line) => line.startsWith('| warning | `api` |') && line.includes('runs as root'));
      assert.ok(row, result.stdout);
      assert.ok(row.endsWith('Chain: api (`compose.yaml:3`) → api/Dockerfile (`api/Dockerfile:2`) |'), row);
    } finally {
      rmSync(compose, { recursive: true, force: true });
    }
  });

  it('shows no chain when the related locations stay in the finding’s own file', () => {
    const input = chainInput('deploy.yaml');
    assert.doesNotMatch(renderMarkdownReport(input), /Chain:/);
    assert.doesNotMatch(renderHtmlReport(input), /class="chain"/);
  });

  it('escapes a chain step taken from a related message (a file outside the report) and links steps like locations', () => {
    const input = chainInput('elsewhere/<b>.yaml');
    const html = renderHtmlReport(input, { linkFor: (path, range) => (path === 'deploy.yaml' ? `command:reveal?${range.start.line}` : undefined) });
    assert.deepEqual(checkHtml(html), []);
    assert.doesNotMatch(html, /<script|<b>/);
    assert.match(html, /Chain: <span class="step">Deployment\/web \(<code><a href="command:reveal\?12">deploy\.yaml:13<\/a><\/code>\)<\/span> → <span class="step" title="[^"]*">Binds &lt;script&gt;x&lt;\/script&gt; \| here\. \(<code>elsewhere\/&lt;b&gt;\.yaml:2<\/code>\)<\/span>/);
    const markdown = renderMarkdownReport(input);
    assert.doesNotMatch(markdown, /<script/);
    assert.match(markdown, /Chain: Deployment\/web \(`deploy\.yaml:13`\) → Binds &lt;script&gt;x&lt;\/script&gt; \\\| here\. \(`elsewhere\/<b>\.yaml:2`\) \|$/m);
  });
});

/** A report of deploy.yaml with one finding whose one related location is in `relatedPath`. */
function chainInput(relatedPath: string): ReportInput {
  const found = { ...finding('kubernetes/rbac-blast-radius', 'elevation-of-privilege', 'warning', 13), related: [{ path: relatedPath, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, message: 'Binds <script>x</script> | here.' }] };
  return { files: [{ path: 'deploy.yaml', kind: 'kubernetes', findings: [found], assets: fileAssets(DEPLOYMENT, 'deploy.yaml', 'kubernetes') }] };
}
