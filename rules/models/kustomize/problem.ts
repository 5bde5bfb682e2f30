import type { SourceLocation } from '../helm/source-map';

/** Why a kustomization could not be built; each becomes one `stridelint/not-analysed` finding. */
export type BuildProblemReason =
  | 'missing-kustomization'
  | 'multiple-kustomizations'
  | 'missing-file'
  | 'malformed-yaml'
  | 'bad-kustomization'
  | 'remote-resource'
  | 'cycle'
  | 'load-restriction'
  | 'conflict'
  | 'patch-error'
  | 'unsupported'
  | 'budget'
  /** A bug in the builder: reported (with the error) instead of stopping the lint. */
  | 'internal-error';

export interface BuildProblem {
  reason: BuildProblemReason;
  /** The message, in kustomize's wording where kustomize has one (the conformance tests match substrings). */
  message: string;
  location?: SourceLocation;
}

/** Thrown inside the builder and turned into a `BuildProblem` at its edge; never escapes `buildKustomization`. */
export class BuildError extends Error {
  constructor(readonly reason: BuildProblemReason, message: string, readonly location?: SourceLocation) {
    super(message);
  }

  /** The same error with kustomize's context prefix (`accumulating resources: …`), located at `at` when it had no place (a cycle). */
  wrap(prefix: string, at?: SourceLocation): BuildError {
    return new BuildError(this.reason, `${prefix}: ${this.message}`, this.location ?? at);
  }
}
