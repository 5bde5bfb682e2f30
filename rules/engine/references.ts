import type { Reference, RuleMeta } from './types';

const SOURCE_LABELS: Record<Reference['source'], string> = {
  'cis-docker': 'CIS Docker Benchmark',
  'cis-kubernetes': 'CIS Kubernetes Benchmark',
  pss: 'Pod Security Standards',
  hadolint: 'hadolint',
  checkov: 'Checkov',
  kics: 'KICS',
  trivy: 'Trivy',
  'kube-linter': 'KubeLinter',
  polaris: 'Polaris',
  'kube-bench': 'kube-bench',
  buildkit: 'BuildKit check',
  docs: 'Documentation',
};

/** One reference as people write it: "CIS Docker Benchmark 1.6.0 §4.9", "hadolint DL3020", "KICS “Add Instead of Copy”". */
export function formatReference(reference: Reference): string {
  const label = SOURCE_LABELS[reference.source];
  if (reference.source === 'cis-docker' || reference.source === 'cis-kubernetes') {
    return `${label} ${reference.version ?? ''} §${reference.id}${reference.note ? ` (${reference.note})` : ''}`.replace('  ', ' ');
  }
  if (reference.source === 'pss') return `${label} ${reference.note ?? ''}: ${reference.id}`.replace(' :', ':');
  if (reference.source === 'kics') return `${label} “${reference.note ?? reference.id}”`;
  if (reference.source === 'docs') return reference.note ?? reference.url ?? reference.id;
  return `${label} ${reference.id}${reference.note ? ` (${reference.note})` : ''}`;
}

/** Short tags for SARIF and filters: `CIS-Docker-1.6.0-4.9`, `DL3020`, `PSS-restricted`. */
export function referenceTags(meta: RuleMeta): string[] {
  const tags: string[] = [];
  for (const reference of meta.references) {
    if (reference.source === 'cis-docker') tags.push(`CIS-Docker-${reference.version}-${reference.id}`);
    else if (reference.source === 'cis-kubernetes') tags.push(`CIS-Kubernetes-${reference.version}-${reference.id}`);
    else if (reference.source === 'pss') tags.push(`PSS-${reference.note ?? 'baseline'}`);
    else if (reference.source === 'hadolint' || reference.source === 'checkov' || reference.source === 'trivy') tags.push(reference.id);
  }
  return [...new Set(tags)];
}
