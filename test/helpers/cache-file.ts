import { createHash, createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

/** The cache key the CLI tests run with (`STRIDELINT_CACHE_KEY`, set by test/helpers/cli.ts): the tests can sign a cache. */
export const TEST_CACHE_KEY = 'stridelint tests: a cache key known to the tests';

/** While edited, a value of bytes (`#length:` and that many bytes) is `#:` and its text, newlines as U+E000. */
const BYTES_MARK = '#:';
const NEWLINE_STAND_IN = '\uE000';

/**
 * Rewrites a stridelint cache file (a JSON header line, then the body): `edit` changes the body, the header's
 * checksum (or the CLI's HMAC, with `key`) is recomputed unless `keepChecksum`, and `header` may change other
 * header fields. Values of bytes are edited as one line each and measured again afterwards.
 */
export function rewriteCache(file: string, edit: (body: string) => string, options: { keepChecksum?: boolean; key?: string | Buffer; header?: (header: Record<string, unknown>) => void } = {}): void {
  const data = readFileSync(file);
  const newline = data.indexOf(10);
  const header = JSON.parse(data.toString('utf8', 0, newline)) as Record<string, unknown>;
  const body = measured(edit(editable(data.subarray(newline + 1))));
  // The CLI's cache is signed by an HMAC (of the format, its version, the tool and the body), the server's checked by a SHA-256.
  options.header?.(header);
  if (!options.keepChecksum && 'hmac' in header) header.hmac = createHmac('sha256', options.key ?? TEST_CACHE_KEY).update(`${String(header.format)}\n${String(header.version)}\n${String(header.tool)}\n`).update(body).digest('hex');
  else if (!options.keepChecksum) header.checksum = createHash('sha256').update(body).digest('hex');
  writeFileSync(file, `${JSON.stringify(header)}\n${body}`);
}

/** The body as text, each value of bytes on one line. */
function editable(body: Buffer): string {
  const lines: string[] = [];
  for (let start = 0; start < body.length; ) {
    const third = body.indexOf(9, body.indexOf(9, body.indexOf(9, start) + 1) + 1);
    let end = body.indexOf(10, start);
    if (end < 0) end = body.length;
    if (third < 0 || third > end || body[third + 1] !== 0x23) {
      lines.push(body.toString('utf8', start, end));
    } else {
      const colon = body.indexOf(0x3a, third);
      end = colon + 1 + Number(body.toString('latin1', third + 2, colon));
      lines.push(`${body.toString('utf8', start, third + 1)}${BYTES_MARK}${body.toString('utf8', colon + 1, end).replaceAll('\n', NEWLINE_STAND_IN)}`);
    }
    start = end + 1;
  }
  return `${lines.join('\n')}\n`;
}

/** The edited body back in the file's form: each value of bytes with its length again. */
function measured(body: string): string {
  return body
    .split('\n')
    .map((line) => {
      const third = line.indexOf('\t', line.indexOf('\t', line.indexOf('\t') + 1) + 1);
      if (third < 0 || !line.startsWith(BYTES_MARK, third + 1)) return line;
      const value = line.slice(third + 1 + BYTES_MARK.length).replaceAll(NEWLINE_STAND_IN, '\n');
      return `${line.slice(0, third + 1)}#${Buffer.byteLength(value)}:${value}`;
    })
    .join('\n');
}

/**
 * Marks every cached finding's message, so that a later run shows which results came from the cache: in findings
 * (`"message":"…`) and in the CLI's cached JSON output (`"message": "…`).
 */
export const FORGED = 'FROM-THE-CACHE';
export const forge = (body: string): string => body.replace(/"message":"/g, `"message":"${FORGED} `).replace(/"message": "/g, `"message": "${FORGED} `);
