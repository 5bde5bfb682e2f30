/** What stands between two elements of a JsonArrayWriter's array. */
export const ELEMENT_SEPARATOR = ',\n';

/**
 * A JSON array written one element at a time, laid out exactly as `JSON.stringify(array, null, 2)` lays it out
 * when the array's key sits on a line indented by `indent`: streamed output stays byte-identical to the
 * whole-document formatting.
 */
export class JsonArrayWriter {
  private count = 0;

  constructor(
    private readonly write: (chunk: string | Uint8Array) => void,
    private readonly indent: string,
  ) {}

  get length(): number {
    return this.count;
  }

  push(value: unknown): void {
    this.pushEncoded(this.encode(value));
  }

  /**
   * An element's text as `push` writes it, without the separator before it: elements encoded one by one and
   * joined by ELEMENT_SEPARATOR are written by one `pushEncoded(joined, count)` exactly as by `count` pushes.
   */
  encode(value: unknown): string {
    // Stringified inside as many arrays as the element is deep, JSON.stringify indents it itself (twice as
    // fast as re-indenting its lines); the wrappers' brackets, d·(d+1) characters on each side, are cut off.
    let wrapped: unknown = value;
    const depth = this.indent.length / 2 + 1;
    for (let level = 0; level < depth; level++) wrapped = [wrapped];
    const text = JSON.stringify(wrapped, null, 2);
    const cut = depth * (depth + 1);
    return text.slice(cut, text.length - cut);
  }

  /** Writes `count` encoded elements joined by ELEMENT_SEPARATOR (nothing for none), as text or UTF-8 bytes. */
  pushEncoded(joined: string | Uint8Array, count = 1): void {
    if (count === 0) return;
    const separator = `${this.count === 0 ? '[' : ','}\n`;
    if (typeof joined === 'string') this.write(`${separator}${joined}`);
    else {
      this.write(separator);
      this.write(joined);
    }
    this.count += count;
  }

  close(): void {
    this.write(this.count === 0 ? '[]' : `\n${this.indent}]`);
  }
}

/** A stand-in value for an array that is written separately (streamed or spooled). */
export function jsonHole(name: string): string {
  return `\u0001stridelint-hole:${name}`;
}

/**
 * `JSON.stringify(skeleton, null, 2)` cut at its holes, in the order given (each must occur, in that order):
 * the texts around them and the indentation of each hole's line, for a JsonArrayWriter.
 */
export function jsonTemplate(skeleton: unknown, holes: string[]): { parts: string[]; indents: string[] } {
  let rest = `${JSON.stringify(skeleton, null, 2)}\n`;
  const parts: string[] = [];
  const indents: string[] = [];
  for (const hole of holes) {
    const marker = JSON.stringify(hole);
    const at = rest.indexOf(marker);
    if (at < 0) throw new Error(`jsonTemplate: hole ${hole} missing`);
    const before = rest.slice(0, at);
    parts.push(before);
    indents.push(/(?:^|\n)( *)[^\n]*$/.exec(before)?.[1] ?? '');
    rest = rest.slice(at + marker.length);
  }
  parts.push(rest);
  return { parts, indents };
}
