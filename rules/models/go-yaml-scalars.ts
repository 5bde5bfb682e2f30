/**
 * What go-yaml's emitter (the libyaml port, emitterc.go) decides about one scalar, shared by the two printers
 * that imitate it: Helm's `toYaml` (helm/functions/yaml-emitter.ts) and `kustomize build`'s output
 * (kustomize/print.ts). yaml_emitter_analyze_scalar says which styles a value allows, select_scalar_style
 * picks one, and double-quoted text escapes what is not printable. What differs between the go-yaml versions
 * those tools link stays with the caller: which strings need quotes (each version's resolver) and whether
 * characters beyond the BMP are printable (`astralPrintable`).
 */

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

export const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

/**
 * go-yaml's is_printable, per code point. Upstream it rejects 4-byte UTF-8 (astral characters, escaped as
 * `\U…`); `astralPrintable` is for an emitter that prints them as they are.
 */
export function isPrintable(c: string, astralPrintable: boolean): boolean {
  const code = c.codePointAt(0) ?? 0;
  if (code === 0x0a || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xd7ff)) return true;
  if (code >= 0xe000 && code <= 0xfffd) return code !== 0xfeff;
  return astralPrintable && code >= 0x10000;
}

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

/** Words of these characters (starting with a letter, digit or `_`) allow every style: the common case, fast. */
const SIMPLE_SCALAR = /^[A-Za-z0-9_][A-Za-z0-9_./=+-]*$/;

/** yaml_emitter_analyze_scalar in block context (flow styles are never chosen for these documents). */
export function analyzeScalar(value: string, astralPrintable: boolean): Analysis {
  if (value === '') return { multiline: false, blockPlain: true, single: true, block: false };
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  if (!blockIndicators && SIMPLE_SCALAR.test(value)) return { multiline: false, blockPlain: true, single: true, block: true };
  const chars = Array.from(value);
  let lineBreaks = false, special = false, leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false, precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || isBlank(next) || isBreak(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if ((c === ':' && followedByWhitespace) || (c === '#' && precededByWhitespace)) blockIndicators = true;
    if (!isPrintable(c, astralPrintable)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c) || isBreak(c);
  }
  const analysis: Analysis = { multiline: lineBreaks, blockPlain: true, single: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) analysis.blockPlain = false;
  if (trailingSpace) analysis.block = false;
  if (breakSpace) analysis.blockPlain = analysis.single = false;
  if (spaceBreak || special) analysis.blockPlain = analysis.single = analysis.block = false;
  if (lineBreaks || blockIndicators) analysis.blockPlain = false;
  return analysis;
}

/**
 * select_scalar_style for a block-context scalar: a string with a newline wants a literal, one that would read
 * back as another type (`needsQuotes`, the caller's resolver) double quotes, anything else plain; then the
 * analysis narrows it (a key is never a literal, plain falls back to single quotes, single to double).
 */
export function scalarStyle(value: string, options: { isString: boolean; simpleKey: boolean; needsQuotes: (text: string) => boolean; astralPrintable: boolean }): ScalarStyle {
  const analysis = analyzeScalar(value, options.astralPrintable);
  let style: ScalarStyle = !options.isString ? 'plain' : value.includes('\n') ? 'literal' : options.needsQuotes(value) ? 'double' : 'plain';
  if (options.simpleKey && analysis.multiline) style = 'double';
  if (style === 'plain' && (!analysis.blockPlain || (value === '' && options.simpleKey))) style = 'single';
  if (style === 'single' && !analysis.single) style = 'double';
  if (style === 'literal' && (!analysis.block || options.simpleKey)) style = 'double';
  return style;
}

/** Whether a double-quoted scalar writes `c` as an escape (yaml_emitter_write_double_quoted_scalar). */
export function needsEscape(c: string, astralPrintable: boolean): boolean {
  return !isPrintable(c, astralPrintable) || c === '\ufeff' || isBreak(c) || c === '"' || c === '\\';
}

const NAMED_ESCAPES: Record<number, string> = { 0: '0', 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 0x1b: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P' };

/** The escape of one code point in a double-quoted scalar: `\n`, `\x1F`, `\u2030`, `\U0001F600`. */
export function escapeCodePoint(code: number): string {
  const named = NAMED_ESCAPES[code];
  if (named !== undefined) return `\\${named}`;
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}
