import type { Rule } from '../engine/rule';
import addInsteadOfCopy from './add-instead-of-copy';

/** The Dockerfile rules, one file each; keep this list sorted by file name. */
export const DOCKERFILE_RULES: Rule<'dockerfile'>[] = [addInsteadOfCopy];
