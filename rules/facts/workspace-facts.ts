import type { ComposeBuild, DockerfileFacts, KubernetesObjectFacts } from './file-facts';

/** A fact with the file it comes from. */
export type Located<T> = T & { path: string };

/**
 * What rules may ask about the rest of the workspace. Every question is recorded by the adapter that hands the
 * view in (which files read which facts), so a change re-lints exactly the readers. An answer of `undefined`
 * or an empty list means "nothing known", never "safe".
 */
export interface FactsView {
  /** The Dockerfile at that path (`/`-separated, as the adapter names files), if the workspace has it. */
  dockerfile(path: string): DockerfileFacts | undefined;
  /** The compose services whose `build:` names the Dockerfile at that path. */
  composeBuildsOf(dockerfilePath: string): Array<Located<ComposeBuild>>;
  /**
   * The Kubernetes objects of one namespace (objects that name none are in `default`); with `kind`, those of
   * that kind (a list that changes only when one of them does). A view may ignore `kind`: callers still filter.
   */
  namespaceObjects(namespace: string, kind?: string): Array<Located<KubernetesObjectFacts>>;
  /** Cluster-scoped objects: Namespaces, ClusterRoles, ClusterRoleBindings; with `kind`, as above. */
  clusterObjects(kind?: string): Array<Located<KubernetesObjectFacts>>;
}

/**
 * Facts about the rest of the workspace that a few rules read (a rule never touches the file system):
 * adapters fill them in when they know them, and rules treat absence as "unknown".
 */
export interface WorkspaceFacts {
  /** A workspace daemon.json sets `"no-new-privileges": true` (compose/no-new-privileges drops to info). */
  daemonNoNewPrivileges?: boolean;
  /** A workspace daemon.json sets `"ip"`, the default bind address for published ports. */
  daemonDefaultBindIp?: string;
  /** Keys a workspace daemon.json sets, each with that file's path (a dockerd flag for one stops dockerd). */
  daemonJsonKeys?: Readonly<Record<string, string>>;
  /** Keys the dockerd flags of a workspace unit or environment file set, each with the flag and its file. */
  daemonFlagKeys?: Readonly<Record<string, string>>;
  /** The workspace provisions a Docker host: it has a daemon.json or a unit/environment file that starts dockerd. */
  dockerHost?: boolean;
  /** Paths the run's audit rules files watch, all of them (a watch in one file serves the host). */
  auditWatchedPaths?: readonly string[];
  /** The audit rules file that reports what none of them watches (the path as linted), so it is said once. */
  auditRulesFile?: string;
  /** The workspace index of per-file facts (compose → Dockerfile, Kubernetes relations); absent: unknown. */
  index?: FactsView;
}
