import type { LineIndex } from '../../engine/line-index';
import type { FileKind } from '../../engine/types';
import type { FileFacts } from '../../facts/file-facts';
import { watchedPaths, type AuditModel } from '../audit';
import type { ComposeModel } from '../compose';
import { daemonHostFacts } from '../daemon-flags/workspace-facts';
import type { DockerfileModel } from '../dockerfile';
import type { KubernetesModel } from '../kubernetes';
import { composeFacts } from './compose-facts';
import { dockerfileFacts } from './dockerfile-facts';
import { kubernetesFacts } from './kubernetes-facts';

/** The facts a file of this kind tells the workspace, from the model already parsed; undefined when none. */
export function fileFactsOf(kind: FileKind, model: unknown, text: string, path: string, lines: LineIndex): FileFacts | undefined {
  switch (kind) {
    case 'dockerfile':
      return model ? dockerfileFacts(model as DockerfileModel, lines) : undefined;
    case 'compose':
      return model ? composeFacts(model as ComposeModel, lines, path) : undefined;
    case 'kubernetes':
      return model ? kubernetesFacts(model as KubernetesModel, lines, path) : undefined;
    case 'audit':
      return { kind: 'host', source: 'audit', auditWatchedPaths: model ? watchedPaths(model as AuditModel) : [] };
    default:
      return daemonHostFacts(kind, model, text);
  }
}
