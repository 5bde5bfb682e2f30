/**
 * Scalar decisions of the go-yaml v2 emitter, which prints `kustomize build` output (resources go through
 * JSON and `sigs.k8s.io/yaml.JSONToYAML`): which strings need quotes, which style each string gets, how
 * floats are written and how map keys are ordered. Written from go-yaml v2's resolve.go, encode.go and
 * sorter.go; the emitter's scalar analysis and style choice are shared with Helm's toYaml (../go-yaml-scalars.ts).
 */

import { analyzeScalar, scalarStyle, type ScalarStyle } from '../go-yaml-scalars';

const YAML11_SPECIAL = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF',
  '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** True when go-yaml v2 would read `text`, unquoted, as something other than a string. */
export function resolvesToNonString(text: string): boolean {
  if (YAML11_SPECIAL.has(text)) return true;
  const first = text[0];
  if (first === '.') return isGoFloat(text);
  if (!/[-+0-9]/.test(first)) return false;
  if (isTimestamp(text)) return true;
  const plain = text.replace(/_/g, '');
  if (isGoInt(plain)) return true;
  if (YAML_STYLE_FLOAT.test(plain)) return true;
  if (/^-?0b[01]+$/.test(plain)) return true;
  return false;
}

/** Go's strconv.ParseInt/ParseUint with base 0 (decimal, 0x, 0o, 0b, leading-0 octal; optional sign). */
function isGoInt(text: string): boolean {
  return /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|0[bB][01]+|[1-9][0-9]*)$/.test(text);
}

function isGoFloat(text: string): boolean {
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) || /^[-+]?(inf|infinity|nan)$/i.test(text);
}

/** go-yaml v2 tries `time.Parse` for plain scalars that start with four digits and a dash. */
function isTimestamp(text: string): boolean {
  if (!/^\d{4}-/.test(text)) return false;
  return /^\d{4}-\d{1,2}-\d{1,2}(([Tt]| )\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[-+]\d{2}:\d{2})?)?$/.test(text);
}

export function isBase60Float(text: string): boolean {
  return BASE60_FLOAT.test(text);
}

/** Kustomize's go-yaml prints characters beyond the BMP as they are (its conformance cases show them unescaped). */
export const ASTRAL_PRINTABLE = true;

/** The style go-yaml v2 prints a string in, as a map value/list item (`simpleKey` false) or a map key. */
export function stringStyle(value: string, simpleKey: boolean): ScalarStyle {
  return scalarStyle(value, { isString: true, simpleKey, needsQuotes: (text) => resolvesToNonString(text) || isBase60Float(text), astralPrintable: ASTRAL_PRINTABLE });
}

/** True when a key scalar may be written as a simple key (single line, at most 128 bytes). */
export function isSimpleKey(value: string): boolean {
  return !analyzeScalar(value, ASTRAL_PRINTABLE).multiline && Buffer.byteLength(value, 'utf8') <= 128;
}

/**
 * A number as it reaches go-yaml v2 through JSON: integral values under 1e21 are JSON integers (printed as
 * such), everything else is a float printed with strconv.FormatFloat(f, 'g', -1, 64).
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return BigInt(value).toString();
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = value < 0 ? '-' : '';
  if (exponent < -4 || exponent >= 21) {
    const rest = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expAbs = Math.abs(exponent);
    return `${sign}${digits[0]}${rest}e${exponent < 0 ? '-' : '+'}${expAbs < 10 ? '0' : ''}${expAbs}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** go-yaml v2's key order (sorter.go): letters after non-letters, runs of digits compared as numbers. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return keyLess(a, b) ? -1 : 1;
}

function keyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  const isLetter = (c: string) => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0n, bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i, bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai].charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}
