import type { FileKind } from '../engine/types';
import type { ParseInput, ParseOutcome } from './problems';
import { parseDockerfile, type DockerfileModel } from './dockerfile';
import { parseCompose, type ComposeModel } from './compose';
import { parseDaemon, type DaemonModel } from './daemon';
import { parseKubernetes, type KubernetesModel } from './kubernetes';
import { parseDotenv, type DotenvModel } from './dotenv';
import { parseDockerConfig, type DockerConfigModel } from './docker-config';

export interface ModelByKind {
  dockerfile: DockerfileModel;
  compose: ComposeModel;
  daemon: DaemonModel;
  kubernetes: KubernetesModel;
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
  dotenv: parseDotenv,
  'docker-config': parseDockerConfig,
};

/** Kinds whose files can hold `#` comments, and so suppression comments. */
export const COMMENTABLE_KINDS: ReadonlySet<FileKind> = new Set(['dockerfile', 'compose', 'kubernetes', 'dotenv']);
