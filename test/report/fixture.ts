import type { FileKind, Finding, Severity, Stride } from '../../rules/engine';
import { fileAssets } from '../../server/report/assets';
import type { ReportFile, ReportInput } from '../../server/report/model';

/** A finding as a rule would report it, at a 1-based line (column 3). */
export function finding(ruleId: string, stride: Stride, severity: Severity, line: number, message = `Finding of ${ruleId} on line ${line}.`): Finding {
  return {
    ruleId,
    kind: ruleId.startsWith('stridelint/') ? 'any' : (ruleId.split('/')[0] as FileKind),
    stride,
    severity,
    message,
    range: { start: { line: line - 1, character: 2 }, end: { line: line - 1, character: 10 } },
    fixes: [],
  };
}

function file(path: string, kind: FileKind, text: string, findings: Finding[]): ReportFile {
  return { path, kind, findings, assets: fileAssets(text, path, kind) };
}

export const HOSTILE_MESSAGE = 'Service exposes <script>alert("x")</script> & a | pipe; the value starts with `sk-l…`.';

/**
 * A workspace with every kind of file and every kind of asset, findings in every category and severity,
 * an unknown rule id (a rule from a newer version), a skipped file and an unreadable folder.
 */
export function syntheticInput(): ReportInput {
  const compose = 'services:\n  web:\n    image: nginx\n    privileged: true\n  db:\n    environment: {PASSWORD: x}\nnetworks:\n  front: {}\n';
  const kubernetes = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: prod\nspec:\n  replicas: 2\n';
  return {
    title: 'Threat model of the shop',
    scope: ['deploy', 'images'],
    files: [
      file('deploy/compose.yaml', 'compose', compose, [
        finding('compose/no-privileged', 'elevation-of-privilege', 'error', 4),
        finding('compose/no-new-privileges', 'elevation-of-privilege', 'warning', 3),
        finding('compose/literal-secret', 'information-disclosure', 'error', 6, HOSTILE_MESSAGE),
        finding('compose/network-unrestricted', 'spoofing', 'info', 8),
      ]),
      file('deploy/k8s.yaml', 'kubernetes', kubernetes, [
        finding('kubernetes/no-resource-limits', 'denial-of-service', 'warning', 6),
        finding('kubernetes/no-resource-limits', 'denial-of-service', 'warning', 7),
        finding('kubernetes/automount-token', 'information-disclosure', 'info', 6),
      ]),
      file('images/Dockerfile', 'dockerfile', 'FROM node:20 AS build\nADD . /src\nFROM node:20-slim\n', [
        finding('dockerfile/add-instead-of-copy', 'tampering', 'warning', 2),
        finding('dockerfile/from-a-future-version', 'repudiation', 'info', 1),
      ]),
      file('deploy/daemon.json', 'daemon', '{ "log-driver": "none" }\n', [finding('daemon/no-logging', 'repudiation', 'warning', 1)]),
      {
        path: 'deploy/huge.yaml',
        kind: 'kubernetes',
        skipped: 'the file is larger than 2000000 bytes (set maxFileSize in .stridelint.yaml to lint it)',
        findings: [finding('stridelint/not-analysed', 'tampering', 'info', 1, 'Not analysed: the file is larger than 2000000 bytes.')],
      },
      file('deploy/clean.yaml', 'kubernetes', 'kind: ConfigMap\nmetadata: {name: settings}\n', []),
    ],
    walkProblems: [{ path: 'deploy/secrets', message: 'permission denied' }],
    configuration: {
      sources: ['.stridelint.yaml'],
      ruleChanges: [{ ruleId: 'dockerfile/add-instead-of-copy', setting: 'error', defaultSeverity: 'warning', source: '.stridelint.yaml', files: ['legacy/**'] }],
      categoriesOff: [{ stride: 'repudiation', source: '.stridelint.yaml', files: ['tmp/**'] }],
      ignore: [{ pattern: 'vendor/**', source: '.stridelint.yaml' }],
    },
  };
}

/** Where each synthetic finding must land: `asset id|stride` → [count, highest severity]. */
export const EXPECTED_MATRIX: Record<string, [number, Severity]> = {
  'deploy/compose.yaml#web|elevation-of-privilege': [2, 'error'],
  'deploy/compose.yaml#db|information-disclosure': [1, 'error'],
  'deploy/compose.yaml|spoofing': [1, 'info'],
  'deploy/k8s.yaml#Deployment/api|denial-of-service': [2, 'warning'],
  'deploy/k8s.yaml#Deployment/api|information-disclosure': [1, 'info'],
  'images/Dockerfile|tampering': [1, 'warning'],
  'images/Dockerfile|repudiation': [1, 'info'],
  'deploy/daemon.json|repudiation': [1, 'warning'],
  'deploy/huge.yaml|tampering': [1, 'info'],
};
