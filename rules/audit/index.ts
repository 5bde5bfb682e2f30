import type { Rule } from '../engine/rule';
import dockerWatch from './docker-watch';

/** The audit-rules rules, one file each; keep this list sorted by file name. */
export const AUDIT_RULES: Rule<'audit'>[] = [dockerWatch];
