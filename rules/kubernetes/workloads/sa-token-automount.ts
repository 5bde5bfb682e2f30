import { isMap } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { describePod, type Manifest, manifestNameSpan, podField, stringOf } from '../../models/kubernetes';
import { asBoolean, getNode, nodeSpan } from '../../models/yaml';
import { setIn } from '../../models/yaml-edit';
import { isStaticControlPlanePod } from '../../models/file-facts/kubernetes-facts';
import { accountDisablesAutomount, kubernetesScope } from '../scope';

function serviceAccountKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

export default defineRule({
  meta: {
    id: 'kubernetes/sa-token-automount',
    kind: 'kubernetes',
    title: 'Do not mount service account tokens that are not needed',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'suggest',
    description:
      'Unless `automountServiceAccountToken: false` is set on the pod or its ServiceAccount, every container gets an API token at `/var/run/secrets/kubernetes.io/serviceaccount`: code execution in any of them becomes an authenticated API client with the account\'s rights. The pod\'s value wins over the ServiceAccount\'s; a ServiceAccount of the same namespace in this file or any other file of the workspace is taken into account; a `projected` volume with `serviceAccountToken` is an explicit, accepted choice. Static control-plane pods (kubeadm\'s `/etc/kubernetes/manifests`, control-plane labels, hostNetwork in kube-system) use no service account and are not reported.',
    remediation: 'Set `automountServiceAccountToken: false` on the pod spec (or on the ServiceAccount, including `default`) and mount a token explicitly only where the workload calls the API.',
    references: [
      { source: 'cis-kubernetes', id: '5.1.6', version: '1.12' },
      { source: 'cis-kubernetes', id: '5.1.5', version: '1.12' },
      { source: 'checkov', id: 'CKV_K8S_38' },
      { source: 'kics', id: '48471392-d4d0-47c0-b135-cdec95eb3eef', note: 'Service Account Token Automount Not Disabled' },
      { source: 'trivy', id: 'KSV036' },
      { source: 'polaris', id: 'automountServiceAccountToken' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccountName: web\n  containers:\n    - name: web\n      image: web:2.1\n' }],
      valid: [
        { code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccountName: web\n  automountServiceAccountToken: false\n  containers:\n    - name: web\n      image: web:2.1\n' },
        {
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccountName: web\n  containers:\n    - name: web\n      image: web:2.1\n',
          files: { 'serviceaccount.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\nautomountServiceAccountToken: false\n' },
        },
      ],
    },
  },
  check(context) {
    const accounts = new Map<string, Manifest>();
    for (const manifest of context.model.manifests) {
      if (manifest.kind === 'ServiceAccount' && manifest.name) accounts.set(serviceAccountKey(manifest.namespace, manifest.name), manifest);
    }
    const automount = (map: unknown) => (isMap(map) ? asBoolean(getNode(map, 'automountServiceAccountToken')) : undefined);
    for (const pod of context.model.podSpecs) {
      const field = podField(pod, 'automountServiceAccountToken');
      const value = field ? asBoolean(field.node) : undefined;
      if (value === false) continue;
      const accountName = stringOf(getNode(pod.spec, 'serviceAccountName')) ?? stringOf(getNode(pod.spec, 'serviceAccount')) ?? 'default';
      const account = accounts.get(serviceAccountKey(pod.manifest.namespace, accountName));
      if (value === undefined && account && automount(account.node) === false) continue;
      // A static pod has no service account; an account in another file of the namespace counts as this file's would.
      if (isStaticControlPlanePod(pod, context.path)) continue;
      if (value === undefined && !account && accountDisablesAutomount(kubernetesScope(context), pod.manifest.namespace ?? 'default', accountName)) continue;
      context.report({
        span: field ? nodeSpan(field.node) : manifestNameSpan(pod.manifest),
        message: `${describePod(pod)} mounts the API token of service account ${accountName} into every container, so any compromised container can call the Kubernetes API.`,
        fixes: () => {
          const edit = setIn(context.text, pod.spec, ['automountServiceAccountToken'], 'false');
          return edit ? [{ title: 'Set `automountServiceAccountToken: false` on the pod', safe: false, edits: [edit] }] : [];
        },
      });
    }
    for (const manifest of context.model.manifests) {
      if (manifest.kind !== 'ServiceAccount' || manifest.name !== 'default' || automount(manifest.node) === false) continue;
      const existing = getNode(manifest.node, 'automountServiceAccountToken');
      context.report({
        span: existing ? nodeSpan(existing) : manifestNameSpan(manifest),
        message: 'The default ServiceAccount does not disable token automounting, so every pod that names no account gets an API token.',
        fixes: () => {
          const edit = setIn(context.text, manifest.node, ['automountServiceAccountToken'], 'false');
          return edit ? [{ title: 'Set `automountServiceAccountToken: false` on the ServiceAccount', safe: false, edits: [edit] }] : [];
        },
      });
    }
  },
});
