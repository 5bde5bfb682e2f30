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

/** `apiServer` or `etcd.local`: the section keys, each indented under the one before. */
function sectionLines(section: string): { lines: string[]; indent: string } {
  const keys = section.split('.');
  return { lines: keys.map((key, depth) => `${'  '.repeat(depth)}${key}:`), indent: '  '.repeat(keys.length) };
}

/**
 * A kubeadm ClusterConfiguration with one section's extraArgs in the v1beta3 map form: entries from line 5
 * (line 6 for `etcd.local`).
 */
export function kubeadmMap(section: string, args: Record<string, string>): string {
  const { lines, indent } = sectionLines(section);
  const entries = Object.entries(args).map(([name, value]) => `${indent}  ${name}: "${value}"`);
  return ['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: ClusterConfiguration', ...lines, `${indent}extraArgs:`, ...entries].join('\n') + '\n';
}

/** The same in the v1beta4 list-of-`{name, value}` form (items two lines each). */
export function kubeadmList(section: string, args: Record<string, string>): string {
  const { lines, indent } = sectionLines(section);
  const entries = Object.entries(args).flatMap(([name, value]) => [`${indent}- name: ${name}`, `${indent}  value: "${value}"`]);
  return ['apiVersion: kubeadm.k8s.io/v1beta4', 'kind: ClusterConfiguration', ...lines, `${indent}extraArgs:`, ...entries].join('\n') + '\n';
}

/** A KubeletConfiguration document; `body` starts on line 3. */
export function kubeletConfig(body = ''): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n${body}`;
}

/** A kubeadm InitConfiguration with `nodeRegistration.kubeletExtraArgs` (map form, entries from line 5). */
export function kubeletExtraArgs(args: Record<string, string>): string {
  const entries = Object.entries(args).map(([name, value]) => `    ${name}: "${value}"`);
  return ['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: InitConfiguration', 'nodeRegistration:', '  kubeletExtraArgs:', ...entries].join('\n') + '\n';
}
