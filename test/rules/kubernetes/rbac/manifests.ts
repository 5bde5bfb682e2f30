/**
 * Builders for the RBAC rule tests, so that each case shows only what matters. Layouts are fixed so that
 * positions are easy to read off: in `role(…)` the first policy rule starts on line 6, its `resources` on
 * line 7 (first item at column 17) and its `verbs` on line 8 (first item at column 13).
 */
const API = 'apiVersion: rbac.authorization.k8s.io/v1';

const quoted = (values: readonly string[]): string => values.map((value) => JSON.stringify(value)).join(', ');

/** One policy rule, three lines (plus `extra` lines, e.g. `resourceNames`). */
export function rule(apiGroups: readonly string[], resources: readonly string[], verbs: readonly string[], extra = ''): string {
  return `  - apiGroups: [${quoted(apiGroups)}]\n    resources: [${quoted(resources)}]\n    verbs: [${quoted(verbs)}]\n${extra}`;
}

export function role(name: string, rules: string, kind: 'Role' | 'ClusterRole' = 'Role'): string {
  return `${API}\nkind: ${kind}\nmetadata:\n  name: ${name}\nrules:\n${rules}`;
}

/**
 * A binding; subjects as `Kind name` or `Kind name namespace`. Its first subject's `name:` value is on
 * line 11, column 11; each subject takes two lines, three with a namespace.
 */
export function binding(name: string, roleRef: `${'Role' | 'ClusterRole'}/${string}`, subjects: readonly string[], kind: 'RoleBinding' | 'ClusterRoleBinding' = 'ClusterRoleBinding'): string {
  const [refKind, refName] = roleRef.split('/');
  const entries = subjects.map((subject) => {
    const [subjectKind, subjectName, namespace] = subject.split(' ');
    return `  - kind: ${subjectKind}\n    name: "${subjectName}"\n${namespace ? `    namespace: ${namespace}\n` : ''}`;
  });
  return `${API}\nkind: ${kind}\nmetadata:\n  name: ${name}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${refKind}\n  name: ${refName}\nsubjects:\n${entries.join('')}`;
}

/** The manifests as items of a `kind: List` (three header lines; each item indented by four columns). */
export function inList(...manifests: string[]): string {
  const items = manifests.map((manifest) =>
    manifest
      .replace(/\n$/, '')
      .split('\n')
      .map((line, index) => (index === 0 ? `  - ${line}` : `    ${line}`))
      .join('\n'),
  );
  return `apiVersion: v1\nkind: List\nitems:\n${items.join('\n')}\n`;
}

/** A multi-document stream. */
export function stream(...documents: string[]): string {
  return documents.join('---\n');
}
