import type { SourceSet } from '../../../rules/models/helm/source-map';

/** A chart whose values.yaml has `securityContext: {}` consumed by `toYaml` in a Deployment (issue 14's case). */
export const CHART_ROOT = '/ws/web';

export function chartSources(overrides: Record<string, string> = {}): SourceSet {
  const files: Record<string, string> = {
    [`${CHART_ROOT}/Chart.yaml`]: 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    [`${CHART_ROOT}/values.yaml`]: [
      '# Image of the web container',
      'image: web:2.1',
      '',
      '# Container security settings, written as they are under the container',
      'securityContext: {}',
      '',
    ].join('\n'),
    [`${CHART_ROOT}/templates/_helpers.tpl`]: '{{- define "web.labels" -}}\napp: web\n{{- end -}}\n',
    [`${CHART_ROOT}/templates/deployment.yaml`]: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      '  labels:',
      '    {{ include "web.labels" . }}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: {{ .Values.image }}',
      '          securityContext:',
      '            {{- toYaml .Values.securityContext | nindent 12 }}',
      '',
    ].join('\n'),
    ...overrides,
  };
  return { files: new Map(Object.entries(files).map(([path, text]) => [path.startsWith('/') ? path : `${CHART_ROOT}/${path}`, text])) };
}
