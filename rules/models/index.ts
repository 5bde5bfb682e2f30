import type { FileKind, Span } from '../engine/types';
import type { ParseInput, ParseOutcome } from './problems';
import { parseDockerfile, type DockerfileModel } from './dockerfile';
import { parseCompose, type ComposeModel } from './compose';
import { parseDaemon, type DaemonModel } from './daemon';
import { parseKubernetes, type KubernetesModel } from './kubernetes';
import { parseSystemd, type SystemdModel } from './daemon-flags/unit-model';
import { parseEnvFile, type EnvFileModel } from './daemon-flags/env-model';
import { parseAudit, type AuditModel } from './audit';
import { composeDaemons, kubernetesDaemons } from './daemon-flags/dind-sources';
import { parseDotenv, type DotenvModel } from './dotenv';
import { parseDockerConfig, type DockerConfigModel } from './docker-config';
import { kubeletModelOf } from './daemon-flags/kubelet-source';
import { textWordEditor } from './daemon-flags/text-editor';

export interface ModelByKind {
  dockerfile: DockerfileModel;
  compose: ComposeModel;
  daemon: DaemonModel;
  kubernetes: KubernetesModel;
  systemd: SystemdModel;
  'env-file': EnvFileModel;
  audit: AuditModel;
  dotenv: DotenvModel;
  'docker-config': DockerConfigModel;
}
export type ModelOf<K extends FileKind> = ModelByKind[K];

/** One parser per kind; each file is parsed once and every rule of its kind reads the same model. */
export const modelParsers: { [K in FileKind]: (input: ParseInput) => ParseOutcome<ModelByKind[K]> } = {
  dockerfile: parseDockerfile,
  compose: parseCompose,
  daemon: parseDaemon,
  kubernetes: parseKubernetes,
  systemd: parseSystemd,
  'env-file': parseEnvFile,
  audit: parseAudit,
  dotenv: parseDotenv,
  'docker-config': parseDockerConfig,
};

/** Kinds whose files can hold `#` comments, and so suppression comments. */
export const COMMENTABLE_KINDS: ReadonlySet<FileKind> = new Set(['dockerfile', 'compose', 'kubernetes', 'systemd', 'env-file', 'audit', 'dotenv']);

/**
 * A configuration of another kind written inside a file: the dockerd flags of a unit, an environment file
 * or a dind container, which the daemon rules judge as they judge a daemon.json. `mapSpan` places a
 * finding on the characters that wrote it.
 */
export interface EmbeddedModel {
  kind: FileKind;
  model: unknown;
  mapSpan(span: Span): Span;
  /** The written text a finding is about, quoted in its message (`--icc=true`); absent when messages quote it already. */
  describe?(span: Span): string;
}

/** The embedded configurations of a file's model (none for most kinds). */
export function embeddedModels(kind: FileKind, model: unknown, text: string): EmbeddedModel[] {
  const daemons: EmbeddedModel[] = daemonsOf(kind, model, text).map((daemon) => ({
    kind: 'daemon',
    model: daemon,
    mapSpan: (span) => daemon.flags!.mapSpan(span),
    describe: (span) => text.slice(span.start, span.end),
  }));
  // The kubelet rules speak in flags already (`--read-only-port=10255`): their spans and messages stand.
  const kubelets: EmbeddedModel[] = (kind === 'systemd' || kind === 'env-file' ? (model as SystemdModel | EnvFileModel).kubelets : []).map((command) => ({
    kind: 'kubernetes',
    model: kubeletModelOf(command, textWordEditor(text, command.appendAt)),
    mapSpan: (span) => span,
  }));
  return [...daemons, ...kubelets];
}

/** The dockerd configurations a file holds as flags: units, environment files, dind containers. */
export function daemonsOf(kind: FileKind, model: unknown, text: string): DaemonModel[] {
  if (kind === 'systemd' || kind === 'env-file') return (model as SystemdModel | EnvFileModel).daemons;
  if (kind === 'compose') return composeDaemons(model as ComposeModel, text);
  if (kind === 'kubernetes') return kubernetesDaemons(model as KubernetesModel, text);
  return [];
}
