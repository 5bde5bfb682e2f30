import type { Rule } from '../engine/rule';
import plaintextCredentials from './plaintext-credentials';

/** The Docker client config.json rules, one file each; keep this list sorted by file name. */
export const DOCKER_CONFIG_RULES: Rule<'docker-config'>[] = [plaintextCredentials];
