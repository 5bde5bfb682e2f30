import type { FileFacts } from './file-facts';

/**
 * A copy of a file's facts that keeps nothing of its parse alive, for an index that outlives the file (the CLI's
 * run, issue 17): the parser's strings are slices of the file's text, and V8 keeps a whole text alive while one
 * slice of it lives. A copy's strings are its own.
 */
export function detachedFacts(facts: FileFacts | undefined): FileFacts | undefined {
  return facts && structuredClone(facts);
}
