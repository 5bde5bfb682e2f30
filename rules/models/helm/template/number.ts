/**
 * Go's number constants in templates (parse.newNumber + exec's idealConstant): the syntax decides the type.
 * `3`, `0x1F`, `'a'` are ints (`bigint`); `1.0`, `1e3`, `0x1p-2` are float64 (`number`); `1i` is complex,
 * which the value model cannot hold (reported as such when evaluated).
 */

export type ParsedNumber =
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'complex' }
  /** Fits uint64 but not int: Go fails with "overflows int" when it is used. */
  | { kind: 'uint'; value: bigint }
  | { kind: 'error'; message: string };

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

/** strconv's rule: `_` only between digits, or between a base prefix and a digit. */
function underscoreOK(text: string): boolean {
  let s = text;
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  let saw = '^';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1])) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseInt(text, 0, 64) / ParseUint without the sign handling. */
function parseUnsigned(body: string): bigint | undefined {
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) return BigInt(body);
  if (/^0[oO][0-7]+$/.test(body)) return BigInt('0o' + body.slice(2));
  if (/^0[bB][01]+$/.test(body)) return BigInt(body);
  if (/^0[0-7]*$/.test(body)) return body.length > 1 ? BigInt('0o' + body.slice(1)) : 0n;
  if (/^[1-9][0-9]*$/.test(body)) return BigInt(body);
  return undefined;
}

/** strconv.ParseFloat for the decimal and hexadecimal forms the lexer lets through. */
function parseFloatText(body: string): number | undefined {
  if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(body)) return Number(body);
  const hex = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(body);
  if (hex && (hex[1] || hex[2])) {
    const digits = hex[1] + (hex[2] ?? '');
    const mantissa = digits === '' ? 0 : Number(BigInt('0x' + digits));
    return mantissa * 2 ** (Number(hex[3]) - 4 * (hex[2]?.length ?? 0));
  }
  return undefined;
}

/** A decimal int of at most 15 digits: int64 whatever its digits. Most numbers in templates (`nindent 4`, `trunc 63`). */
const SHORT_DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;

/** Parses a number token (not a character constant). */
export function parseNumber(text: string): ParsedNumber {
  // The general path evaluates a dozen regular expression literals, each a new RegExp object: ≈ 3.8 MB over the corpus charts.
  if (SHORT_DECIMAL.test(text)) return { kind: 'int', value: BigInt(text) };
  if (text.endsWith('i')) return { kind: 'complex' };
  if (!underscoreOK(text)) return { kind: 'error', message: `illegal number syntax: "${text}"` };
  const negative = text[0] === '-';
  const body = (text[0] === '-' || text[0] === '+' ? text.slice(1) : text).replace(/_/g, '');
  const isHexInt = /^0[xX]/.test(text) && !/[pP]/.test(text);
  const floatSyntax = !isHexInt && /[.eEpP]/.test(text);
  if (!floatSyntax) {
    const magnitude = parseUnsigned(body);
    if (magnitude !== undefined) {
      const value = negative ? -magnitude : magnitude;
      if (value >= INT64_MIN && value <= INT64_MAX) return { kind: 'int', value };
      if (!negative && value <= UINT64_MAX) return { kind: 'uint', value };
    }
  }
  const float = parseFloatText(body);
  if (float === undefined || !Number.isFinite(float)) return { kind: 'error', message: `illegal number syntax: "${text}"` };
  if (!floatSyntax) return { kind: 'error', message: `integer overflow: "${text}"` };
  return { kind: 'float', value: negative ? -float : float };
}
