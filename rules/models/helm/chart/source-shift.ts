import type { OutputSpan, SourceLocation, ValueOrigin } from '../source-map';
import type { TemplateOutcome } from './engine';

/**
 * Moving an earlier render's source map onto edited files: a template that did not have to render again keeps
 * its output, but the places it points at (template text, `include` call sites, values nodes) may have moved.
 */

/** One file's edit, as the longest common prefix and suffix of its old and new text find it: [start, oldEnd) became [start, newEnd). */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

export function textChange(previous: string, next: string): TextChange {
  const shorter = Math.min(previous.length, next.length);
  let start = 0;
  while (start < shorter && previous.charCodeAt(start) === next.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < shorter - start && previous.charCodeAt(previous.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)) suffix++;
  return { start, oldEnd: previous.length - suffix, newEnd: next.length - suffix };
}

/** Whether [start, end) of the old text meets the edited part (touching counts). */
export function meets(change: TextChange, start: number, end: number): boolean {
  return start <= change.oldEnd && change.start <= end;
}

/**
 * Where an old location is in the new text: unchanged before the edit, moved after it, stretched when it
 * strictly contains the edit (a values map around an edited comment); undefined when the edit cuts into it.
 */
function shifted<T extends SourceLocation>(location: T, change: TextChange): T | undefined {
  const { start, end } = location;
  if (end <= change.start) return location;
  const delta = change.newEnd - change.oldEnd;
  if (start >= change.oldEnd) return { ...location, start: start + delta, end: end + delta };
  if (start < change.start && end > change.oldEnd) return { ...location, end: end + delta };
  return undefined;
}

/** Thrown inside `shiftOutcome` when a location cannot be moved. */
const CUT = Symbol('cut');

/**
 * The outcome with every location in an edited file moved; the same object when nothing moved; undefined when
 * an edit cuts into a location the output depends on (render it again).
 */
export function shiftOutcome(outcome: TemplateOutcome, changes: ReadonlyMap<string, TextChange>): TemplateOutcome | undefined {
  if (changes.size === 0) return outcome;
  const move = <T extends SourceLocation>(location: T): T => {
    const change = changes.get(location.file);
    if (!change) return location;
    const moved = shifted(location, change);
    if (!moved) throw CUT;
    return moved;
  };
  const movedCallers = new Map<readonly SourceLocation[], SourceLocation[]>();
  const moveCallers = (callers: SourceLocation[]): SourceLocation[] => {
    let moved = movedCallers.get(callers);
    if (!moved) {
      const list = callers.map(move);
      moved = list.every((location, i) => location === callers[i]) ? callers : list;
      movedCallers.set(callers, moved);
    }
    return moved;
  };
  try {
    const problem = outcome.problem && { ...outcome.problem, location: move(outcome.problem.location) };
    let spans: OutputSpan[] | undefined;
    const original = outcome.rendered?.output.spans ?? [];
    original.forEach((span, i) => {
      const source = move(span.source);
      const callers = moveCallers(span.callers);
      const value: ValueOrigin | undefined = span.value && move(span.value);
      if (source === span.source && callers === span.callers && value === span.value) return;
      spans ??= original.slice();
      spans[i] = { ...span, source, callers, ...(value ? { value } : {}) };
    });
    if (!spans && problem?.location === outcome.problem?.location) return outcome;
    const rendered = outcome.rendered && spans ? { ...outcome.rendered, output: { text: outcome.rendered.output.text, spans } } : outcome.rendered;
    return { ...outcome, ...(rendered ? { rendered } : {}), ...(problem ? { problem } : {}) };
  } catch (error) {
    if (error === CUT) return undefined;
    throw error;
  }
}
