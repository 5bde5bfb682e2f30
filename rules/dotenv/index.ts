import type { Rule } from '../engine/rule';
import secretInEnvFile from './secret-in-env-file';
import weakDefaultCredential from './weak-default-credential';

/** The `.env` rules, one file each; keep this list sorted by file name. */
export const DOTENV_RULES: Rule<'dotenv'>[] = [secretInEnvFile, weakDefaultCredential];
