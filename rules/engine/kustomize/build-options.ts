import type { KustomizeBuildOptions } from '../../models/kustomize/build';
import type { StridelintConfig } from '../config';

/**
 * The build options `.stridelint.yaml` `kustomize:` gives. Load restrictions default to `none`: the source set
 * holds only workspace files, so kustomize's reason for `rootOnly` (a kustomization reading files it should
 * not) does not apply, and overlays that share files across folders (11 of the 92 realworld ones) are built
 * instead of left unanalysed. Output order does not matter to the rules: legacy, as `kustomize build`.
 */
export function kustomizeBuildOptions(config: StridelintConfig): KustomizeBuildOptions {
  return { loadRestrictions: config.kustomize?.loadRestrictions ?? 'none', reorder: 'legacy' };
}
