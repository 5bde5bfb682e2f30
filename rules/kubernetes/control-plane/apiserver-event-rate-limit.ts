import { defineRule } from '../../engine/rule';
import { lookupFlag } from '../../models/control-plane';
import { checkPluginEnabled, cis, enabledPlugins, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-event-rate-limit',
    kind: 'kubernetes',
    title: 'API server does not rate-limit events',
    stride: 'denial-of-service',
    severity: 'info',
    fix: 'none',
    description:
      'Without the EventRateLimit admission plugin a noisy or hostile client can flood the API server and etcd with Event objects, slowing the whole control plane.',
    remediation:
      'Append `EventRateLimit` to `--enable-admission-plugins` and point `--admission-control-config-file` at an AdmissionConfiguration with an `EventRateLimit` configuration (limits per server, namespace, user or source object); the plugin refuses to start without it, so there is no automatic fix.',
    references: [...cis('1.2.9'), { source: 'checkov', id: 'CKV_K8S_78' }, kics('Event Rate Limit Admission Control Plugin Not Set'), { source: 'trivy', id: 'KCV0010' }],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction'])],
      valid: [examplePod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,EventRateLimit', '--admission-control-config-file=/etc/kubernetes/admission.yaml'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      checkPluginEnabled(context, source, 'EventRateLimit', 'clients can flood the control plane with events');
      const { setting, plugins } = enabledPlugins(source);
      if (setting?.flag && plugins.includes('EventRateLimit') && !lookupFlag(source, 'admission-control-config-file')) {
        context.report({ span: setting.flag.span, message: 'EventRateLimit is enabled without `--admission-control-config-file`, so the API server has no limits to apply and refuses to start.' });
      }
    }
  },
});
