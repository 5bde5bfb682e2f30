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

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf-8');
const COMMA = 0x2c;
const END = utf8(']}}');

interface PublishMessage {
  method: string;
  params: { diagnostics: unknown[] };
}

/**
 * A JSON-RPC message as UTF-8 JSON, byte for byte `Buffer.from(JSON.stringify(message), 'utf-8')`: a
 * publishDiagnostics notification is assembled from its diagnostics' kept bytes. Any other shape (or nothing
 * kept) is stringified whole.
 */
export function messageBytes(message: unknown): Buffer {
  if (!isPublishWithKeptJson(message)) return utf8(JSON.stringify(message));
  const { diagnostics, ...params } = message.params;
  const parts = diagnostics.map((diagnostic) => diagnosticBytes.get(diagnostic as Diagnostic) ?? utf8(JSON.stringify(diagnostic)));
  // Both `params` and `diagnostics` are their objects' last keys (checked): the array goes before the two closing
  // braces, after a comma unless nothing of params was written (no other key, or only undefined ones).
  const start = JSON.stringify({ ...message, params }).slice(0, -2);
  const head = utf8(`${start}${start.endsWith('{') ? '' : ','}"diagnostics":[`);
  let size = head.length + Math.max(0, parts.length - 1) + END.length;
  for (const part of parts) size += part.length;
  const bytes = Buffer.allocUnsafe(size);
  let offset = head.copy(bytes, 0);
  parts.forEach((part, index) => {
    if (index > 0) bytes[offset++] = COMMA;
    offset += part.copy(bytes, offset);
  });
  END.copy(bytes, offset);
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
