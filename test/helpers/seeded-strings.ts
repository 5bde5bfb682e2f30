/** A small seeded generator (linear congruential), so that a failure can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/**
 * `count` pairs of texts of 0–4 of `pieces` each, the second extending the first half of the time (shared prefixes),
 * from a generator seeded with `seed`: the same pairs on every run.
 */
export function* seededTextPairs(seed: number, pieces: readonly string[], count: number): Generator<[string, string]> {
  const next = seededRandom(seed);
  const text = () => Array.from({ length: Math.floor(next() * 5) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
  for (let n = 0; n < count; n++) {
    const a = text();
    yield [a, next() < 0.5 ? a + text() : text()];
  }
}
