import { gunzipSync } from 'node:zlib';

/**
 * A small reader for the gzipped tar archives Helm packages charts in (`helm package` writes ustar with PAX
 * headers for long names). Only regular files are returned; links, devices and directories are skipped.
 * Everything is bounded: a corrupt or hostile archive gives an `ArchiveError`, never a hang or a huge buffer.
 */

export interface ArchiveEntry {
  /** The entry's path inside the archive, `/`-separated, without a leading `./`. */
  path: string;
  data: Uint8Array;
}

export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

/** Limits of one archive (Helm's own loader caps a chart file at 5 MB; a whole chart stays well below these). */
export const ARCHIVE_LIMITS = { unpackedBytes: 64 * 1024 * 1024, entries: 10_000 };

const BLOCK = 512;

/** Gunzips and reads a `.tgz` chart archive. Throws `ArchiveError` on anything that is not a sane archive. */
export function readChartArchive(bytes: Uint8Array): ArchiveEntry[] {
  let tar: Buffer;
  try {
    tar = gunzipSync(bytes, { maxOutputLength: ARCHIVE_LIMITS.unpackedBytes });
  } catch (error) {
    throw new ArchiveError(`not a gzip archive or larger than ${ARCHIVE_LIMITS.unpackedBytes} bytes unpacked (${(error as Error).message})`);
  }
  return readTar(tar);
}

/** Reads an uncompressed tar stream (ustar, GNU long names, PAX `path`). */
export function readTar(tar: Uint8Array): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break; // end-of-archive marker
    if (!checksumMatches(header)) throw new ArchiveError(`bad tar header checksum at byte ${offset}`);
    const size = octal(header.subarray(124, 136));
    if (size === undefined) throw new ArchiveError(`bad tar entry size at byte ${offset}`);
    const dataStart = offset + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > tar.length) throw new ArchiveError(`tar entry at byte ${offset} runs past the end of the archive`);
    const data = tar.subarray(dataStart, dataEnd);
    const type = String.fromCharCode(header[156] || 0x30);
    if (type === 'L') {
      longName = cString(data);
    } else if (type === 'x') {
      paxPath = paxRecord(data, 'path') ?? paxPath;
    } else if (type === 'g') {
      // global PAX header: nothing Helm's loader reads
    } else {
      const path = normalise(paxPath ?? longName ?? ustarName(header));
      paxPath = undefined;
      longName = undefined;
      if ((type === '0' || type === '\0' || type === '7') && path) entries.push({ path, data });
      if (entries.length > ARCHIVE_LIMITS.entries) throw new ArchiveError(`more than ${ARCHIVE_LIMITS.entries} entries`);
    }
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}

function checksumMatches(header: Uint8Array): boolean {
  const stored = octal(header.subarray(148, 156));
  if (stored === undefined) return false;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  return sum === stored;
}

/** A NUL- or space-terminated octal field; `undefined` when it holds anything else. */
function octal(field: Uint8Array): number | undefined {
  const text = cString(field).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return undefined;
  return parseInt(text, 8);
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString('utf8');
}

function ustarName(header: Uint8Array): string {
  const name = cString(header.subarray(0, 100));
  const isUstar = cString(header.subarray(257, 263)).startsWith('ustar');
  const prefix = isUstar ? cString(header.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

/** PAX records are `<length> <key>=<value>\n`. */
function paxRecord(data: Uint8Array, key: string): string | undefined {
  const text = Buffer.from(data).toString('utf8');
  let found: string | undefined;
  for (const line of text.split('\n')) {
    const match = /^\d+ ([^=]+)=(.*)$/s.exec(line);
    if (match && match[1] === key) found = match[2];
  }
  return found;
}

function normalise(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}
