import { TemplateError } from '../value';
import { type CharTest, parseRegex, type RegexNode } from './regexp-syntax';

/**
 * A compiled Go regexp run by a Pike VM: all threads advance together over the input, one step per character, so
 * a match costs O(pattern × input) whatever the pattern — never the exponential backtracking of JavaScript's RegExp.
 * Thread priority gives Go's leftmost-first semantics (the match Perl and Go's non-POSIX regexp choose), with
 * submatches for `$1` expansion.
 */

type AssertKind = 'bol' | 'eol' | 'bot' | 'eot' | 'word' | 'notword';
/** Whether a zero-width assertion holds at `at`. */
type Holds = (input: number[], at: number) => boolean;

/**
 * One instruction of the program. Every instruction has every field, in the same order, and the matcher follows
 * `split`, `jump`, `save` and `assert` by one path of data (no branch per kind): its optimised code deopted and
 * recompiled on the first pattern with a kind of instruction it had not met yet (another object shape, a case of a
 * switch never taken). `char`: `test` the character, then `next`; `match`: the end. The others are empty
 * transitions: when `holds` here (always, but for an assertion), capture `slot` takes the position (`save`; -1:
 * none) and the thread goes on at `next`, and at `second` after it (`split`; -1: none).
 */
export interface Instruction {
  op: 'char' | 'split' | 'jump' | 'save' | 'assert' | 'match';
  next: number;
  second: number;
  slot: number;
  test: CharTest | undefined;
  holds: Holds;
}

const always: Holds = () => true;

function newInstruction(op: Instruction['op'], next: number, fields: { second?: number; slot?: number; test?: CharTest; holds?: Holds } = {}): Instruction {
  return { op, next, second: fields.second ?? -1, slot: fields.slot ?? -1, test: fields.test, holds: fields.holds ?? always };
}

const isWordChar = (code: number | undefined) =>
  code !== undefined && ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || code === 95 || (code >= 97 && code <= 122));

const ASSERTIONS: Record<AssertKind, Holds> = {
  bot: (input, at) => at === 0,
  eot: (input, at) => at === input.length,
  bol: (input, at) => at === 0 || input[at - 1] === 10,
  eol: (input, at) => at === input.length || input[at] === 10,
  word: (input, at) => isWordChar(input[at - 1]) !== isWordChar(input[at]),
  notword: (input, at) => isWordChar(input[at - 1]) === isWordChar(input[at]),
};

const maxInstructions = 20000;

class Compiler {
  readonly program: Instruction[] = [];

  private emit(instruction: Instruction): number {
    if (this.program.length >= maxInstructions) throw new TemplateError('error parsing regexp: expression too large');
    this.program.push(instruction);
    return this.program.length - 1;
  }

  /** Compiles `node` so that it continues at the instruction index patched later; returns the holes to patch. */
  compile(node: RegexNode): void {
    switch (node.type) {
      case 'empty':
        return;
      case 'char':
        this.emit(newInstruction('char', this.program.length + 1, { test: node.test }));
        return;
      case 'assert':
        this.emit(newInstruction('assert', this.program.length + 1, { holds: ASSERTIONS[node.kind] }));
        return;
      case 'group':
        this.emit(newInstruction('save', this.program.length + 1, { slot: node.index * 2 }));
        this.compile(node.item);
        this.emit(newInstruction('save', this.program.length + 1, { slot: node.index * 2 + 1 }));
        return;
      case 'concat':
        for (const item of node.items) this.compile(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        node.items.forEach((item, i) => {
          if (i < node.items.length - 1) {
            const split = this.emit(newInstruction('split', this.program.length + 1));
            this.compile(item);
            jumps.push(this.emit(newInstruction('jump', -1)));
            this.program[split].second = this.program.length;
          } else this.compile(item);
        });
        for (const jump of jumps) this.program[jump].next = this.program.length;
        return;
      }
      case 'repeat':
        return this.repeat(node.item, node.min, node.max, node.greedy);
    }
  }

  private optional(item: RegexNode, greedy: boolean): number {
    const split = this.emit(newInstruction('split', -1));
    const body = this.program.length;
    this.compile(item);
    const after = this.program.length;
    this.setSplit(split, greedy ? body : after, greedy ? after : body);
    return split;
  }

  private setSplit(index: number, first: number, second: number): void {
    const split = this.program[index];
    split.next = first;
    split.second = second;
  }

  private repeat(item: RegexNode, min: number, max: number, greedy: boolean): void {
    for (let i = 0; i < min; i++) this.compile(item);
    if (max < 0) {
      // x*: L: split body, out; body; jump L
      const split = this.emit(newInstruction('split', -1));
      const body = this.program.length;
      this.compile(item);
      this.emit(newInstruction('jump', split));
      const after = this.program.length;
      this.setSplit(split, greedy ? body : after, greedy ? after : body);
      return;
    }
    // x{n,m}: (m-n) nested optionals; each split's exit goes to the very end.
    const splits: number[] = [];
    for (let i = min; i < max; i++) splits.push(this.optional(item, greedy));
    const end = this.program.length;
    for (const split of splits) {
      const instruction = this.program[split];
      if (greedy) instruction.second = end;
      else instruction.next = end;
    }
  }
}

interface Thread {
  pc: number;
  captures: number[];
}

export class GoRegexp {
  /** The compiled program: instruction 0 starts a match. */
  readonly program: readonly Instruction[];
  readonly names: string[];
  readonly groupCount: number;
  private readonly marks: Uint32Array;
  private generation = 1;
  /**
   * The character tests a match can begin with, or undefined when the pattern can match the empty string. A
   * search thread started where none of them accepts the character dies in its first step, so it is not started:
   * the same matches, without a thread (and its captures) per position of a long text that rarely matches.
   */
  private readonly starts: readonly CharTest[] | undefined;

  constructor(readonly source: string) {
    const parsed = parseRegex(source);
    const compiler = new Compiler();
    compiler.compile({ type: 'group', item: parsed.root, index: 0 });
    compiler.program.push(newInstruction('match', -1));
    this.program = compiler.program;
    this.names = parsed.names;
    this.groupCount = parsed.names.length;
    this.marks = new Uint32Array(this.program.length);
    this.starts = startTests(this.program);
  }

  /** Adds a thread and follows its empty transitions, in priority order (explicit stack: no deep recursion). */
  private addThread(list: Thread[], generation: number, start: Thread, input: number[], at: number): void {
    const stack: Thread[] = [start];
    const seen = this.marks;
    while (stack.length > 0) {
      const { pc, captures } = stack.pop()!;
      if (seen[pc] === generation) continue;
      seen[pc] = generation;
      const instruction = this.program[pc];
      if (instruction.op === 'char' || instruction.op === 'match') {
        list.push({ pc, captures });
        continue;
      }
      if (!instruction.holds(input, at)) continue;
      let taken = captures;
      if (instruction.slot >= 0) {
        taken = captures.slice();
        taken[instruction.slot] = at;
      }
      // Pushed last, taken first: `next` before a split's `second`.
      if (instruction.second >= 0) stack.push({ pc: instruction.second, captures: taken });
      stack.push({ pc: instruction.next, captures: taken });
    }
  }

  /**
   * The leftmost-first match starting the search at `from` (code-point index), as capture positions
   * ([start, end] per group, -1 when a group did not take part), or undefined.
   */
  exec(input: number[], from: number): number[] | undefined {
    const slots = this.groupCount * 2;
    let current: Thread[] = [];
    let matched: number[] | undefined;
    // Each step's threads are marked with a fresh generation number instead of clearing a visited set.
    let generation = this.generation;
    for (let at = from; at <= input.length; at++) {
      if (!matched && this.canStartAt(input, at)) this.addThread(current, generation, { pc: 0, captures: new Array(slots).fill(-1) }, input, at);
      if (current.length === 0) {
        if (matched) break;
        generation = this.nextGeneration();
        continue; // the search thread died here (an assertion failed): try the next position
      }
      const next: Thread[] = [];
      generation = this.nextGeneration();
      for (const thread of current) {
        const instruction = this.program[thread.pc];
        if (instruction.op === 'match') {
          matched = thread.captures;
          break; // lower-priority threads lose to this match
        }
        if (instruction.op === 'char' && at < input.length && instruction.test!(input[at])) {
          this.addThread(next, generation, { pc: instruction.next, captures: thread.captures }, input, at + 1);
        }
      }
      current = next;
    }
    this.nextGeneration();
    return matched;
  }

  private canStartAt(input: number[], at: number): boolean {
    if (!this.starts) return true;
    if (at >= input.length) return false;
    const code = input[at];
    for (const test of this.starts) if (test(code)) return true;
    return false;
  }

  private nextGeneration(): number {
    if (this.generation >= 0xfffffff0) {
      this.marks.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }
}

/**
 * The `char` tests reachable from the program's start through empty transitions (every assertion taken as
 * passing: a superset is safe), or undefined when `match` is reachable that way.
 */
function startTests(program: readonly Instruction[]): CharTest[] | undefined {
  const tests: CharTest[] = [];
  const seen = new Set<number>();
  const stack = [0];
  while (stack.length > 0) {
    const pc = stack.pop()!;
    if (seen.has(pc)) continue;
    seen.add(pc);
    const instruction = program[pc];
    switch (instruction.op) {
      case 'match':
        return undefined;
      case 'char':
        tests.push(instruction.test!);
        break;
      case 'split':
        stack.push(instruction.next, instruction.second);
        break;
      default:
        stack.push(instruction.next);
    }
  }
  return tests;
}

/** Compiles a Go regexp (TemplateError on bad syntax). */
export function compileRegexp(pattern: string): GoRegexp {
  return new GoRegexp(pattern);
}
