import { createHash } from 'node:crypto';

/**
 * The suffix kustomize appends to generated ConfigMap and Secret names (api/hasher): sha256 of Go's
 * `json.Marshal` of `{data, kind, name: ""[, binaryData]}` (Secrets: `{data, kind, name: "", type
 * [, stringData]}`), its first 10 hex digits with 0→g 1→h 3→k a→m e→t (so the suffix is never a number).
 * The name is always empty: kustomize looks up `metadata/name` as one unsplit key.
 */
export function configMapHash(data: unknown, binaryData: unknown): string {
  const object: Record<string, unknown> = { kind: 'ConfigMap', name: '', data: data ?? '' };
  if (isObject(binaryData)) object.binaryData = binaryData;
  return encode(goJson(object));
}

export function secretHash(data: unknown, stringData: unknown, type: unknown): string {
  const object: Record<string, unknown> = { kind: 'Secret', type: type ?? '', name: '', data: data ?? '' };
  if (isObject(stringData)) object.stringData = stringData;
  return encode(goJson(object));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function encode(json: string): string {
  const hex = createHash('sha256').update(json, 'utf8').digest('hex').slice(0, 10);
  const map: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return hex.replace(/[013ae]/g, (c) => map[c]);
}

/** Go's json.Marshal: map keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  const keys = Object.keys(value as object).sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
  return `{${keys.map((key) => `${goJson(key)}:${goJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
}
