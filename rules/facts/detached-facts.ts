import type { FileFacts } from './file-facts';
import type { Position } from '../engine/position';

/**
 * A copy of a file's facts that keeps nothing of its parse alive, for an index that outlives the file (the CLI's
 * run, issue 17): the parser's strings are slices of the file's text, and V8 keeps a whole text alive while one
 * slice of it lives. A copy's strings are its own.
 */
export function detachedFacts(facts: FileFacts | undefined): FileFacts | undefined {
  return facts && structuredClone(facts);
}

/** Positions shared when both numbers fit this key (line * POSITION_COLUMNS + character). */
const POSITION_COLUMNS = 2 ** 20;
const POSITION_LINES = 2 ** 32;

/**
 * The parts a run's index holds of many files' facts, one copy each (the CLI's, issue 17): each string (kinds,
 * `default`, label keys and values, image users) and each position of a range (a position is small numbers,
 * met in file after file). A copy of facts has parts of its own, so without this the index grew by every word
 * and position of each file; with it, by what is new in the file. Facts are plain data no one changes: a part
 * shared by many of them is read, never written.
 */
export class SharedFacts {
  private readonly strings = new Map<string, string>();
  private readonly positions = new Map<number, Position>();

  /** `detachedFacts`, its parts the ones this table keeps. */
  detached(facts: FileFacts | undefined): FileFacts | undefined {
    const copy = detachedFacts(facts);
    return copy && this.adopted(copy);
  }

  /**
   * Facts nothing else holds yet (a copy just made, or received from another thread), each string and position
   * in them replaced, in place, by the one this table keeps (the first of its value met).
   */
  adopted<T>(facts: T): T {
    this.share(facts as unknown as Record<string, unknown>);
    return facts;
  }

  private share(value: Record<string, unknown> | unknown[]): void {
    // Written back even when "equal": equal strings compare equal, whichever copy they are.
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.kept(value[i]);
      return;
    }
    for (const key of Object.keys(value)) value[key] = this.kept(value[key]);
  }

  private kept(value: unknown): unknown {
    if (typeof value === 'string') {
      const kept = this.strings.get(value);
      if (kept !== undefined) return kept;
      this.strings.set(value, value);
    } else if (value !== null && typeof value === 'object') {
      const key = positionKey(value as Record<string, unknown>);
      if (key === undefined) this.share(value as Record<string, unknown>);
      else {
        const kept = this.positions.get(key);
        if (kept !== undefined) return kept;
        this.positions.set(key, value as Position);
      }
    }
    return value;
  }
}

/** The key a position is shared under; undefined for anything else (or numbers too large for the key). */
function positionKey(value: Record<string, unknown>): number | undefined {
  const { line, character } = value;
  if (typeof line !== 'number' || typeof character !== 'number') return undefined;
  if (!(Number.isInteger(line) && Number.isInteger(character) && line >= 0 && character >= 0 && line < POSITION_LINES && character < POSITION_COLUMNS)) return undefined;
  let keys = 0;
  for (const key in value) if (Object.hasOwn(value, key)) keys++;
  return keys === 2 ? line * POSITION_COLUMNS + character : undefined;
}
