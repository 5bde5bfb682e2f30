import type { Rule } from '../engine/rule';

/** The compose rules, one file each; keep this list sorted by file name. */
export const COMPOSE_RULES: Rule<'compose'>[] = [];
