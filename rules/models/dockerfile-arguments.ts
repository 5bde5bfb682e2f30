import { Argument, Instruction } from 'dockerfile-ast';

/**
 * dockerfile-ast splits an instruction's arguments character by character on every `getArguments()` call and
 * keeps nothing: a RUN, CMD or COPY splits them four times while it is constructed (getFlags,
 * getRawArgumentsContent, getArgumentsRange, getArguments), and each rule asking again splits them again. The
 * split depends only on the instruction's text, which never changes once parsed, so it is done once per
 * instruction here: the corpus Dockerfiles parse in ≈ 0.17 instead of ≈ 0.46 ms CPU each. Kept on the
 * instruction itself: a WeakMap beside it made parsing slower than no memo at all.
 *
 * The one split left is ours (`splitRawArguments`): the library builds each argument's value one character at a
 * time (a new string per character: 8–10 % of what a scan's plain-file lint allocated); ours takes each run of
 * kept characters as one substring. It gives exactly the library's arguments, values and ranges, quirks
 * included (test/models/dockerfile-arguments.test.ts holds it to an unchanged copy of the library).
 */
const SPLIT = Symbol('stridelint.splitArguments');

interface SplitsArguments {
  getRawArguments(): Argument[];
  [SPLIT]?: readonly Argument[];
}

let installed = false;

/** Makes every dockerfile-ast instruction split its arguments once (idempotent; call before parsing). */
export function splitArgumentsOnce(): void {
  const prototype = Instruction.prototype as unknown as SplitsArguments;
  // A library version without this (private) method keeps its own behaviour.
  if (installed || typeof prototype.getRawArguments !== 'function') return;
  installed = true;
  prototype.getRawArguments = function (this: SplitsArguments): Argument[] {
    const args = (this[SPLIT] ??= splitRawArguments(this as unknown as InstructionText));
    // A new array each call, as before: ModifiableInstruction.getArguments shifts its flags off the one it gets.
    // The Argument objects are never changed after construction, so they are shared.
    return args.slice();
  };
}

/** What the split reads of an instruction (the library's own members, present since 0.7: pinned in package.json). */
type Range = ConstructorParameters<typeof Argument>[1];
type Position = Range['start'];

interface InstructionText {
  readonly document: { offsetAt(position: Position): number; positionAt(offset: number): Position };
  readonly escapeChar: string;
  getInstructionRange(): Range;
  getTextContent(): string;
}

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const HASH = 0x23;
const DOLLAR = 0x24;

/**
 * The words after an instruction's keyword, as dockerfile-ast 0.7.1's `getRawArguments` gives them: split at blanks
 * and line breaks; an escape character and the line break after it (with blanks between) join lines; inside the
 * joined lines, a line starting with `#` is a comment; an escape character before any other character keeps that
 * character (and itself before `$`). A word's range ends where an escaped line break interrupted it, when the word
 * went on after the break only past blanks.
 */
export function splitRawArguments(instruction: InstructionText): Argument[] {
  const document = instruction.document;
  const keyword = instruction.getInstructionRange();
  const keywordStart = document.offsetAt(keyword.start);
  const keywordLength = document.offsetAt(keyword.end) - keywordStart;
  const text = instruction.getTextContent().substring(keywordLength);
  const base = keywordStart + keywordLength;
  const escapeChar: unknown = instruction.escapeChar;
  const escape = typeof escapeChar === 'string' && escapeChar.length === 1 ? escapeChar.charCodeAt(0) : -1;
  const length = text.length;
  const args: Argument[] = [];

  // The word being read: where it starts (-1: none), where its range ends early (-1: not), and its value so far
  // as `done` plus the run of text [runFrom, runTo) not yet appended.
  let wordStart = -1;
  let cutAt = -1;
  let done = '';
  let runFrom = 0;
  let runTo = 0;
  // After an escaped line break (until the next kept character); a blank seen since; at a joined line's start; in a comment line.
  let joined = false;
  let blankSinceJoin = false;
  let lineStart = false;
  let inComment = false;

  const keep = (from: number, to: number): void => {
    if (runTo === from && runTo > runFrom) {
      runTo = to;
      return;
    }
    if (runTo > runFrom) done += text.substring(runFrom, runTo);
    runFrom = from;
    runTo = to;
  };
  const push = (end: number): void => {
    const value = runTo > runFrom ? done + text.substring(runFrom, runTo) : done;
    args.push(new Argument(value, { start: document.positionAt(base + wordStart), end: document.positionAt(base + end) }));
    done = '';
    runFrom = runTo = 0;
  };
  /** A kept character after a blank that followed an escaped break: the word before the break ended at it. */
  const endWordCutByBreak = (): void => {
    if (blankSinceJoin && cutAt !== -1) {
      push(cutAt);
      wordStart = -1;
    }
    cutAt = -1;
    blankSinceJoin = false;
    joined = false;
  };
  const breakJoined = (): void => {
    inComment = false;
    joined = true;
    lineStart = true;
  };

  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === SPACE || code === TAB || code === CR || code === LF) {
      if (joined) {
        blankSinceJoin = code === SPACE || code === TAB;
        if (!blankSinceJoin && inComment) {
          inComment = false;
          lineStart = true;
        }
      } else if (wordStart !== -1) {
        push(cutAt === -1 ? i : cutAt);
        cutAt = -1;
        wordStart = -1;
      }
    } else if (code === escape) {
      const next = i + 1 < length ? text.charCodeAt(i + 1) : -1;
      if (next === SPACE || next === TAB) {
        // Blanks after the escape character: a line break next joins lines; anything else ends the word here.
        for (let j = i + 2; j < length; j++) {
          const after = text.charCodeAt(j);
          if (after === SPACE || after === TAB) continue;
          if (after === CR || after === LF) {
            breakJoined();
            if (wordStart !== -1) cutAt = i;
            i = after === CR ? j + 1 : j;
          } else {
            cutAt = i;
            if (wordStart === -1) i = j - 1;
          }
          break;
        }
      } else if (next === CR || next === LF) {
        breakJoined();
        if (wordStart !== -1 && cutAt === -1) cutAt = i;
        i += next === CR ? 2 : 1;
      } else {
        endWordCutByBreak();
        if (next === -1) break; // the escape character ends the text
        if (next === DOLLAR) keep(i, i + 2);
        else keep(i + 1, i + 2);
        if (wordStart === -1) wordStart = i;
        i++;
      }
    } else if (!inComment) {
      if (lineStart && code === HASH) inComment = true;
      else {
        endWordCutByBreak();
        keep(i, i + 1);
        if (wordStart === -1) wordStart = i;
      }
      lineStart = false;
    }
  }
  if (wordStart !== -1) push(cutAt === -1 ? length : cutAt);
  return args;
}
