import type { HelmRenderOptions } from '../../models/helm/render-result';
import { relativeToConfig, type StridelintConfig } from '../config';
import { matchesGlob } from '../glob';

/**
 * The render options `.stridelint.yaml` `helm:` gives a chart: every `valuesFiles` glob that matches the chart
 * folder (relative to the config's folder) adds its files, relative to the chart folder, in the order written.
 */
export function helmRenderOptions(config: StridelintConfig, chartRoot: string): HelmRenderOptions {
  const helm = config.helm ?? {};
  const relative = relativeToConfig(config, chartRoot);
  const valuesFiles: string[] = [];
  for (const [glob, files] of Object.entries(helm.valuesFiles ?? {})) {
    if (relative === undefined || !matchesGlob(relative, glob.replace(/\/+$/, ''))) continue;
    for (const file of files) {
      const path = `${chartRoot}/${file.replace(/^\.\//, '')}`;
      if (path !== `${chartRoot}/values.yaml` && !valuesFiles.includes(path)) valuesFiles.push(path);
    }
  }
  return {
    ...(valuesFiles.length ? { valuesFiles } : {}),
    ...(helm.releaseName !== undefined ? { releaseName: helm.releaseName } : {}),
    ...(helm.namespace !== undefined ? { namespace: helm.namespace } : {}),
    ...(helm.kubeVersion !== undefined ? { kubeVersion: helm.kubeVersion } : {}),
    ...(helm.apiVersions?.length ? { apiVersions: helm.apiVersions } : {}),
  };
}
