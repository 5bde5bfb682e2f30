/**
 * Remembered `include` output within one template execution: Bitnami-style charts call the same helper with
 * the same data many times per file (`common.names.fullname .`, a `dict` of the same values), and a quarter
 * to a half of their include time is such repeats.
 *
 * A call is answered from here when it names the same template in the same template set (a `tpl` overlay is
 * another set) with the same dot origin and the same data: the same object, or a plain map holding the same
 * entries in the same order with the same values-file origins (a fresh `dict` of the same values). Only while
 * no map has been changed since (`set`, `unset`, `merge`…: the executor counts such calls) and only for a call
 * during which none was changed. Everything else an included template reads comes through its data, so its
 * text and spans are the same; the spans' call chain is rebased onto the new call site.
 */
import type { OutputSpan, SourceLocation, TracedText, ValueOrigin } from '../source-map';
import type { GoMap, GoValue } from '../value';

export interface IncludeCall {
  name: string;
  data: GoValue;
  /** The dot's metadata: where the data came from, the source map of a data string. */
  origin: ValueOrigin | undefined;
  trace: readonly OutputSpan[] | undefined;
  /** The template set the name is looked up in. */
  scope: object;
  /** How many map-changing calls the execution had made before this one. */
  mutations: number;
}

interface Remembered extends IncludeCall {
  /** The data map's entries and their origins, when the data is a plain map. */
  entries?: { key: string; value: GoValue; origin: ValueOrigin | undefined }[];
  output: TracedText;
  /** The call chain the output's spans were written under (this call's site last). */
  callers: SourceLocation[];
}

/** Calls remembered per template name (the latest ones; a helper called with many data rarely repeats). */
const PER_NAME = 8;
/** A map data larger than this is compared by identity only (the comparison would cost more than it saves). */
const MAX_COMPARED_ENTRIES = 16;

export class IncludeMemo {
  private readonly byName = new Map<string, Remembered[]>();

  /** @param originOf the values-file origin of a map entry, as the executor sees it */
  constructor(private readonly originOf: (container: GoMap, key: string) => ValueOrigin | undefined) {}

  /** The remembered output of an equal call, its spans under `callers`; undefined when there is none. */
  recall(call: IncludeCall, callers: SourceLocation[]): TracedText | undefined {
    const list = this.byName.get(call.name);
    if (!list) return undefined;
    for (const entry of list) {
      if (entry.mutations !== call.mutations || entry.scope !== call.scope || entry.origin !== call.origin || entry.trace !== call.trace) continue;
      if (entry.data === call.data || this.sameEntries(entry, call.data)) return rebase(entry.output, entry.callers, callers);
    }
    return undefined;
  }

  remember(call: IncludeCall, output: TracedText, callers: SourceLocation[]): void {
    let list = this.byName.get(call.name);
    if (!list) this.byName.set(call.name, (list = []));
    if (list.length >= PER_NAME) list.shift();
    list.push({ ...call, entries: this.entriesOf(call.data), output, callers });
  }

  private entriesOf(data: GoValue): Remembered['entries'] {
    if (!isPlainMap(data) || data.size > MAX_COMPARED_ENTRIES) return undefined;
    const entries: NonNullable<Remembered['entries']> = [];
    for (const [key, value] of data) entries.push({ key, value, origin: this.originOf(data, key) });
    return entries;
  }

  private sameEntries(entry: Remembered, data: GoValue): boolean {
    const entries = entry.entries;
    if (!entries || !isPlainMap(data) || data.size !== entries.length) return false;
    let i = 0;
    for (const [key, value] of data) {
      const expected = entries[i++];
      if (expected.key !== key || expected.value !== value || expected.origin !== this.originOf(data, key)) return false;
    }
    return true;
  }
}

function isPlainMap(value: GoValue): value is GoMap {
  return value instanceof Map && value.constructor === Map;
}

/** The output with each span written under `from` (or a deeper chain starting with it) moved under `to`. */
function rebase(output: TracedText, from: SourceLocation[], to: SourceLocation[]): TracedText {
  const moved = new Map<SourceLocation[], SourceLocation[]>();
  const spans = output.spans.map((span) => {
    let callers = moved.get(span.callers);
    if (!callers) {
      // A span that came in with the data (a traced string printed inside) keeps its own chain.
      callers = startsWith(span.callers, from) ? [...to, ...span.callers.slice(from.length)] : span.callers;
      moved.set(span.callers, callers);
    }
    return callers === span.callers ? span : { ...span, callers };
  });
  return { text: output.text, spans };
}

function startsWith(chain: SourceLocation[], prefix: SourceLocation[]): boolean {
  if (chain.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (chain[i] !== prefix[i]) return false;
  return true;
}
