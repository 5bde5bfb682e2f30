import { Argument, Instruction, ModifiableInstruction } from 'dockerfile-ast';

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
 * included (test/models/dockerfile-arguments.test.ts holds it to an unchanged copy of the library). Each range
 * is worked out when first asked (`SplitArgument`).
 */
const SPLIT = Symbol('stridelint.splitArguments');

interface SplitsArguments {
  getRawArguments(): Argument[];
  getArgumentsRange(): Range | null;
  getRawArgumentsContent(): string | null;
  getRangeContent(range: Range): string;
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
  // Each construction of a RUN, COPY, CMD … asks both of these, which need only the first and last argument:
  // read in place, without the copy getArguments makes.
  prototype.getArgumentsRange = function (this: SplitsArguments): Range | null {
    return argumentsSpan(this);
  };
  prototype.getRawArgumentsContent = function (this: SplitsArguments): string | null {
    const range = argumentsSpan(this);
    return range === null ? null : this.getRangeContent(range);
  };
}

/** From the first to the last argument that `getArguments` gives (after a modifiable instruction's flags); null when none. */
function argumentsSpan(instruction: SplitsArguments): Range | null {
  const args = (instruction[SPLIT] ??= splitRawArguments(instruction as unknown as InstructionText));
  // ModifiableInstruction.getArguments takes off as many leading arguments as the instruction has flags.
  const modifiable: unknown = instruction;
  const first = modifiable instanceof ModifiableInstruction ? modifiable.getFlags().length : 0;
  if (args.length <= first) return null;
  return { start: args[first].getRange().start, end: args[args.length - 1].getRange().end };
}

/** What the split reads of an instruction (the library's own members, present since 0.7: pinned in package.json). */
type Range = ConstructorParameters<typeof Argument>[1];
type Position = Range['start'];

type TextDocument = { offsetAt(position: Position): number; positionAt(offset: number): Position };

interface InstructionText {
  readonly document: TextDocument;
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
  const escapeChar: unknown = instruction.escapeChar;
  const escape = typeof escapeChar === 'string' && escapeChar.length === 1 ? escapeChar.charCodeAt(0) : -1;
  return new ArgumentSplitter(instruction.getTextContent().substring(keywordLength), keywordStart + keywordLength, escape, document).split();
}

/**
 * One split. The loop over characters is small and what follows an escape character (rarer, and in several
 * kinds) is a method of its own: a kind first met after V8 optimised the loop recompiles that method, not the
 * whole split (one function with closures compiled four times per cold pass of the corpus, ≈ 20 ms each).
 */
class ArgumentSplitter {
  readonly args: Argument[] = [];
  // The word being read: where it starts (-1: none), where its range ends early (-1: not), and its value so far
  // as `done` plus the run of text [runFrom, runTo) not yet appended.
  private wordStart = -1;
  private cutAt = -1;
  private done = '';
  private runFrom = 0;
  private runTo = 0;
  // After an escaped line break (until the next kept character); a blank seen since; at a joined line's start; in a comment line.
  private joined = false;
  private blankSinceJoin = false;
  private lineStart = false;
  private inComment = false;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly escape: number,
    private readonly document: TextDocument,
  ) {}

  split(): Argument[] {
    const text = this.text;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code === SPACE || code === TAB || code === CR || code === LF) {
        if (this.joined) {
          this.blankSinceJoin = code === SPACE || code === TAB;
          if (!this.blankSinceJoin && this.inComment) {
            this.inComment = false;
            this.lineStart = true;
          }
        } else if (this.wordStart !== -1) {
          this.push(this.cutAt === -1 ? i : this.cutAt);
          this.cutAt = -1;
          this.wordStart = -1;
        }
      } else if (code === this.escape) i = this.escaped(i);
      else if (!this.inComment) {
        if (this.lineStart && code === HASH) this.inComment = true;
        else {
          this.endWordCutByBreak();
          this.keep(i, i + 1);
          if (this.wordStart === -1) this.wordStart = i;
        }
        this.lineStart = false;
      }
    }
    if (this.wordStart !== -1) this.push(this.cutAt === -1 ? length : this.cutAt);
    return this.args;
  }

  /** The escape character at `i`: returns the index the loop goes on from (it steps past that one). */
  private escaped(i: number): number {
    const text = this.text;
    const length = text.length;
    const next = i + 1 < length ? text.charCodeAt(i + 1) : -1;
    if (next === SPACE || next === TAB) return this.escapedBlanks(i);
    if (next === CR || next === LF) {
      this.breakJoined();
      if (this.wordStart !== -1 && this.cutAt === -1) this.cutAt = i;
      return i + (next === CR ? 2 : 1);
    }
    this.endWordCutByBreak();
    if (next === -1) return length; // the escape character ends the text
    if (next === DOLLAR) this.keep(i, i + 2);
    else this.keep(i + 1, i + 2);
    if (this.wordStart === -1) this.wordStart = i;
    return i + 1;
  }

  /** Blanks after the escape character at `i`: a line break next joins lines; anything else ends the word here. */
  private escapedBlanks(i: number): number {
    const text = this.text;
    const length = text.length;
    for (let j = i + 2; j < length; j++) {
      const after = text.charCodeAt(j);
      if (after === SPACE || after === TAB) continue;
      if (after === CR || after === LF) {
        this.breakJoined();
        if (this.wordStart !== -1) this.cutAt = i;
        return after === CR ? j + 1 : j;
      }
      this.cutAt = i;
      return this.wordStart === -1 ? j - 1 : i;
    }
    return i;
  }

  private keep(from: number, to: number): void {
    if (this.runTo === from && this.runTo > this.runFrom) {
      this.runTo = to;
      return;
    }
    if (this.runTo > this.runFrom) this.done += this.text.substring(this.runFrom, this.runTo);
    this.runFrom = from;
    this.runTo = to;
  }

  private push(end: number): void {
    const value = this.runTo > this.runFrom ? this.done + this.text.substring(this.runFrom, this.runTo) : this.done;
    this.args.push(new SplitArgument(value, this.base + this.wordStart, this.base + end, this.document));
    this.done = '';
    this.runFrom = this.runTo = 0;
  }

  /** A kept character after a blank that followed an escaped break: the word before the break ended at it. */
  private endWordCutByBreak(): void {
    if (this.blankSinceJoin && this.cutAt !== -1) {
      this.push(this.cutAt);
      this.wordStart = -1;
    }
    this.cutAt = -1;
    this.blankSinceJoin = false;
    this.joined = false;
  }

  private breakJoined(): void {
    this.inComment = false;
    this.joined = true;
    this.lineStart = true;
  }
}

/**
 * An argument that keeps its offsets and makes its range (a Range and two Positions, two line searches) when
 * first asked. Nearly every argument of a corpus Dockerfile is a word of a RUN script, whose range nothing asks
 * for (the library reads only the first and last argument's, and a flag's; the model splits the script itself):
 * made eagerly, the ranges were half of what the split allocated.
 */
class SplitArgument extends Argument {
  constructor(
    value: string,
    private readonly start: number,
    private readonly end: number,
    private readonly document: TextDocument,
  ) {
    // The library's own field, filled in by getRange.
    super(value, undefined as unknown as Range);
  }

  override getRange(): Range {
    const self = this as unknown as { range: Range | undefined };
    return (self.range ??= { start: this.document.positionAt(this.start), end: this.document.positionAt(this.end) });
  }

  // The library's comparisons read the range field directly.
  override isAfter(position: Position): boolean {
    this.getRange();
    return super.isAfter(position);
  }

  override isBefore(position: Position): boolean {
    this.getRange();
    return super.isBefore(position);
  }
}
