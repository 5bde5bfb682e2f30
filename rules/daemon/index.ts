import type { Rule } from '../engine/rule';

/** The daemon rules, one file each; keep this list sorted by file name. */
export const DAEMON_RULES: Rule<'daemon'>[] = [];
