import type { RuleContext } from '../engine/rule';
import type { Span } from '../engine/types';
import { FactsIndex } from '../facts/facts-index';
import type { KubernetesObjectFacts } from '../facts/file-facts';
import type { FactsView } from '../facts/workspace-facts';
import { kubernetesFacts } from '../models/file-facts/kubernetes-facts';
import { manifestNameSpan, type KubernetesModel } from '../models/kubernetes';

const ownFileViews = new WeakMap<KubernetesModel, FactsView>();

/**
 * The Kubernetes objects a relation may link (issue 18: by namespace): the workspace index when the adapter
 * hands one in, else this file's own objects, so that a single file still relates what it holds together.
 */
export function kubernetesScope(context: RuleContext<KubernetesModel>): FactsView {
  if (context.workspace.index) return context.workspace.index;
  let view = ownFileViews.get(context.model);
  if (!view) {
    const index = new FactsIndex();
    index.set(context.path, kubernetesFacts(context.model, context.lines, context.path));
    view = index.view();
    ownFileViews.set(context.model, view);
  }
  return view;
}

/** Where an object of this file sits (its `metadata.name`), found by kind, name and namespace in the model. */
export function spanInFile(context: RuleContext<KubernetesModel>, object: KubernetesObjectFacts): Span | undefined {
  const manifest = context.model.manifests.find((candidate) => candidate.kind === object.kind && candidate.name === object.name && candidate.namespace === object.namespace);
  return manifest ? manifestNameSpan(manifest) : undefined;
}
