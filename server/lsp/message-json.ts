import type { Diagnostic } from 'vscode-languageserver';

/**
 * The JSON of diagnostics an open document publishes again unchanged keystroke after keystroke, as UTF-8 bytes.
 * A 52,800-line manifest's 1 MB publish: stringified and encoded whole ≈ 8 ms CPU, its kept bytes copied ≈ 0.6 ms
 * (in-process, loaded machine); kept strings joined were slower than JSON.stringify itself.
 */
const diagnosticBytes = new WeakMap<Diagnostic, Buffer>();

/** Keeps a diagnostic's JSON with it; the diagnostic must not change afterwards. */
export function keepJson(diagnostic: Diagnostic): void {
  diagnosticBytes.set(diagnostic, utf8(JSON.stringify(diagnostic)));
}

/**
 * Keeps the JSON of `diagnostic`, which is `before` with another range (a finding moved by lines inserted above),
 * from before's kept JSON: its range (the first key) written anew, the rest copied. False when before's JSON is
 * not kept or does not open with its range.
 */
export function keepMovedJson(diagnostic: Diagnostic, before: Diagnostic): boolean {
  const bytes = diagnosticBytes.get(before);
  if (!bytes) return false;
  const oldHead = utf8(`{"range":${JSON.stringify(before.range)}`);
  if (bytes.length <= oldHead.length || !bytes.subarray(0, oldHead.length).equals(oldHead)) return false;
  diagnosticBytes.set(diagnostic, Buffer.concat([utf8(`{"range":${JSON.stringify(diagnostic.range)}`), bytes.subarray(oldHead.length)]));
  return true;
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf-8');
const COMMA = 0x2c;
const END = utf8(']}}');

interface PublishMessage {
  method: string;
  params: { uri?: unknown; diagnostics: unknown[] };
}

/**
 * The last body written for each of a few documents: its diagnostics and where each one's bytes lie in it. A
 * keystroke changes few of a large manifest's ≈ 2,000 diagnostics: the unchanged runs before and after them are
 * copied in one piece each instead of one copy per diagnostic.
 */
interface LastBody {
  diagnostics: readonly unknown[];
  bytes: Buffer;
  /** Each diagnostic's bytes are bytes[starts[i], ends[i]); a start of -1: not kept (stringified, not reused). */
  starts: Int32Array;
  ends: Int32Array;
}

/** Documents whose last body is kept (the open ones being edited; a few MB at most). */
const LAST_BODIES = 4;
const lastBodies = new Map<string, LastBody>();

/**
 * A JSON-RPC message as UTF-8 JSON, byte for byte `Buffer.from(JSON.stringify(message), 'utf-8')` (the body of
 * its `messageFrame`).
 */
export function messageBytes(message: unknown): Buffer {
  const frame = messageFrame(message);
  return frame.subarray(frame.indexOf(HEADER_END) + HEADER_END.length);
}

/** The base protocol's header of a body of `length` bytes (ASCII). */
const frameHeader = (length: number): string => `Content-Length: ${length}\r\n\r\n`;
const HEADER_END = '\r\n\r\n';

/**
 * Publish params whose diagnostics are kept as the JSON of their array (a closed file's from the scan cache): the
 * writer copies those bytes into the frame, so a warm start neither builds its 49,000 diagnostics nor stringifies
 * them. The params' `diagnostics` property parses the same bytes for anyone else who reads it (another transport's
 * writer, a trace).
 */
const paramsJson = new WeakMap<object, Buffer | string>();

/**
 * The params of a publishDiagnostics notification for `uri` whose diagnostics are the JSON array `json` (text, or
 * its UTF-8 bytes; from `JSON.stringify` of Diagnostic[]: the caller vouches for that).
 */
export function publishParamsOfJson(uri: string, json: Buffer | string): { uri: string; diagnostics: Diagnostic[] } {
  const params = {
    uri,
    get diagnostics(): Diagnostic[] {
      return JSON.parse(typeof json === 'string' ? json : json.toString('utf-8')) as Diagnostic[];
    },
  };
  paramsJson.set(params, json);
  return params;
}

/**
 * A JSON-RPC message framed for the base protocol, its header and its body (`messageBytes`) in one buffer: the
 * writer sends a lone message as it is, with no copy into a buffer of header and body (a 52,800-line manifest's
 * publish is 1 MB per keystroke). A publishDiagnostics notification is assembled from its diagnostics' kept
 * bytes (runs of them unchanged since the document's last publish copied from that frame). Any other shape (or
 * nothing kept) is stringified whole.
 */
export function messageFrame(message: unknown): Buffer {
  const kept = publishWithParamsJson(message);
  if (kept) return frameOfParamsJson(kept.message, kept.json);
  if (!isPublishWithKeptJson(message)) {
    const json = JSON.stringify(message);
    const length = Buffer.byteLength(json, 'utf-8');
    const head = frameHeader(length);
    const frame = Buffer.allocUnsafe(head.length + length);
    frame.write(json, frame.write(head, 0, 'latin1'), 'utf-8');
    return frame;
  }
  const { diagnostics, ...params } = message.params;
  const uri = typeof params.uri === 'string' ? params.uri : undefined;
  const last = uri === undefined ? undefined : lastBodies.get(uri);
  const count = diagnostics.length;
  // The leading and trailing diagnostics that are the same kept objects as last time.
  let prefix = 0;
  let suffix = 0;
  if (last) {
    const before = last.diagnostics;
    while (prefix < count && prefix < before.length && diagnostics[prefix] === before[prefix] && last.starts[prefix] >= 0) prefix++;
    while (suffix < count - prefix && suffix < before.length - prefix && diagnostics[count - 1 - suffix] === before[before.length - 1 - suffix] && last.starts[before.length - 1 - suffix] >= 0) suffix++;
  }
  const parts: Buffer[] = [];
  for (let index = prefix; index < count - suffix; index++) {
    const diagnostic = diagnostics[index] as Diagnostic;
    parts.push(diagnosticBytes.get(diagnostic) ?? utf8(JSON.stringify(diagnostic)));
  }
  // Both `params` and `diagnostics` are their objects' last keys (checked): the array goes before the two closing
  // braces, after a comma unless nothing of params was written (no other key, or only undefined ones).
  const start = JSON.stringify({ ...message, params }).slice(0, -2);
  const head = utf8(`${start}${start.endsWith('{') ? '' : ','}"diagnostics":[`);
  const headRun = last && prefix > 0 ? last.bytes.subarray(last.starts[0], last.ends[prefix - 1]) : undefined;
  const tailFrom = last ? last.diagnostics.length - suffix : 0;
  const tailRun = last && suffix > 0 ? last.bytes.subarray(last.starts[tailFrom], last.ends[last.diagnostics.length - 1]) : undefined;
  // Commas: the runs hold their own; one before each other diagnostic but the first, and one before the tail run.
  const commas = parts.length - (prefix === 0 && parts.length > 0 ? 1 : 0) + (tailRun && count > suffix ? 1 : 0);
  let size = head.length + commas + END.length + (headRun?.length ?? 0) + (tailRun?.length ?? 0);
  for (const part of parts) size += part.length;
  const frameHead = frameHeader(size);
  const bytes = Buffer.allocUnsafe(frameHead.length + size);
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  let offset = bytes.write(frameHead, 0, 'latin1');
  offset += head.copy(bytes, offset);
  if (headRun && last) {
    const shift = offset - last.starts[0];
    offset += headRun.copy(bytes, offset);
    for (let index = 0; index < prefix; index++) {
      starts[index] = last.starts[index] + shift;
      ends[index] = last.ends[index] + shift;
    }
  }
  parts.forEach((part, at) => {
    const index = prefix + at;
    if (index > 0) bytes[offset++] = COMMA;
    starts[index] = diagnosticBytes.has(diagnostics[index] as Diagnostic) ? offset : -1;
    offset += part.copy(bytes, offset);
    ends[index] = offset;
  });
  if (tailRun && last) {
    if (count - suffix > 0) bytes[offset++] = COMMA;
    const shift = offset - last.starts[tailFrom];
    offset += tailRun.copy(bytes, offset);
    for (let index = 0; index < suffix; index++) {
      starts[count - suffix + index] = last.starts[tailFrom + index] + shift;
      ends[count - suffix + index] = last.ends[tailFrom + index] + shift;
    }
  }
  END.copy(bytes, offset);
  if (uri !== undefined) {
    lastBodies.delete(uri); // re-inserted last: the map's order is the order of use
    lastBodies.set(uri, { diagnostics: [...diagnostics], bytes, starts, ends });
    if (lastBodies.size > LAST_BODIES) lastBodies.delete(lastBodies.keys().next().value as string);
  }
  return bytes;
}

/** A publish whose params came from publishParamsOfJson (as the library wraps them: `params` its last key), with their JSON. */
function publishWithParamsJson(message: unknown): { message: { params: { uri: string } }; json: Buffer | string } | undefined {
  if (typeof message !== 'object' || message === null || (message as { method?: unknown }).method !== 'textDocument/publishDiagnostics') return undefined;
  const params = (message as { params?: unknown }).params;
  const json = typeof params === 'object' && params !== null ? paramsJson.get(params) : undefined;
  if (!json || 'toJSON' in message) return undefined;
  const keys = Object.keys(message);
  return keys[keys.length - 1] === 'params' ? { message: message as { params: { uri: string } }, json } : undefined;
}

/**
 * The frame of `message`, byte for byte that of `JSON.stringify(message)`, whose params are `{uri, diagnostics}`
 * with the diagnostics' array kept as `json`: the message's JSON up to the array, then the array's bytes copied.
 */
function frameOfParamsJson(message: { params: { uri: string } }, json: Buffer | string): Buffer {
  const head = utf8(`${JSON.stringify({ ...message, params: { uri: message.params.uri } }).slice(0, -2)},"diagnostics":`);
  const size = head.length + (typeof json === 'string' ? Buffer.byteLength(json, 'utf-8') : json.length) + 2;
  const frameHead = frameHeader(size);
  const bytes = Buffer.allocUnsafe(frameHead.length + size);
  let offset = bytes.write(frameHead, 0, 'latin1');
  offset += head.copy(bytes, offset);
  offset += typeof json === 'string' ? bytes.write(json, offset, 'utf-8') : json.copy(bytes, offset);
  END.copy(bytes, offset, 1);
  return bytes;
}

function isPublishWithKeptJson(message: unknown): message is PublishMessage {
  if (typeof message !== 'object' || message === null || (message as { method?: unknown }).method !== 'textDocument/publishDiagnostics') return false;
  const keys = Object.keys(message);
  if (keys[keys.length - 1] !== 'params' || 'toJSON' in message) return false;
  const params = (message as { params?: unknown }).params;
  if (typeof params !== 'object' || params === null || Array.isArray(params) || 'toJSON' in params) return false;
  const paramKeys = Object.keys(params);
  const diagnostics = (params as { diagnostics?: unknown }).diagnostics;
  if (paramKeys[paramKeys.length - 1] !== 'diagnostics' || !Array.isArray(diagnostics)) return false;
  // An element JSON.stringify would write as null (undefined, a function) or through toJSON: stringified whole.
  let kept = false;
  for (const diagnostic of diagnostics) {
    if (typeof diagnostic !== 'object' || diagnostic === null || 'toJSON' in diagnostic) return false;
    kept ||= diagnosticBytes.has(diagnostic as Diagnostic);
  }
  return kept;
}
