import type { RuleContext } from '../engine/rule';
import type { RelatedLocation } from '../engine/types';
import type { ComposeBuild, StageFacts } from '../facts/file-facts';
import type { ComposeModel, ComposeService } from '../models/compose';
import { buildOf, folderOf } from '../models/file-facts/compose-facts';
import { relativePath } from '../engine/relative-path';

export interface BuiltImage {
  build: Omit<ComposeBuild, 'range'>;
  /** The stage that ships: `build.target`, else the Dockerfile's last. */
  stage: StageFacts;
  /** The Dockerfile's path as messages show it: relative to the compose file's folder, never absolute. */
  shown: string;
}

/**
 * The image a service builds, as the workspace index knows its Dockerfile (compose → Dockerfile, issue 18).
 * Undefined when the service builds nothing, the Dockerfile is not in the workspace, or the target is not in
 * it: unknown, so rules say nothing.
 */
export function builtImage(context: RuleContext<ComposeModel>, service: ComposeService): BuiltImage | undefined {
  const index = context.workspace.index;
  const build = index ? buildOf(service, folderOf(context.path)) : undefined;
  const dockerfile = build ? index!.dockerfile(build.dockerfile) : undefined;
  if (!build || !dockerfile) return undefined;
  const stage = build.target ? dockerfile.stages.find((candidate) => candidate.alias === build.target) : dockerfile.stages[dockerfile.stages.length - 1];
  return stage ? { build, stage, shown: relativePath(folderOf(context.path), build.dockerfile) } : undefined;
}

/** A place in the service's Dockerfile, for related information. */
export function inDockerfile(image: BuiltImage, range: StageFacts['fromRange'], message: string): RelatedLocation {
  return { path: image.build.dockerfile, range, message };
}
