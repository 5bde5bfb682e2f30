import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root (tests run from dist-test/test/…). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

/**
 * `../shared/` beside the checkout holds reference data (corpora, schemas). It is there in every checkout
 * here and in CI; a test that reads it skips, saying so, only when it is absent (a clone elsewhere).
 */
export const SHARED_DIR = join(REPO_ROOT, '..', 'shared');
export const SHARED_AVAILABLE = existsSync(join(SHARED_DIR, 'corpus'));
export const SHARED_SKIP_REASON = SHARED_AVAILABLE ? false : `../shared/ is not beside this checkout (${SHARED_DIR})`;

export interface CorpusFile {
  path: string;
  kind: string;
  bytes: number;
}

export function realworldIndex(): CorpusFile[] {
  const index = JSON.parse(readFileSync(join(SHARED_DIR, 'corpus', 'realworld', 'index.json'), 'utf8')) as { files: CorpusFile[] };
  return index.files;
}

export function realworldPath(file: CorpusFile): string {
  return join(SHARED_DIR, 'corpus', 'realworld', file.path);
}

export interface PeerCase {
  file: string;
  kind: string;
  concept: string;
  expect: 'positive' | 'negative';
  peer: string;
  peerId: string;
  peerName: string;
  lines?: number[];
}

export function peerCases(): PeerCase[] {
  return (JSON.parse(readFileSync(join(SHARED_DIR, 'corpus', 'peers', 'cases.json'), 'utf8')) as { cases: PeerCase[] }).cases;
}

export function peerPath(peerCase: PeerCase): string {
  return join(SHARED_DIR, 'corpus', 'peers', peerCase.file);
}
