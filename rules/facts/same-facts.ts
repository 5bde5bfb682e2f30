/**
 * Whether two pieces of plain data (a file's facts, the host settings) would write the same JSON, found without
 * writing it: a scan thread compares its facts with the main thread's copies of them (their JSON was ≈ 4 MiB of
 * strings per thread per scan), and the index a file's new facts with its old ones (an edit of an open file). As
 * JSON: keys in order, a key holding `undefined` is left out, and an array's `undefined` item or a number that is
 * not finite is `null`; so any transport of the facts (structured clone or JSON) gives copies that are the same.
 */
export function sameFacts(a: unknown, b: unknown): boolean {
  a = asJson(a);
  b = asJson(b);
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameFacts(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const rightKeys = Object.keys(right);
  let at = 0;
  for (const key of Object.keys(left)) {
    if (left[key] === undefined) continue;
    while (at < rightKeys.length && right[rightKeys[at]] === undefined) at++;
    if (rightKeys[at] !== key || !sameFacts(left[key], right[key])) return false;
    at++;
  }
  while (at < rightKeys.length && right[rightKeys[at]] === undefined) at++;
  return at === rightKeys.length;
}

/** A value as JSON writes it where that differs from the value: a number that is not finite is `null`. */
function asJson(value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}
