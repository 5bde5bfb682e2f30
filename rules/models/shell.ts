import type { Span } from '../engine/types';

/**
 * A small POSIX-shell word splitter for RUN scripts: enough structure for linting (commands, their words
 * with offsets, and the operators between them), never a full shell. Unknown syntax degrades to words.
 */

/** One shell word: its value with quotes removed, and where it was written (offsets into the linted text). */
export interface ShellWord {
  value: string;
  span: Span;
  /** Some part of the word was quoted (`"$X"`, `'-k'`). */
  quoted: boolean;
}

/** One simple command: `NAME=value … cmd arg …`, up to the next operator. */
export interface ShellCommand {
  /** Leading `NAME=value` assignments (the command's environment). */
  assignments: ShellWord[];
  /** The command word and its arguments (shell keywords such as `then`/`do` stripped). */
  words: ShellWord[];
  /** From the first assignment or word to the last word. */
  span: Span;
  /** The operator before this command: `&&`, `||`, `;`, `|`, `&`, a newline, or undefined for the first. */
  before?: string;
  /** The operator after this command. */
  after?: string;
}

export interface SplitOptions {
  /** The Dockerfile escape character (`\` or a backtick): `<escape><newline>` joins lines before the shell runs. */
  escape: string;
  /** Heredoc bodies: newlines separate commands and Dockerfile continuations do not apply. */
  heredoc?: boolean;
  /** Maps an offset in `text` to an offset in the linted text (exec-form strings with escapes). */
  offset?: (index: number) => number;
}

const KEYWORDS = new Set(['then', 'else', 'elif', 'do', '!', '{', 'if', 'while', 'until', 'time']);
const CLOSERS = new Set(['fi', 'done', 'esac', '}']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Splits `text[start, end)` into simple commands. Offsets in the result are `offset(index)` of `text`. */
export function splitShell(text: string, start: number, end: number, options: SplitOptions): ShellCommand[] {
  return new ShellSplitter(text, end, options).split(start);
}

/** Characters the word loop handles one by one (blanks, operators, quotes, escapes, expansions). */
const SPECIAL = new Uint8Array(128);
for (const char of ' \t\n\r;|&()<>\'"\\$`') SPECIAL[char.charCodeAt(0)] = 1;
/** Characters that end a word. */
const WORD_BREAK = new Uint8Array(128);
for (const char of ' \t\n\r;|&()<>') WORD_BREAK[char.charCodeAt(0)] = 1;

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const HASH = 0x23;
const DOLLAR = 0x24;
const AMPERSAND = 0x26;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const SEMICOLON = 0x3b;
const LESS = 0x3c;
const GREATER = 0x3e;
const BACKSLASH = 0x5c;
const BACKTICK = 0x60;
const OPEN_BRACE = 0x7b;
const BAR = 0x7c;

/**
 * One split. The hot loops (blanks, operators, plain runs of a word) are small methods and each rarely taken
 * path (quotes, escapes, expansions, redirections, continuations) is a method of its own: when one of them is
 * first met after V8 has optimised the loops, the deoptimisation recompiles a small function, not the whole
 * splitter (one function with closures was ≈ 70 ms of TurboFan per compile, four compiles per cold pass).
 */
class ShellSplitter {
  readonly commands: ShellCommand[] = [];
  private words: ShellWord[] = [];
  private pendingOp: string | undefined = undefined;
  /** The next word is the target of a redirection. */
  private skipNextWord = false;
  /** The word being read: its value with quotes removed, and whether any part of it was quoted. */
  private value = '';
  private quoted = false;
  /** The escape character's code (-1 when it is not one character), and whether `<escape><newline>` joins lines here. */
  private readonly escapeCode: number;
  private readonly joinsLines: boolean;
  private readonly heredoc: boolean;

  constructor(
    private readonly text: string,
    private readonly end: number,
    private readonly options: SplitOptions,
  ) {
    const escape = options.escape;
    this.escapeCode = escape.length === 1 ? escape.charCodeAt(0) : -1;
    this.heredoc = options.heredoc === true;
    this.joinsLines = !(this.heredoc && escape !== '\\');
  }

  split(start: number): ShellCommand[] {
    const text = this.text;
    const end = this.end;
    const escapeCode = this.escapeCode;
    let i = start;
    while (i < end) {
      const c = text.charCodeAt(i);
      const joined = c === escapeCode ? this.continuation(i) : -1;
      if (joined >= 0) {
        i = joined;
        continue;
      }
      if (c === SPACE || c === TAB || c === CR) i++;
      else if (c === LF) {
        i++;
        if (this.heredoc) this.finishCommand('\n');
      } else if (c === HASH) i = this.skipComment(i);
      else if (c < 128 && WORD_BREAK[c] === 1) i = this.operator(i, c);
      else i = this.word(i);
    }
    this.finishCommand(undefined);
    return this.commands;
  }

  /** `<escape>[ \t]*<newline>` at `i`: a Dockerfile line continuation (returns the index after it, or -1). */
  private continuation(i: number): number {
    if (!this.joinsLines) return -1;
    const text = this.text;
    const end = this.end;
    let j = i + 1;
    while (j < end && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j++;
    if (text.charCodeAt(j) === CR && text.charCodeAt(j + 1) === LF) j += 2;
    else if (text.charCodeAt(j) === LF || text.charCodeAt(j) === CR) j += 1;
    else return -1;
    if (this.heredoc) return j;
    // Docker drops comment lines inside a continued instruction.
    for (;;) {
      let k = j;
      while (k < end && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k++;
      if (text.charCodeAt(k) !== HASH) return j;
      while (k < end && text.charCodeAt(k) !== LF) k++;
      j = Math.min(end, k + 1);
    }
  }

  /** A comment runs to the end of the line (in a joined instruction, to the end of the instruction). */
  private skipComment(i: number): number {
    const end = this.end;
    if (!this.heredoc) return end;
    while (i < end && this.text.charCodeAt(i) !== LF) i++;
    return i;
  }

  /** An operator or a redirection at `i` (its first character `c`): returns the index after it. */
  private operator(i: number, c: number): number {
    const next = this.text.charCodeAt(i + 1);
    if (next === c && (c === AMPERSAND || c === BAR || c === SEMICOLON)) {
      this.finishCommand(c === AMPERSAND ? '&&' : c === BAR ? '||' : ';;');
      return i + 2;
    }
    if (c === LESS || c === GREATER) return this.redirection(i);
    if (c === OPEN_PAREN || c === CLOSE_PAREN) this.finishCommand(';');
    else this.finishCommand(c === SEMICOLON ? ';' : c === BAR ? '|' : '&');
    return c === BAR && next === AMPERSAND ? i + 2 : i + 1;
  }

  /** Redirection: the operator and its target are not arguments. */
  private redirection(i: number): number {
    const text = this.text;
    const end = this.end;
    let j = i;
    while (j < end && /[<>&|-]/.test(text[j])) j++;
    const operator = text.slice(i, j);
    // `<<EOF` (a shell heredoc marker): its delimiter word follows and is skipped like a target.
    const heredocMarker = operator.startsWith('<<') && !operator.startsWith('<<<');
    if (!heredocMarker && /&$/.test(operator) && /[0-9-]/.test(text[j] ?? '')) {
      while (j < end && /[0-9-]/.test(text[j])) j++;
      return j; // `>&2`: the target is part of the operator
    }
    this.skipNextWord = true;
    return j;
  }

  /** Reads the word at `wordStart` (not a blank or an operator): returns the index after it. */
  private word(wordStart: number): number {
    const text = this.text;
    const end = this.end;
    const escapeCode = this.escapeCode;
    this.value = '';
    this.quoted = false;
    let i = wordStart;
    while (i < end) {
      const ch = text.charCodeAt(i);
      const joined = ch === escapeCode ? this.continuation(i) : -1;
      if (joined >= 0) {
        i = joined;
        continue;
      }
      if (ch < 128 && SPECIAL[ch] === 1) {
        if (WORD_BREAK[ch] === 1) {
          if (ch === GREATER || ch === LESS) this.dropDescriptorPrefix(wordStart, i);
          break;
        }
        const after = this.quoteOrExpansion(i, ch);
        if (after >= 0) {
          i = after;
          continue;
        }
      }
      // A run of characters with no meaning to the shell (nearly all of a word) is copied in one slice.
      let stop = i + 1;
      while (stop < end && isPlain(text.charCodeAt(stop)) && text.charCodeAt(stop) !== escapeCode) stop++;
      this.value += stop === i + 1 ? text[i] : text.slice(i, stop);
      i = stop;
    }
    if (i === wordStart) return i + 1; // never loop without progress
    if (this.value === '' && !this.quoted) return i;
    if (this.skipNextWord) {
      this.skipNextWord = false;
      return i;
    }
    const offset = this.options.offset;
    const span = offset ? { start: offset(wordStart), end: offset(Math.min(i, end)) } : { start: wordStart, end: Math.min(i, end) };
    this.words.push({ value: this.value, span, quoted: this.quoted });
    return i;
  }

  /** `2>`: a file-descriptor prefix belongs to the redirection, not to the words. */
  private dropDescriptorPrefix(wordStart: number, i: number): void {
    if (/^[0-9]+$/.test(this.value) && this.text.slice(wordStart, i) === this.value) this.value = '';
  }

  /** A quote, an escape or an expansion at `i` inside a word: appends it and returns the index after it (-1: plain). */
  private quoteOrExpansion(i: number, ch: number): number {
    const text = this.text;
    const end = this.end;
    switch (ch) {
      case SINGLE_QUOTE: {
        this.quoted = true;
        const close = text.indexOf("'", i + 1);
        const stop = close < 0 || close >= end ? end : close;
        this.value += text.slice(i + 1, stop);
        return stop + 1;
      }
      case DOUBLE_QUOTE:
        this.quoted = true;
        return this.doubleQuoted(i + 1);
      case BACKSLASH:
        if (i + 1 >= end) return -1;
        if (text.charCodeAt(i + 1) === LF) return i + 2;
        this.value += text[i + 1];
        return i + 2;
      case DOLLAR: {
        const next = text.charCodeAt(i + 1);
        if (next !== OPEN_PAREN && next !== OPEN_BRACE) return -1;
        const close = next === OPEN_PAREN ? matchParen(text, i + 1, end) : Math.min(end, (text.indexOf('}', i) + 1) || end);
        this.value += text.slice(i, close);
        return close;
      }
      case BACKTICK: {
        const close = text.indexOf('`', i + 1);
        const stop = close < 0 || close >= end ? end : close + 1;
        this.value += text.slice(i, stop);
        return stop;
      }
      default:
        return -1;
    }
  }

  /** The inside of `"…"` from `i`: returns the index after the closing quote. */
  private doubleQuoted(i: number): number {
    const text = this.text;
    const end = this.end;
    const escapeCode = this.escapeCode;
    while (i < end && text.charCodeAt(i) !== DOUBLE_QUOTE) {
      const c = text.charCodeAt(i);
      const joined = c === escapeCode ? this.continuation(i) : -1;
      if (joined >= 0) {
        i = joined;
        continue;
      }
      if (c === BACKSLASH && i + 1 < end && '"\\$`'.includes(text[i + 1])) {
        this.value += text[i + 1];
        i += 2;
        continue;
      }
      if (c === DOLLAR && text.charCodeAt(i + 1) === OPEN_PAREN) {
        const close = matchParen(text, i + 1, end);
        this.value += text.slice(i, close);
        i = close;
        continue;
      }
      this.value += text[i++];
    }
    return i + 1;
  }

  private finishCommand(op: string | undefined): void {
    const command = toCommand(this.words, this.pendingOp);
    const commands = this.commands;
    if (command) {
      if (commands.length > 0 && commands[commands.length - 1].after === undefined) commands[commands.length - 1].after = command.before;
      commands.push(command);
    }
    this.words = [];
    this.pendingOp = op;
  }
}

function isPlain(code: number): boolean {
  return code >= 128 || SPECIAL[code] === 0;
}

function toCommand(all: ShellWord[], before: string | undefined): ShellCommand | undefined {
  if (all.length === 0) return undefined;
  let index = 0;
  while (index < all.length && KEYWORDS.has(all[index].value) && !all[index].quoted) index++;
  const assignments: ShellWord[] = [];
  while (index < all.length && ASSIGNMENT.test(all[index].value)) assignments.push(all[index++]);
  // The closer (`fi`, `done` …) ending a compound command before this one is not a word of it.
  const from = index < all.length && CLOSERS.has(all[index].value) ? index + 1 : index;
  // `all` is this command's own list (the splitter starts a new one for the next): kept when nothing goes.
  const words = from === 0 ? all : all.slice(from);
  if (words.length === 0 && assignments.length === 0) return undefined;
  const first = assignments[0] ?? words[0];
  const last = words[words.length - 1] ?? assignments[assignments.length - 1];
  return shellCommand(assignments, words, { start: first.span.start, end: last.span.end }, before);
}

/**
 * A command with every key it will ever have, `after` and the rules' answers included (set later): code reading
 * commands then meets one shape of them, where keys added afterwards made four (a deopt in each reader as it met
 * another one).
 */
export function shellCommand(assignments: ShellWord[], words: ShellWord[], span: Span, before: string | undefined): ShellCommand {
  const command: ShellCommand & { [ANSWERS]?: CommandAnswers } = { assignments, words, span, before, after: undefined, [ANSWERS]: undefined };
  return command;
}

/** The index just after the `)` matching the `(` at `open`, quotes respected; `end` when unbalanced. */
function matchParen(text: string, open: number, end: number): number {
  let depth = 0;
  for (let i = open; i < end; i++) {
    const c = text[i];
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0 || close >= end) return end;
      i = close;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return end;
}

/** The basename of a command word: `/usr/bin/apt-get` → `apt-get`. */
export function commandName(word: ShellWord | undefined): string {
  if (!word) return '';
  const slash = word.value.lastIndexOf('/');
  return slash >= 0 ? word.value.slice(slash + 1) : word.value;
}

const WRAPPERS = new Set(['sudo', 'env', 'exec', 'nohup', 'command', 'doas', 'su-exec', 'gosu', 'xargs', 'eval']);

/** The command that runs, after wrappers (`sudo`, `env` …): its name, its word and the words after it. */
export interface EffectiveCommand {
  name: string;
  word?: ShellWord;
  args: ShellWord[];
}

/**
 * What the rules ask of every command, worked out once per command and kept on it under a symbol (JSON and
 * `Object.keys` do not see it; nothing copies commands). A WeakMap did the same at a cost above the work itself
 * (one entry per command of every file opened; so did a non-enumerable property: profile of the Dockerfile open).
 */
const ANSWERS = Symbol('answers');
interface CommandAnswers {
  effective?: EffectiveCommand;
  package?: PackageCommand | null;
}

function answersOf(command: ShellCommand & { [ANSWERS]?: CommandAnswers }): CommandAnswers {
  return (command[ANSWERS] ??= {});
}

/**
 * The command that actually runs: `sudo -E apt-get …`, `env X=1 apk …`, `xargs -r apt-get …` → that
 * command's name and its arguments (words after the name). The same object for every asker: read, never change it.
 */
export function effectiveCommand(command: ShellCommand): EffectiveCommand {
  const answers = answersOf(command);
  return (answers.effective ??= readEffectiveCommand(command));
}

function readEffectiveCommand(command: ShellCommand): EffectiveCommand {
  const words = command.words;
  let index = 0;
  while (index < words.length && WRAPPERS.has(commandName(words[index]))) {
    const wrapper = commandName(words[index]);
    index++;
    while (index < words.length && (words[index].value.startsWith('-') || ASSIGNMENT.test(words[index].value))) {
      // `sudo -u user cmd`: -u/-g/-H take a value in sudo; skip it too.
      const takesValue = wrapper === 'sudo' && /^-[ugCDhprtTU]$/.test(words[index].value);
      index += takesValue ? 2 : 1;
    }
    if ((wrapper === 'su-exec' || wrapper === 'gosu') && index < words.length) index++; // the user
  }
  return { name: commandName(words[index]), word: words[index], args: words.slice(index + 1) };
}

/** Words that are arguments, not options (`-y`, `--foo=bar`), for package lists. */
export function positionalArgs(args: readonly ShellWord[], optionsWithValue: ReadonlySet<string> = new Set()): ShellWord[] {
  const result: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (value === '--') continue;
    if (value.startsWith('-')) {
      if (optionsWithValue.has(value)) i++;
      continue;
    }
    result.push(args[i]);
  }
  return result;
}

/** True when a word is a short-option cluster (`-fsSLk`) containing `letter`, or a long option equal to `long`. */
export function hasOption(args: readonly ShellWord[], letter: string | undefined, long: readonly string[]): ShellWord | undefined {
  return args.find((word) => {
    const value = word.value;
    if (long.some((option) => value === option || value.startsWith(`${option}=`))) return true;
    return letter !== undefined && /^-[A-Za-z0-9]+$/.test(value) && value.slice(1).includes(letter);
  });
}

/** A package-manager invocation: `apt-get install …`, `apk add …`, `pip install …`, `python -m pip install …`. */
export interface PackageCommand {
  /** `apt-get`, `apt`, `apk`, `yum`, `dnf`, `microdnf`, `tdnf`, `zypper`, `pip`, `npm`, `gem`, `go`, `rpm`. */
  manager: string;
  /** The manager's own word (for spans). */
  word: ShellWord;
  /** The first positional argument (`install`, `add`, `update`), if any. */
  verb?: ShellWord;
  /** Every argument after the manager word. */
  args: ShellWord[];
  /** Positional arguments after the verb: package names and specs. */
  packages: ShellWord[];
}

const MANAGERS: Record<string, string> = { 'apt-get': 'apt-get', apt: 'apt', apk: 'apk', yum: 'yum', dnf: 'dnf', microdnf: 'microdnf', tdnf: 'tdnf', zypper: 'zypper', npm: 'npm', gem: 'gem', go: 'go', rpm: 'rpm' };
/** Options that take a separate value word, per manager (so the value is not read as a package). */
const VALUE_OPTIONS: Record<string, ReadonlySet<string>> = {
  'apt-get': new Set(['-o', '-t', '-c', '--target-release', '--option', '--config-file']),
  apt: new Set(['-o', '-t', '-c', '--target-release', '--option', '--config-file']),
  apk: new Set(['-X', '--repository', '-t', '--virtual', '-p', '--root', '--arch', '--keys-dir', '--repositories-file', '--cache-dir']),
  yum: new Set(['--setopt', '--enablerepo', '--disablerepo', '--installroot', '--releasever', '-c', '--exclude', '-x']),
  dnf: new Set(['--setopt', '--enablerepo', '--disablerepo', '--installroot', '--releasever', '-c', '--exclude', '-x', '--repo', '--repoid']),
  microdnf: new Set(['--setopt', '--enablerepo', '--disablerepo', '--installroot', '--releasever', '--config']),
  tdnf: new Set(['--setopt', '--enablerepo', '--disablerepo', '--installroot', '--releasever', '-c']),
  zypper: new Set(['-r', '--repo', '--from', '-t', '--type']),
  pip: new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '--trusted-host', '-t', '--target', '--prefix', '--root', '-f', '--find-links', '--platform', '--python-version', '--cache-dir', '--src', '--no-binary', '--only-binary']),
  npm: new Set(['--prefix', '--registry', '--tag', '-w', '--workspace', '--cache']),
  gem: new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '--source', '-s', '-P', '--trust-policy']),
  go: new Set(['-o', '-tags', '-ldflags', '-gcflags', '-mod', '-modfile']),
  rpm: new Set(['--root', '--dbpath', '--define', '-D']),
};

/** Reads a package-manager command, or undefined when the command is something else (once per command: several rules ask). */
export function packageCommand(command: ShellCommand): PackageCommand | undefined {
  const answers = answersOf(command);
  if (answers.package === undefined) answers.package = readPackageCommand(command) ?? null;
  return answers.package ?? undefined;
}

function readPackageCommand(command: ShellCommand): PackageCommand | undefined {
  const effective = effectiveCommand(command);
  let name = effective.name;
  let word = effective.word;
  let args = effective.args;
  if (/^python[0-9.]*$/.test(name) && args[0]?.value === '-m' && /^pip[0-9.]*$/.test(args[1]?.value ?? '')) {
    word = args[1];
    args = args.slice(2);
    name = 'pip';
  }
  const manager = /^pip[0-9.]*$/.test(name) ? 'pip' : MANAGERS[name];
  if (!manager || !word) return undefined;
  const positional = positionalArgs(args, VALUE_OPTIONS[manager]);
  const verb = manager === 'rpm' ? undefined : positional[0];
  return { manager, word, verb, args, packages: manager === 'rpm' ? positional : positional.slice(1) };
}

/** `apt-get install`, `apk add`, `yum install`, `zypper in` …: the verbs that install packages. */
export function isInstall(pkg: PackageCommand): boolean {
  const verb = pkg.verb?.value;
  switch (pkg.manager) {
    case 'apk':
      return verb === 'add';
    case 'zypper':
      return verb === 'install' || verb === 'in';
    case 'npm':
      return verb === 'install' || verb === 'i' || verb === 'add';
    case 'rpm':
      return pkg.args.some((word) => /^-[a-zA-Z]*[iU]/.test(word.value) || word.value === '--install' || word.value === '--upgrade');
    default:
      return verb === 'install';
  }
}
