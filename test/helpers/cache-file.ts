import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * Rewrites a stridelint cache file (a JSON header line, then the body): `edit` changes the body, the header's
 * checksum (or CRC-32 and length) is recomputed unless `keepChecksum`, and `header` may change other header fields.
 */
export function rewriteCache(file: string, edit: (body: string) => string, options: { keepChecksum?: boolean; header?: (header: Record<string, unknown>) => void } = {}): void {
  const text = readFileSync(file, 'utf8');
  const newline = text.indexOf('\n');
  const header = JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
  const body = edit(text.slice(newline + 1));
  // The CLI's cache is checked by a CRC-32 and the length of the body in bytes, the server's by a SHA-256.
  if (!options.keepChecksum && 'crc32' in header) Object.assign(header, { crc32: crc32(body), length: Buffer.byteLength(body) });
  else if (!options.keepChecksum) header.checksum = createHash('sha256').update(body).digest('hex');
  options.header?.(header);
  writeFileSync(file, `${JSON.stringify(header)}\n${body}`);
}

/** Marks every cached finding's message, so that a later run shows which results came from the cache. */
export const FORGED = 'FROM-THE-CACHE';
export const forge = (body: string): string => body.replace(/"message":"/g, `"message":"${FORGED} `);
