import type { RuleContext } from '../engine/rule';
import type { Span } from '../engine/types';
import { FactsIndex } from '../facts/facts-index';
import type { KubernetesObjectFacts } from '../facts/file-facts';
import type { FactsView, Located } from '../facts/workspace-facts';
import { derivedAnswer } from '../facts/derived-answer';
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
export function spanInFile(context: RuleContext<KubernetesModel>, object: Pick<KubernetesObjectFacts, 'kind' | 'name' | 'namespace'>): Span | undefined {
  const manifest = context.model.manifests.find((candidate) => candidate.kind === object.kind && candidate.name === object.name && candidate.namespace === object.namespace);
  return manifest ? manifestNameSpan(manifest) : undefined;
}

type Objects = ReadonlyArray<Located<KubernetesObjectFacts>>;
const firstByName = new WeakMap<Objects, { length: number; byName: Map<string, Located<KubernetesObjectFacts>> }>();

/**
 * The first object of that kind and name in a list the view answered (`list.find(...)`, by a map built once per
 * list: a rule asking for each of 2,400 pods scanned 7,600 objects each time). The view's lists stay the same
 * arrays while the index does not change; the length is checked too, as a joining file's objects may be added in place.
 */
export function findObject(list: Objects, kind: string, name: string): Located<KubernetesObjectFacts> | undefined {
  let memo = firstByName.get(list);
  if (!memo || memo.length !== list.length) {
    const byName = new Map<string, Located<KubernetesObjectFacts>>();
    for (const object of list) if (object.name !== undefined && !byName.has(`${object.kind}\u0000${object.name}`)) byName.set(`${object.kind}\u0000${object.name}`, object);
    firstByName.set(list, (memo = { length: list.length, byName }));
  }
  return memo.byName.get(`${kind}\u0000${name}`);
}

/** The ServiceAccount of that name in the namespace, when the workspace declares one (a derived question). */
export function serviceAccountIn(scope: FactsView, namespace: string, name: string): Located<KubernetesObjectFacts> | undefined {
  return derivedAnswer(scope, `service-account:${JSON.stringify([namespace, name])}`, (view) => findObject(view.namespaceObjects(namespace, 'ServiceAccount'), 'ServiceAccount', name));
}

/** The Namespace object of that name, when the workspace declares one (a derived question). */
export function namespaceObject(scope: FactsView, name: string): Located<KubernetesObjectFacts> | undefined {
  return derivedAnswer(scope, `namespace:${JSON.stringify(name)}`, (view) => findObject(view.clusterObjects('Namespace'), 'Namespace', name));
}

/** Whether the ServiceAccount of that name in the namespace turns token automounting off (a derived question). */
export function accountDisablesAutomount(scope: FactsView, namespace: string, name: string): boolean {
  return derivedAnswer(scope, `service-account-automount-off:${JSON.stringify([namespace, name])}`, (view) => serviceAccountIn(view, namespace, name)?.automount === false);
}
