/**
 * One copy of each recurring string (rule ids, severities, STRIDE categories, fact keys, finding messages). Results
 * that come from the scan's worker threads arrive as fresh copies of every string; kept for thousands of closed
 * files, the copies add up (≈ 10 MiB over 10,000 files).
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  /**
   * `limit`: the pool forgets what it holds once it holds this many strings (the copies it handed out stay shared),
   * so a pool of open-ended texts (messages name containers, images, paths) cannot grow for as long as the server
   * runs with strings no file has any more.
   */
  constructor(private readonly limit = Infinity) {}

  intern(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    if (this.strings.size >= this.limit) this.strings.clear();
    this.strings.set(text, text);
    return text;
  }

  get size(): number {
    return this.strings.size;
  }
}
