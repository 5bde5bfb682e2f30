/**
 * Small builders for control-plane test manifests, so each case shows only the flags it is about.
 * `staticPod('kube-apiserver', ['--a=b'])` puts the binary on line 11 and the flags from line 12 on;
 * with `args`, the `args:` key follows the command items and its items follow it.
 */
export function staticPod(component: string, flags: readonly string[] = [], args?: readonly string[]): string {
  const lines = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${component}`,
    '  namespace: kube-system',
    'spec:',
    '  containers:',
    `  - name: ${component}`,
    `    image: registry.k8s.io/${component}:v1.31.0`,
    '    command:',
    `    - ${component}`,
    ...flags.map((flag) => `    - ${flag}`),
  ];
  if (args) lines.push('    args:', ...args.map((arg) => `    - ${arg}`));
  return lines.join('\n') + '\n';
}

/** A kubeadm ClusterConfiguration with one section's extraArgs in the v1beta3 map form (line 5 on). */
export function kubeadmMap(section: string, args: Record<string, string>): string {
  const entries = Object.entries(args).map(([name, value]) => `    ${name}: "${value}"`);
  return ['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: ClusterConfiguration', `${section}:`, '  extraArgs:', ...entries].join('\n') + '\n';
}

/** The same in the v1beta4 list-of-`{name, value}` form (items from line 5, two lines each). */
export function kubeadmList(section: string, args: Record<string, string>): string {
  const entries = Object.entries(args).flatMap(([name, value]) => [`  - name: ${name}`, `    value: "${value}"`]);
  return ['apiVersion: kubeadm.k8s.io/v1beta4', 'kind: ClusterConfiguration', `${section}:`, '  extraArgs:', ...entries].join('\n') + '\n';
}
