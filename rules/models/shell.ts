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
  const map = options.offset ?? ((index: number) => index);
  const escape = options.escape;
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let pendingOp: string | undefined;
  let skipNextWord = false; // the target of a redirection

  const finishCommand = (op: string | undefined): void => {
    const command = toCommand(words, pendingOp);
    if (command) {
      if (commands.length > 0 && commands[commands.length - 1].after === undefined) commands[commands.length - 1].after = command.before;
      commands.push(command);
    }
    words = [];
    pendingOp = op;
  };

  // `<escape>[ \t]*<newline>`: a Dockerfile line continuation (returns the index after it, or -1).
  const continuation = (i: number): number => {
    if (text[i] !== escape || (options.heredoc && escape !== '\\')) return -1;
    let j = i + 1;
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
    if (text[j] === '\r' && text[j + 1] === '\n') j += 2;
    else if (text[j] === '\n' || text[j] === '\r') j += 1;
    else return -1;
    if (options.heredoc) return j;
    // Docker drops comment lines inside a continued instruction.
    for (;;) {
      let k = j;
      while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
      if (text[k] !== '#') return j;
      while (k < end && text[k] !== '\n') k++;
      j = Math.min(end, k + 1);
    }
  };

  let i = start;
  while (i < end) {
    const c = text[i];
    const joined = continuation(i);
    if (joined >= 0) {
      i = joined;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n') {
      i++;
      if (options.heredoc) finishCommand('\n');
      continue;
    }
    if (c === '#') {
      // A comment runs to the end of the line (in a joined instruction, to the end of the instruction).
      while (i < end && !(options.heredoc && text[i] === '\n')) i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === ';;') {
      finishCommand(two);
      i += 2;
      continue;
    }
    if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')') {
      finishCommand(c === '(' || c === ')' ? ';' : c);
      i += text[i + 1] === '&' && c === '|' ? 2 : 1;
      continue;
    }
    if (c === '>' || c === '<') {
      // Redirection: the operator and its target are not arguments.
      let j = i;
      while (j < end && /[<>&|-]/.test(text[j])) j++;
      if (text.slice(i, j).startsWith('<<') && !text.slice(i, j).startsWith('<<<')) {
        i = j; // a shell heredoc marker: its delimiter word follows and is skipped
      } else if (/&$/.test(text.slice(i, j)) && /[0-9-]/.test(text[j] ?? '')) {
        while (j < end && /[0-9-]/.test(text[j])) j++;
        i = j;
        continue;
      } else i = j;
      skipNextWord = true;
      continue;
    }
    // A word.
    const wordStart = i;
    let value = '';
    let quoted = false;
    while (i < end) {
      const ch = text[i];
      const cont = continuation(i);
      if (cont >= 0) {
        i = cont;
        continue;
      }
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === ';' || ch === '|' || ch === '&' || ch === '(' || ch === ')' || ch === '<' || ch === '>') {
        // `2>`: a file-descriptor prefix belongs to the redirection.
        if ((ch === '>' || ch === '<') && /^[0-9]+$/.test(value) && text.slice(wordStart, i) === value) value = '';
        break;
      }
      if (ch === "'") {
        quoted = true;
        const close = text.indexOf("'", i + 1);
        const stop = close < 0 || close >= end ? end : close;
        value += text.slice(i + 1, stop);
        i = stop + 1;
        continue;
      }
      if (ch === '"') {
        quoted = true;
        i++;
        while (i < end && text[i] !== '"') {
          const inner = continuation(i);
          if (inner >= 0) {
            i = inner;
            continue;
          }
          if (text[i] === '\\' && i + 1 < end && '"\\$`'.includes(text[i + 1])) {
            value += text[i + 1];
            i += 2;
            continue;
          }
          if (text[i] === '$' && text[i + 1] === '(') {
            const close = matchParen(text, i + 1, end);
            value += text.slice(i, close);
            i = close;
            continue;
          }
          value += text[i++];
        }
        i++;
        continue;
      }
      if (ch === '\\' && i + 1 < end) {
        if (text[i + 1] === '\n') {
          i += 2;
          continue;
        }
        value += text[i + 1];
        i += 2;
        continue;
      }
      if (ch === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
        const close = text[i + 1] === '(' ? matchParen(text, i + 1, end) : Math.min(end, (text.indexOf('}', i) + 1) || end);
        value += text.slice(i, close);
        i = close;
        continue;
      }
      if (ch === '`') {
        const close = text.indexOf('`', i + 1);
        const stop = close < 0 || close >= end ? end : close + 1;
        value += text.slice(i, stop);
        i = stop;
        continue;
      }
      // A run of characters with no meaning to the shell (nearly all of a word) is copied in one slice.
      let stop = i + 1;
      while (stop < end && isPlain(text.charCodeAt(stop)) && text[stop] !== escape) stop++;
      value += stop === i + 1 ? ch : text.slice(i, stop);
      i = stop;
    }
    if (i === wordStart) {
      i++; // never loop without progress
      continue;
    }
    if (value === '' && !quoted) continue;
    if (skipNextWord) {
      skipNextWord = false;
      continue;
    }
    words.push({ value, span: { start: map(wordStart), end: map(Math.min(i, end)) }, quoted });
  }
  finishCommand(undefined);
  return commands;
}

/** Characters the word loop above handles one by one (blanks, operators, quotes, escapes, expansions). */
const SPECIAL = new Uint8Array(128);
for (const char of ' \t\n\r;|&()<>\'"\\$`') SPECIAL[char.charCodeAt(0)] = 1;

function isPlain(code: number): boolean {
  return code >= 128 || SPECIAL[code] === 0;
}

function toCommand(all: ShellWord[], before: string | undefined): ShellCommand | undefined {
  if (all.length === 0) return undefined;
  let index = 0;
  while (index < all.length && KEYWORDS.has(all[index].value) && !all[index].quoted) index++;
  const assignments: ShellWord[] = [];
  while (index < all.length && ASSIGNMENT.test(all[index].value)) assignments.push(all[index++]);
  const words = all.slice(index).filter((word, position) => !(position === 0 && CLOSERS.has(word.value)));
  if (words.length === 0 && assignments.length === 0) return undefined;
  const first = assignments[0] ?? words[0];
  const last = words[words.length - 1] ?? assignments[assignments.length - 1];
  return { assignments, words, span: { start: first.span.start, end: last.span.end }, before };
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
