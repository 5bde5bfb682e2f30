import { entry, stringArg } from './arguments';
import { utf8Bytes, utf8Text } from './go-strconv';
import type { FunctionEntry } from './types';

/**
 * Sprig's b64enc/b64dec/b32enc/b32dec over Go's StdEncoding (padded, strict). A decoding error is returned as the
 * result text (`illegal base64 data at input byte 4`), as Sprig does. Decoded bytes become a Go string; bytes that
 * are not UTF-8 are shown as U+FFFD here (JavaScript strings cannot hold them).
 */

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 5) {
    const chunk = bytes.slice(i, i + 5);
    let bits = 0n;
    for (let j = 0; j < 5; j++) bits = (bits << 8n) | BigInt(chunk[j] ?? 0);
    const chars = Math.ceil((chunk.length * 8) / 5);
    for (let j = 0; j < 8; j++) out += j < chars ? base32Alphabet[Number((bits >> BigInt(35 - j * 5)) & 31n)] : '=';
  }
  return out;
}

/** Go's strict decoder for a padded alphabet; `\r` and `\n` are skipped, as Go does. Returns an error text on failure. */
function decodeStrict(text: string, alphabet: string, bitsPerChar: number, groupChars: number): Uint8Array | string {
  const clean = text.replace(/[\r\n]/g, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bufferBits = 0;
  let padding = -1;
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i];
    if (c === '=') {
      if (padding < 0) padding = i;
      continue;
    }
    const value = alphabet.indexOf(c);
    if (value < 0 || padding >= 0) return `illegal ${bitsPerChar === 6 ? 'base64' : 'base32'} data at input byte ${padding >= 0 ? padding : i}`;
    buffer = ((buffer << bitsPerChar) | value) & 0xffffff;
    bufferBits += bitsPerChar;
    if (bufferBits >= 8) {
      bufferBits -= 8;
      bytes.push((buffer >> bufferBits) & 0xff);
    }
  }
  if (clean.length % groupChars !== 0) {
    return `illegal ${bitsPerChar === 6 ? 'base64' : 'base32'} data at input byte ${clean.length - (clean.length % groupChars)}`;
  }
  return new Uint8Array(bytes);
}

function decoded(result: Uint8Array | string): string {
  return typeof result === 'string' ? result : utf8Text(result);
}

export const encodingFunctions: Record<string, FunctionEntry> = {
  b64enc: entry((args) => Buffer.from(utf8Bytes(stringArg(args, 0))).toString('base64'), [1, 1], true),
  b64dec: entry((args) => decoded(decodeStrict(stringArg(args, 0), 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 6, 4)), [1, 1], true),
  b32enc: entry((args) => base32Encode(utf8Bytes(stringArg(args, 0))), [1, 1], true),
  b32dec: entry((args) => decoded(decodeStrict(stringArg(args, 0), base32Alphabet, 5, 8)), [1, 1], true),
};
