import { FINGERPRINT_VERSION } from './fingerprint';

/**
 * The baseline file (`.stridelint-baseline.json`, documented in docs/baseline.md): the findings a team has
 * accepted for now, so that only new ones are reported. Pure data in and out; adapters read and write files.
 */
export const BASELINE_FORMAT_VERSION = 1;
export const DEFAULT_BASELINE_FILE = '.stridelint-baseline.json';

export interface BaselineEntry {
  /** Path relative to the baseline file's folder, forward slashes. */
  path: string;
  ruleId: string;
  fingerprint: string;
  /** For people reading the file; matching ignores it. */
  message?: string;
}

export interface Baseline {
  version: number;
  fingerprintVersion: number;
  entries: BaselineEntry[];
}

/** A finding to check against a baseline: where it is and its fingerprint. */
export interface BaselineCandidate {
  path: string;
  ruleId: string;
  fingerprint: string;
}

export class BaselineError extends Error {
  constructor(readonly source: string, message: string) {
    super(`${source}: ${message}`);
    this.name = 'BaselineError';
  }
}

export function serializeBaseline(entries: readonly BaselineEntry[], toolVersion: string): string {
  const sorted = [...entries].sort((a, b) => a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  const findings = sorted.map((entry) => ({ path: entry.path, ruleId: entry.ruleId, fingerprint: entry.fingerprint, ...(entry.message ? { message: entry.message } : {}) }));
  return `${JSON.stringify({ version: BASELINE_FORMAT_VERSION, fingerprintVersion: FINGERPRINT_VERSION, tool: { name: 'stridelint', version: toolVersion }, findings }, null, 2)}\n`;
}

/** Reads a baseline file's text; throws BaselineError naming the file and what is wrong. */
export function parseBaseline(text: string, source: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BaselineError(source, `not valid JSON (${(error as Error).message}).`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BaselineError(source, 'a baseline is a JSON object with "version" and "findings".');
  const raw = value as { version?: unknown; fingerprintVersion?: unknown; findings?: unknown };
  if (raw.version !== BASELINE_FORMAT_VERSION) throw new BaselineError(source, `unsupported baseline version ${JSON.stringify(raw.version)} (this stridelint reads version ${BASELINE_FORMAT_VERSION}).`);
  if (raw.fingerprintVersion !== FINGERPRINT_VERSION) {
    throw new BaselineError(source, `its fingerprints are version ${JSON.stringify(raw.fingerprintVersion)}, this stridelint computes version ${FINGERPRINT_VERSION}; write it again with --write-baseline.`);
  }
  if (!Array.isArray(raw.findings)) throw new BaselineError(source, '"findings" must be a list.');
  const entries: BaselineEntry[] = [];
  raw.findings.forEach((item: unknown, index) => {
    const entry = item as Partial<BaselineEntry> | null;
    if (!entry || typeof entry.path !== 'string' || typeof entry.ruleId !== 'string' || typeof entry.fingerprint !== 'string') {
      throw new BaselineError(source, `findings[${index}] needs string "path", "ruleId" and "fingerprint".`);
    }
    entries.push({ path: entry.path, ruleId: entry.ruleId, fingerprint: entry.fingerprint, ...(typeof entry.message === 'string' ? { message: entry.message } : {}) });
  });
  return { version: BASELINE_FORMAT_VERSION, fingerprintVersion: FINGERPRINT_VERSION, entries };
}

function keyOf(entry: BaselineCandidate): string {
  return `${entry.path}\u0000${entry.ruleId}\u0000${entry.fingerprint}`;
}

export interface BaselineComparison {
  /** Per candidate, in the order given: true when the baseline holds it. */
  baselined: boolean[];
  /** Baseline entries matched by this run. */
  unchanged: BaselineEntry[];
  /** Baseline entries of the files this run looked at (or of files that no longer exist) that matched nothing. */
  absent: BaselineEntry[];
}

/**
 * Matches findings against a baseline one at a time, in run order (the CLI streams its run through it). A
 * multiset: two identical entries absorb two identical findings, not more.
 */
export class BaselineMatcher {
  private readonly remaining = new Map<string, BaselineEntry[]>();
  readonly unchanged: BaselineEntry[] = [];

  constructor(baseline: Baseline) {
    for (const entry of baseline.entries) {
      const key = keyOf(entry);
      const bucket = this.remaining.get(key);
      if (bucket) bucket.push(entry);
      else this.remaining.set(key, [entry]);
    }
  }

  /** Whether the baseline holds this finding (each entry absorbs one finding). */
  match(candidate: BaselineCandidate): boolean {
    const entry = this.remaining.get(keyOf(candidate))?.shift();
    if (entry) this.unchanged.push(entry);
    return entry !== undefined;
  }

  /** Entries nothing matched, of the paths `covers` says the run looked at. */
  absent(covers: (path: string) => boolean): BaselineEntry[] {
    return [...this.remaining.values()].flat().filter((entry) => covers(entry.path));
  }
}

/**
 * Splits a run's findings into baselined and new. `covers(path)` says whether the run looked at a baseline
 * path (a run over one folder says nothing about the others' entries).
 */
export function compareWithBaseline(baseline: Baseline, candidates: readonly BaselineCandidate[], covers: (path: string) => boolean): BaselineComparison {
  const matcher = new BaselineMatcher(baseline);
  const baselined = candidates.map((candidate) => matcher.match(candidate));
  return { baselined, unchanged: matcher.unchanged, absent: matcher.absent(covers) };
}
