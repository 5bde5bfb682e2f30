/**
 * One copy of each recurring string (rule ids, severities, STRIDE categories, fact keys). Results that come
 * from the scan's worker threads arrive as fresh copies of every string; kept for thousands of closed files,
 * the copies add up (≈ 10 MiB over 10,000 files).
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  intern(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }
}
