import type { Document } from 'yaml';
import type { ParseInput, ParseOutcome } from './problems';
import { parseYamlStream } from './yaml';

/** The Kubernetes model: every document of the stream (the workloads issue adds manifests and pod specs). */
export interface KubernetesModel {
  documents: Document.Parsed[];
}

export function parseKubernetes(input: ParseInput): ParseOutcome<KubernetesModel> {
  const stream = parseYamlStream(input.text);
  return { model: { documents: stream.documents.filter((document) => document.errors.length === 0) }, problems: stream.problems };
}
