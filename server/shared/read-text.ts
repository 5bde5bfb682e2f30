import { readFileSync } from 'node:fs';

/** `bytes`: the file as read (its UTF-8 is exactly `text`), for hashing without encoding the text again. */
export type ReadOutcome = { text: string; bytes: Uint8Array } | { skipped: string };

// ignoreBOM keeps a BOM in the text, so that --fix can write it back; the engine skips it.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads a file as UTF-8 text, or says why it is not text (NUL bytes, invalid UTF-8) without throwing. */
export function readText(file: string, maxBytes: number): ReadOutcome {
  const buffer = readFileSync(file);
  if (buffer.length > maxBytes) return tooLarge(maxBytes);
  return textOfBytes(buffer);
}

export function tooLarge(maxBytes: number): ReadOutcome {
  return { skipped: `the file is larger than ${maxBytes} bytes (set maxFileSize in .stridelint.yaml to lint it)` };
}

/** A file's bytes as text, or why they are not text. */
export function textOfBytes(buffer: Buffer): ReadOutcome {
  if (buffer.subarray(0, 8192).includes(0)) return { skipped: 'the file contains NUL bytes, so it is binary, not text' };
  try {
    return { text: decoder.decode(buffer), bytes: buffer };
  } catch {
    return { skipped: 'the file is not valid UTF-8 text' };
  }
}
