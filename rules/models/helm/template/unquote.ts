/**
 * strconv.Unquote for the three literal forms of a template: "interpreted", `raw` and 'c' (a rune).
 * Returns undefined where Go reports "invalid syntax".
 */

const UTF8 = new TextDecoder();
const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

export function unquote(quoted: string): string | undefined {
  const quote = quoted[0];
  if (quoted.length < 2 || quoted[quoted.length - 1] !== quote) return undefined;
  const body = quoted.slice(1, -1);
  if (quote === '`') return body.includes('`') ? undefined : body.replace(/\r/g, '');
  if (quote !== '"' && quote !== "'") return undefined;
  if (!body.includes('\\')) {
    if (body.includes(quote) || body.includes('\n')) return undefined;
    return quote === "'" && [...body].length !== 1 ? undefined : body;
  }
  let out = '';
  // Bytes from \x and octal escapes are collected and decoded as UTF-8 together, as Go keeps them as bytes.
  let bytes: number[] = [];
  const flushBytes = (): void => {
    if (bytes.length) out += UTF8.decode(Uint8Array.from(bytes));
    bytes = [];
  };
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if (c === quote || c === '\n') return undefined;
    if (c !== '\\') {
      flushBytes();
      const code = body.codePointAt(i)!;
      out += String.fromCodePoint(code);
      i += code > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return undefined;
    if (e in SIMPLE_ESCAPES) {
      flushBytes();
      out += SIMPLE_ESCAPES[e];
      i += 2;
    } else if (e === quote) {
      flushBytes();
      out += e;
      i += 2;
    } else if (e === 'x') {
      const hex = body.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
      bytes.push(parseInt(hex, 16));
      i += 4;
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return undefined;
      bytes.push(parseInt(oct, 8));
      i += 4;
    } else if (e === 'u' || e === 'U') {
      const width = e === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + width);
      if (hex.length !== width || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) return undefined;
      flushBytes();
      out += String.fromCodePoint(code);
      i += 2 + width;
    } else {
      return undefined;
    }
  }
  flushBytes();
  if (quote === "'" && [...out].length !== 1) return undefined;
  return out;
}
