// The benchmark's input: the real-world corpus beside the checkout (../shared/corpus/realworld), by kind.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS_DIR = join(REPO_ROOT, '..', 'shared', 'corpus', 'realworld');

/** Kinds stridelint lints (Helm templates are Kubernetes files with template syntax). */
export const LINTED_KINDS = new Set(['dockerfile', 'compose', 'daemon', 'kubernetes', 'helm-template']);

/** Every file under a folder (symbolic links not followed), depth first. */
export function filesUnder(root, into = []) {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) filesUnder(path, into);
    else if (entry.isFile()) into.push(path);
  }
  return into;
}

export function loadCorpus({ quick = false } = {}) {
  const indexPath = join(CORPUS_DIR, 'index.json');
  if (!existsSync(indexPath)) throw new Error(`the real-world corpus is not beside this checkout (${CORPUS_DIR})`);
  const { files } = JSON.parse(readFileSync(indexPath, 'utf8'));
  const all = files.map((file) => ({ ...file, abs: join(CORPUS_DIR, file.path) }));
  // Quick mode: every 8th file of each kind, so the mix stays the same.
  if (!quick) return all;
  const seen = new Map();
  return all.filter((file) => {
    const count = seen.get(file.kind) ?? 0;
    seen.set(file.kind, count + 1);
    return count % 8 === 0;
  });
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function summarise(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0, total: times.reduce((a, b) => a + b, 0) };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
