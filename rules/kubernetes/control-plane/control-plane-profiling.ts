import { isScalar } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { configDocuments, kindSpan, setField } from '../../models/control-plane';
import { getNode, nodeSpan } from '../../models/yaml';
import { checkBooleanFlag, cis, examplePod, kics, sources } from './flag-checks';

const CONFIG_KINDS = [
  { kind: 'KubeSchedulerConfiguration', group: 'kubescheduler.config.k8s.io/' },
  { kind: 'KubeControllerManagerConfiguration', group: 'kubecontrollermanager.config.k8s.io/' },
];

export default defineRule({
  meta: {
    id: 'kubernetes/control-plane-profiling',
    kind: 'kubernetes',
    title: 'Control-plane component exposes profiling',
    stride: 'information-disclosure',
    severity: 'warning',
    fix: 'fix',
    description:
      'kube-apiserver, kube-controller-manager and kube-scheduler serve Go profiling data at `/debug/pprof` unless `--profiling=false` is set (the default is true). It reveals internals of the process and lets a caller trigger expensive profiles.',
    remediation: 'Set `--profiling=false` on each component (`enableProfiling: false` in a KubeSchedulerConfiguration file).',
    references: [
      ...cis('1.2.15'),
      ...cis('1.3.2'),
      ...cis('1.4.1'),
      { source: 'checkov', id: 'CKV_K8S_90' },
      { source: 'checkov', id: 'CKV_K8S_107' },
      { source: 'checkov', id: 'CKV_K8S_114' },
      kics('Profiling Not Set To False', '2f491173-6375-4a84-b28e-a4e2b9a58a69'),
      { source: 'trivy', id: 'KCV0018' },
      { source: 'trivy', id: 'KCV0034' },
      { source: 'trivy', id: 'KCV0040' },
    ],
    examples: {
      invalid: [examplePod('kube-scheduler', ['--profiling=true'])],
      valid: [examplePod('kube-scheduler', ['--profiling=false', '--bind-address=127.0.0.1'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler')) {
      const consequence = `exposes ${source.component} profiling data at /debug/pprof`;
      checkBooleanFlag(context, source, { name: 'profiling', secure: false, defaultValue: true, consequence, safe: true });
    }
    for (const { kind, group } of CONFIG_KINDS) {
      for (const manifest of configDocuments(context.model, kind, group)) {
        const node = getNode(manifest.node, 'enableProfiling');
        const value = isScalar(node) ? node.value : undefined;
        if (value === false || (node !== undefined && value !== true)) continue;
        const edit = setField(context.text, manifest, ['enableProfiling'], 'false');
        context.report({
          span: node ? nodeSpan(node) : kindSpan(manifest),
          message: node ? `\`enableProfiling: true\` exposes profiling data at /debug/pprof.` : `\`enableProfiling\` is not set in this ${kind}, and its default (true) exposes profiling data at /debug/pprof.`,
          fixes: edit ? [{ title: 'Set `enableProfiling: false`', safe: true, edits: [edit] }] : [],
        });
      }
    }
  },
});
