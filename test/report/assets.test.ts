import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../rules/engine';
import { assignAssets, fileAssets, type Asset } from '../../server/report/assets';

/** A finding that starts at a 1-based line and column: all the asset placement looks at. */
function at(line: number, column = 1): Finding {
  const position = { line: line - 1, character: column - 1 };
  return { ruleId: 'test/rule', kind: 'any', stride: 'tampering', severity: 'warning', message: 'Test.', range: { start: position, end: position }, fixes: [] };
}

function namesOf(text: string, path: string, kind: Parameters<typeof fileAssets>[2], lines: Array<[number, number?]>): string[] {
  const assets = fileAssets(text, path, kind);
  return assignAssets(lines.map(([line, column]) => at(line, column)), assets, path).map((asset) => `${asset.kind}:${asset.name}`);
}

describe('report assets: compose', () => {
  const compose = [
    'services:', //          1
    '  web:', //             2
    '    image: nginx:1.27', // 3
    '    privileged: true', // 4
    '  db:', //              5
    '    image: postgres:16', // 6
    'networks:', //          7
    '  front: {}', //        8
    '',
  ].join('\n');

  it('gives each service its own asset and the rest of the file to the file', () => {
    assert.deepEqual(namesOf(compose, 'compose.yaml', 'compose', [[4, 5], [2, 3], [6, 5], [8, 3], [1, 1]]), [
      'service:web',
      'service:web',
      'service:db',
      'file:compose.yaml',
      'file:compose.yaml',
    ]);
  });

  it('names assets uniquely by file and service, with their declaration range', () => {
    const [web] = fileAssets(compose, 'deploy/compose.yaml', 'compose');
    assert.equal(web.id, 'deploy/compose.yaml#web');
    assert.deepEqual(web.range, { start: { line: 1, character: 2 }, end: { line: 4, character: 0 } });
  });

  it('treats a file it cannot read as the file itself, without throwing', () => {
    assert.deepEqual(fileAssets('services: [unclosed\n', 'compose.yaml', 'compose'), []);
    assert.deepEqual(fileAssets('services:\n  {{ .Values.name }}: {}\n', 'compose.yaml', 'compose'), []);
    assert.deepEqual(namesOf('services: 42\n', 'compose.yaml', 'compose', [[1]]), ['file:compose.yaml']);
  });
});

describe('report assets: kubernetes', () => {
  const manifests = [
    'apiVersion: apps/v1', //                1
    'kind: Deployment', //                   2
    'metadata: {name: api, namespace: prod}', // 3
    'spec:', //                              4
    '  template:', //                        5
    '    spec: {hostNetwork: true}', //      6
    '---', //                                7
    'apiVersion: v1', //                     8
    'kind: Pod', //                          9
    'metadata:', //                          10
    '  name: kube-apiserver-node1', //       11
    '  namespace: kube-system', //           12
    'spec: {}', //                           13
    '---', //                                14
    'apiVersion: kubelet.config.k8s.io/v1beta1', // 15
    'kind: KubeletConfiguration', //         16
    'authentication: {anonymous: {enabled: true}}', // 17
    '---', //                                18
    'apiVersion: v1', //                     19
    'kind: List', //                         20
    'items:', //                             21
    '- apiVersion: rbac.authorization.k8s.io/v1', // 22
    '  kind: ClusterRoleBinding', //         23
    '  metadata: {name: admins}', //         24
    '- kind: CronJob', //                    25
    '  metadata: {name: backup}', //         26
    '',
  ].join('\n');

  it('places findings on workloads, control-plane components and other objects by kind/name', () => {
    assert.deepEqual(namesOf(manifests, 'k8s.yaml', 'kubernetes', [[6, 11], [11, 3], [17, 1], [24, 3], [26, 3], [20, 1]]), [
      'workload:Deployment/api',
      'control-plane:Pod/kube-apiserver-node1',
      'control-plane:KubeletConfiguration/(unnamed)',
      'manifest:ClusterRoleBinding/admins',
      'workload:CronJob/backup',
      'file:k8s.yaml',
    ]);
  });

  it('keeps the namespace as a detail', () => {
    const [api] = fileAssets(manifests, 'k8s.yaml', 'kubernetes');
    assert.equal(api.detail, 'namespace prod');
  });

  it('skips documents that do not parse or are not manifests (a Helm template), and their findings fall to the file', () => {
    const text = 'kind: Service\nmetadata: {name: ok}\n---\n{{- if .Values.enabled }}\nkind: Deployment\n---\n- just a list\n';
    assert.deepEqual(fileAssets(text, 'chart.yaml', 'kubernetes').map((asset: Asset) => asset.name), ['Service/ok']);
    assert.deepEqual(namesOf(text, 'chart.yaml', 'kubernetes', [[1], [7]]), ['manifest:Service/ok', 'file:chart.yaml']);
  });
});

describe('report assets: Dockerfile and daemon.json', () => {
  it('makes one image per Dockerfile, described by its final stage, holding every stage’s findings', () => {
    const text = 'FROM golang:1.22 AS build\nRUN go build\n\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n';
    const [image] = fileAssets(text, 'svc/Dockerfile', 'dockerfile');
    assert.equal(image.kind, 'image');
    assert.equal(image.name, 'svc/Dockerfile');
    assert.equal(image.detail, 'FROM gcr.io/distroless/static');
    assert.deepEqual(namesOf(text, 'svc/Dockerfile', 'dockerfile', [[2, 1], [5, 1]]), ['image:svc/Dockerfile', 'image:svc/Dockerfile']);
  });

  it('stands daemon.json for the Docker daemon, even when it does not parse', () => {
    assert.deepEqual(namesOf('{ "icc": true }\n', 'etc/docker/daemon.json', 'daemon', [[1, 3]]), ['daemon:Docker daemon']);
    assert.deepEqual(namesOf('{ "icc": ', 'daemon.json', 'daemon', [[1, 3]]), ['daemon:Docker daemon']);
  });

  it('counts positions without the BOM, as the engine does', () => {
    const [image] = fileAssets('\uFEFFFROM alpine:3.20\n', 'Dockerfile', 'dockerfile');
    assert.deepEqual(image.range!.start, { line: 0, character: 0 });
    assert.equal(image.detail, 'FROM alpine:3.20');
  });
});

describe('assignAssets', () => {
  it('answers in the findings’ order whatever order they come in, and handles many of them in one sweep', () => {
    const docs = Array.from({ length: 2000 }, (_, index) => `kind: Pod\nmetadata: {name: p${index}}\n`).join('---\n');
    const assets = fileAssets(docs, 'many.yaml', 'kubernetes');
    assert.equal(assets.length, 2000);
    // Document n starts on line 3n + 1 (1-based): two lines and a separator each. Findings in reverse.
    const findings = Array.from({ length: 2000 }, (_, index) => at(3 * (1999 - index) + 2, 12));
    const placed = assignAssets(findings, assets, 'many.yaml');
    assert.equal(placed[0].name, 'Pod/p1999');
    assert.equal(placed[1999].name, 'Pod/p0');
    assert.ok(placed.every((asset, index) => asset.name === `Pod/p${1999 - index}`));
  });

  it('gives every finding the file when there are no assets', () => {
    assert.deepEqual(assignAssets([at(1), at(3)], [], 'x.yaml').map((asset) => asset.id), ['x.yaml', 'x.yaml']);
  });
});
