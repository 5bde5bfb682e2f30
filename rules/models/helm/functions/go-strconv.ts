/**
 * Go's strconv for the values the renderer prints: FormatFloat ('e', 'f', 'g' with a precision or the shortest
 * representation), Quote and the rune tests fmt relies on.
 *
 * Floats: the shortest digits come from JavaScript's `toExponential()` (both languages pick the shortest digit
 * string that reads back as the same float64); a fixed precision rounds the float's exact decimal expansion
 * half-to-even, as Go's `decimal.Round` does (JavaScript's `toFixed` rounds ties up and gives up above 1e21).
 */

/** A decimal digit string without leading or trailing zeros; the value is 0.digits × 10^point. Empty = zero. */
interface Digits {
  digits: string;
  point: number;
}

function trimZeros(d: Digits): Digits {
  const digits = d.digits.replace(/0+$/, '');
  return digits === '' ? { digits: '', point: 0 } : { digits, point: d.point };
}

function shortestDigits(abs: number): Digits {
  if (abs === 0) return { digits: '', point: 0 };
  const [mantissa, exponent] = abs.toExponential().split('e');
  return trimZeros({ digits: mantissa.replace('.', ''), point: Number(exponent) + 1 });
}

/** The exact decimal expansion of a finite, non-negative float64 (every float64 has a finite one). */
function exactDigits(abs: number): Digits {
  if (abs === 0) return { digits: '', point: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, abs);
  const bits = view.getBigUint64(0);
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exponent: number;
  if (biasedExponent === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = biasedExponent - 1075;
  }
  if (exponent >= 0) {
    const text = (mantissa << BigInt(exponent)).toString();
    return trimZeros({ digits: text, point: text.length });
  }
  // m × 2^e = m × 5^-e / 10^-e
  const text = (mantissa * 5n ** BigInt(-exponent)).toString();
  return trimZeros({ digits: text, point: text.length + exponent });
}

/** Go's decimal.Round: keep `count` significant digits, ties to even (the expansion is exact, so a 5 alone is a tie). */
function roundDigits(d: Digits, count: number): Digits {
  if (count < 0 || count >= d.digits.length) return d;
  const next = d.digits.charCodeAt(count) - 48;
  let up: boolean;
  if (next === 5 && count + 1 === d.digits.length) up = count > 0 && (d.digits.charCodeAt(count - 1) - 48) % 2 === 1;
  else up = next >= 5;
  if (!up) return trimZeros({ digits: d.digits.slice(0, count), point: d.point });
  let i = count - 1;
  while (i >= 0 && d.digits[i] === '9') i--;
  if (i < 0) return { digits: '1', point: d.point + 1 };
  return { digits: d.digits.slice(0, i) + String.fromCharCode(d.digits.charCodeAt(i) + 1), point: d.point };
}

function digitAt(d: Digits, index: number): string {
  return index >= 0 && index < d.digits.length ? d.digits[index] : '0';
}

function formatE(d: Digits, precision: number, letter: string): string {
  let out = d.digits === '' ? '0' : d.digits[0];
  if (precision > 0) {
    out += '.';
    for (let i = 1; i <= precision; i++) out += digitAt(d, i);
  }
  const exponent = d.digits === '' ? 0 : d.point - 1;
  const magnitude = String(Math.abs(exponent));
  return `${out}${letter}${exponent < 0 ? '-' : '+'}${magnitude.length < 2 ? '0' + magnitude : magnitude}`;
}

function formatF(d: Digits, precision: number): string {
  let out = '';
  if (d.point > 0) for (let i = 0; i < d.point; i++) out += digitAt(d, i);
  else out = '0';
  if (precision > 0) {
    out += '.';
    for (let i = 0; i < precision; i++) out += digitAt(d, d.point + i);
  }
  return out;
}

export type FloatFormat = 'e' | 'E' | 'f' | 'g' | 'G';

/** strconv.FormatFloat(value, format, precision, 64); precision -1 = the shortest that reads back exactly. */
export function formatFloat(value: number, format: FloatFormat, precision: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const negative = value < 0 || Object.is(value, -0);
  const abs = Math.abs(value);
  const shortest = precision < 0;
  let digits: Digits;
  if (shortest) {
    digits = shortestDigits(abs);
    const count = digits.digits.length;
    if (format === 'e' || format === 'E') precision = Math.max(count - 1, 0);
    else if (format === 'f') precision = Math.max(count - digits.point, 0);
    else precision = count;
  } else {
    const exact = exactDigits(abs);
    if (format === 'e' || format === 'E') digits = roundDigits(exact, precision + 1);
    else if (format === 'f') digits = roundDigits(exact, exact.point + precision);
    else {
      if (precision === 0) precision = 1;
      digits = roundDigits(exact, precision);
    }
  }
  const sign = negative ? '-' : '';
  if (format === 'e' || format === 'E') return sign + formatE(digits, precision, format);
  if (format === 'f') return sign + formatF(digits, precision);
  // %g: %e when the exponent is < -4 or >= the precision (6 when shortest).
  let exponentLimit = precision;
  const count = digits.digits.length;
  if (exponentLimit > count && count >= digits.point) exponentLimit = count;
  if (shortest) exponentLimit = 6;
  const exponent = digits.point - 1;
  if (exponent < -4 || exponent >= exponentLimit) {
    return sign + formatE(digits, Math.min(precision, count) - 1, format === 'g' ? 'e' : 'E');
  }
  return sign + formatF(digits, Math.max((precision > digits.point ? count : precision) - digits.point, 0));
}

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrintableRune(rune: string): boolean {
  return rune === ' ' || printable.test(rune);
}

const shortEscapes: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

function escapeRune(rune: string, quote: string, asciiOnly: boolean): string {
  if (rune === quote || rune === '\\') return '\\' + rune;
  const code = rune.codePointAt(0)!;
  if (code >= 0xd800 && code <= 0xdfff) return '\ufffd'; // a lone surrogate is invalid UTF-8: Go prints U+FFFD
  if (asciiOnly ? code < 0x80 && isPrintableRune(rune) : isPrintableRune(rune)) return rune;
  if (shortEscapes[rune]) return shortEscapes[rune];
  if (code < 0x20 || code === 0x7f) return '\\x' + code.toString(16).padStart(2, '0');
  if (code < 0x10000) return '\\u' + code.toString(16).padStart(4, '0');
  return '\\U' + code.toString(16).padStart(8, '0');
}

/** strconv.Quote (or QuoteToASCII): a double-quoted Go string literal. */
export function quoteString(text: string, asciiOnly = false): string {
  let out = '"';
  for (const rune of text) out += escapeRune(rune, '"', asciiOnly);
  return out + '"';
}

/** strconv.QuoteRune: a single-quoted Go rune literal. */
export function quoteRune(code: number, asciiOnly = false): string {
  const rune = code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
  return "'" + escapeRune(rune, "'", asciiOnly) + "'";
}

/** strconv.CanBackquote: no backquote and no control character other than tab. */
export function canBackquote(text: string): boolean {
  for (const rune of text) {
    if (rune === '`' || rune === '\ufeff') return false;
    const code = rune.codePointAt(0)!;
    if ((code < 0x20 && rune !== '\t') || code === 0x7f) return false;
  }
  return true;
}

/** The UTF-8 bytes of a string, as Go holds it. */
export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Bytes read as a Go string (invalid sequences become U+FFFD, as Go's range over a string sees them). */
export function utf8Text(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
