import type { Range } from '../engine/position';

/**
 * The small, plain facts one file tells the others (issue 18): computed once per file version from its model,
 * kept per file in the workspace index. Ranges are in the file the facts come from, so a rule of another
 * file can point at them (related information). Nothing here is YAML or AST: it survives the parse.
 */

/** A Dockerfile stage's runtime settings, inheritance from earlier stages (`FROM builder`) already applied. */
export interface StageFacts {
  /** `AS name`, lower-cased. */
  alias?: string;
  /** The effective USER: `set` (written here), `scratch` (uid 0), `external` (the base image decides: unknown). */
  user: { source: 'set'; value?: string; range: Range } | { source: 'scratch' | 'external' };
  /** The effective HEALTHCHECK: absent when this Dockerfile writes none (the base image may have one). */
  healthcheck?: { none: boolean; range: Range };
  exposedPorts: string[];
  /** The `FROM` line, where a finding about the stage as a whole points. */
  fromRange: Range;
}

export interface DockerfileFacts {
  kind: 'dockerfile';
  /** In file order; the last one ships unless a compose `target` picks another. */
  stages: StageFacts[];
}

/** A compose service that builds an image: `build:` resolved against the compose file's folder. */
export interface ComposeBuild {
  service: string;
  /** The Dockerfile's path (`/`-separated, the context joined with `dockerfile:`), as the adapter names files. */
  dockerfile: string;
  target?: string;
  /** Settings the service writes itself, which win over the image's. */
  setsUser: boolean;
  setsHealthcheck: boolean;
  /** The service's `build:` value. */
  range: Range;
}

export interface ComposeFacts {
  kind: 'compose';
  builds: ComposeBuild[];
  envFiles: Array<{ service: string; path: string; range: Range }>;
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: Array<{ key: string; operator: string; values: string[] }>;
}

/** What a role lets its holder do that turns a compromise of one pod into more. */
export type DangerousGrant = 'read-secrets' | 'create-pods' | 'escalate' | 'bind' | 'impersonate';

export interface RbacSubject {
  kind: string;
  name: string;
  namespace?: string;
}

export interface WorkloadFacts {
  podLabels: Record<string, string>;
  /** `serviceAccountName` as written, else `default`. */
  serviceAccount: string;
  /** The `serviceAccountName:` value, when written. */
  serviceAccountRange?: Range;
  /** The pod's own `automountServiceAccountToken`, when written. */
  automount?: boolean;
  /** A static control-plane pod (kubeadm's manifests folder, control-plane labels, hostNetwork in kube-system). */
  staticControlPlane: boolean;
}

/** One Kubernetes object, reduced to what relations need. */
export interface KubernetesObjectFacts {
  kind: string;
  name?: string;
  /** As written; undefined for cluster-scoped kinds and for objects that name none (`default` then). */
  namespace?: string;
  /** The object's `metadata.name` value (or its first line). */
  range: Range;
  labels: Record<string, string>;
  /** ServiceAccount: `automountServiceAccountToken`, when written. */
  automount?: boolean;
  /** NetworkPolicy: the pods it selects. */
  podSelector?: LabelSelector;
  /** Role / ClusterRole: what it grants that widens a compromise, each with the rule that grants it. */
  grants?: Array<{ grant: DangerousGrant; range: Range }>;
  /** RoleBinding / ClusterRoleBinding. */
  roleRef?: { kind: string; name: string };
  subjects?: RbacSubject[];
  workload?: WorkloadFacts;
}

export interface KubernetesFacts {
  kind: 'kubernetes';
  objects: KubernetesObjectFacts[];
}

/** Host settings (daemon.json, dockerd flags, audit rules) that compose and host rules read. */
export interface HostFacts {
  kind: 'host';
  source: 'daemon-json' | 'dockerd-flags' | 'audit';
  noNewPrivileges?: boolean;
  defaultBindIp?: string;
  /** Keys set, each with a description of where (a flag and its file, or the daemon.json path). */
  keys?: Record<string, string>;
  dockerHost?: boolean;
  auditWatchedPaths?: string[];
}

export type FileFacts = DockerfileFacts | ComposeFacts | KubernetesFacts | HostFacts;
