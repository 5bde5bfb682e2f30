/**
 * Regular expressions that kustomizations supply (patch targets, replacement selectors, image names).
 * kustomize compiles them with Go's RE2, which never backtracks; JavaScript's engine can, so a pattern with a
 * nested quantifier (`(a+)+`, `(a|aa)*`) could stall the build on a crafted name. Such patterns, over-long
 * ones and invalid ones match literally instead.
 */
const MAX_PATTERN = 512;
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*?}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d*,?\d*\})/;

export interface Matcher {
  test(value: string): boolean;
}

export function userPattern(source: string, prefix = '^(?:', suffix = ')$'): Matcher {
  if (source.length > MAX_PATTERN || NESTED_QUANTIFIER.test(source) || /\\\d/.test(source)) return literal(source);
  try {
    return new RegExp(`${prefix}${source}${suffix}`);
  } catch {
    return literal(source);
  }
}

function literal(source: string): Matcher {
  return { test: (value) => value === source };
}
