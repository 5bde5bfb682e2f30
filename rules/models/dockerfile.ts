import { DockerfileParser, type Dockerfile, type Instruction } from 'dockerfile-ast';
import type { Span } from '../engine/types';
import { LineIndex } from '../engine/line-index';
import { splitArgumentsOnce } from './dockerfile-arguments';
import type { ModelProblem, ParseInput, ParseOutcome } from './problems';
import { commandName, shellCommand, splitShell, type ShellCommand, type ShellWord } from './shell';

export type { ShellCommand, ShellWord } from './shell';

/** A `FROM` reference, after `${ARG}` resolution. */
export interface ImageRef {
  /** As written (`$BASE`, `node:20 `…). */
  raw: string;
  /** After resolving global ARG defaults; undefined when a variable has no default. */
  resolved?: string;
  /** The image reference's span (without `--platform` and `AS name`). */
  span: Span;
  scratch: boolean;
  /** Registry host when the reference names one (`ghcr.io`, `registry:5000`); undefined ⇒ Docker Hub. */
  registry?: string;
  /** Repository path without registry, tag or digest. */
  name?: string;
  /** Text after the last `:` that follows the last `/`; undefined ⇒ `latest`. */
  tag?: string;
  digest?: string;
}

/** A `USER` instruction with its value resolved against ARG/ENV defaults. */
export interface UserSetting {
  instruction: Instruction;
  /** The argument as written. */
  raw: string;
  span: Span;
  /** The user part after resolution (`root`, `1000`); undefined when a variable could not be resolved. */
  user?: string;
  group?: string;
}

/** One name of an `ENV` or `ARG` instruction. */
export interface VariableDeclaration {
  instruction: Instruction;
  keyword: 'ENV' | 'ARG';
  /** Undefined for a global ARG (before the first FROM). */
  stage?: DockerfileStage;
  name: string;
  nameSpan: Span;
  /** Unquoted value; undefined when none is given (`ARG TOKEN`). */
  value?: string;
  valueSpan?: Span;
  /** The whole `name=value` property. */
  span: Span;
  /** How many names the instruction declares (a fix removing the only one removes the instruction). */
  siblings: number;
}

/** A RUN (or `ONBUILD RUN`) split into shell commands. */
export interface RunScript {
  /** The instruction as it appears in the file (the `ONBUILD` for triggers). */
  instruction: Instruction;
  stage?: DockerfileStage;
  onbuild: boolean;
  form: 'shell' | 'exec';
  /** The `SHELL` in effect (default `/bin/sh -c`). */
  shell: string[];
  commands: ShellCommand[];
  /** Where the script text starts (after flags): fixes that prefix the script insert here. */
  scriptStart: number;
  heredoc: boolean;
}

/** One build stage: a `FROM` and the instructions up to the next one. */
export interface DockerfileStage {
  index: number;
  from: Instruction;
  /** `AS name`, lower-cased, if any. */
  alias?: string;
  instructions: Instruction[];
  image?: ImageRef;
  /** The earlier stage this one is built `FROM`, if any (inherits USER, HEALTHCHECK, ENV, SHELL). */
  parent?: DockerfileStage;
  users: UserSetting[];
  healthchecks: Instruction[];
  /** The SHELL at the end of the stage (inherited from the parent stage when not set). */
  shell: string[];
  windows: boolean;
}

/** Where the final stage's effective USER comes from. */
export type EffectiveUser =
  | { source: 'set'; setting: UserSetting; stage: DockerfileStage }
  /** No USER in this Dockerfile; the external base image may set one. */
  | { source: 'external'; stage: DockerfileStage }
  /** `FROM scratch` with no USER: the process runs as uid 0. */
  | { source: 'scratch'; stage: DockerfileStage };

/** The Dockerfile model: the dockerfile-ast tree plus the stage structure rules reason about. */
export interface DockerfileModel {
  ast: Dockerfile;
  /** Instructions before the first `FROM` (global ARGs, parser directives). */
  preamble: Instruction[];
  stages: DockerfileStage[];
  /** The stage that ships: the last one. */
  finalStage?: DockerfileStage;
  /** The `# escape=` character. */
  escape: string;
  /** Every RUN and ONBUILD RUN, in file order. */
  runs: RunScript[];
  /** Every ENV and ARG name, in file order. */
  variables: VariableDeclaration[];
}

const DEFAULT_SHELL = ['/bin/sh', '-c'];
const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);
const WINDOWS_IMAGE = /(^|\/)(windows|nanoserver|servercore|windowsservercore)([:/@-]|$)|mcr\.microsoft\.com\/(windows|powershell)/i;

/**
 * dockerfile-ast needs about a second per megabyte of one line; no real Dockerfile has a line anywhere near
 * this long. Such a line is blanked before parsing (same length, so every other offset holds) and reported
 * alone; the rest of the file is analysed.
 */
export const MAX_DOCKERFILE_LINE = 100_000;

splitArgumentsOnce();

export function parseDockerfile(input: ParseInput): ParseOutcome<DockerfileModel> {
  const { text: parsedText, problems } = blankOverlongLines(input.text);
  const ast = DockerfileParser.parse(parsedText);
  const lines = new LineIndex(input.text);
  const escape = ast.getEscapeCharacter() || '\\';
  const preamble: Instruction[] = [];
  const stages: DockerfileStage[] = [];
  const runs: RunScript[] = [];
  const variables: VariableDeclaration[] = [];
  const globals = new Map<string, string | undefined>();
  let env = new Map<string, string | undefined>();
  let stage: DockerfileStage | undefined;

  for (const instruction of ast.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      const args = instruction.getArguments();
      const asIndex = args.findIndex((arg) => arg.getValue().toLowerCase() === 'as');
      const alias = asIndex >= 0 ? args[asIndex + 1]?.getValue().toLowerCase() : undefined;
      const image = imageRef(instruction, lines, globals);
      const parent = image && !image.scratch && image.resolved ? stages.find((earlier) => earlier.alias !== undefined && earlier.alias === image.resolved?.toLowerCase()) : undefined;
      const windows = parent?.windows ?? (image?.resolved !== undefined && WINDOWS_IMAGE.test(image.resolved));
      stage = { index: stages.length, from: instruction, alias, instructions: [], image, parent, users: [], healthchecks: [], shell: parent?.shell ?? DEFAULT_SHELL, windows: windows || escape === '`' };
      stages.push(stage);
      // ENV carries over from a parent stage; ARGs do not (global ARGs must be re-declared).
      env = new Map(parent ? stageEnv.get(parent) : []);
      stageEnv.set(stage, env);
      continue;
    }
    if (!stage) {
      preamble.push(instruction);
      if (keyword === 'ARG') {
        for (const declaration of declarations(instruction, 'ARG', undefined, lines)) {
          globals.set(declaration.name, declaration.value);
          variables.push(declaration);
        }
      }
      // A fragment with no FROM (an included snippet) still has its RUN scripts read.
      if (keyword === 'RUN') runs.push(runScript(instruction, instruction, undefined, false, lines, escape, input.text));
      continue;
    }
    stage.instructions.push(instruction);
    switch (keyword) {
      case 'ARG':
      case 'ENV':
        for (const declaration of declarations(instruction, keyword, stage, lines)) {
          variables.push(declaration);
          const value = declaration.value !== undefined ? resolveVariables(declaration.value, env) : keyword === 'ARG' ? globals.get(declaration.name) : undefined;
          if (keyword === 'ENV' || !env.has(declaration.name) || declaration.value !== undefined) env.set(declaration.name, value);
        }
        break;
      case 'USER':
        stage.users.push(userSetting(instruction, lines, env));
        break;
      case 'HEALTHCHECK':
        stage.healthchecks.push(instruction);
        break;
      case 'SHELL': {
        const shell = jsonStrings(instruction, lines).map((entry) => entry.value);
        if (shell.length > 0) stage.shell = shell;
        if (/^(pwsh|powershell|cmd)(\.exe)?$/i.test(commandName({ value: shell[0] ?? '', span: { start: 0, end: 0 }, quoted: false }))) stage.windows = true;
        break;
      }
      case 'RUN':
        runs.push(runScript(instruction, instruction, stage, false, lines, escape, parsedText));
        break;
      case 'ONBUILD': {
        const trigger = (instruction as Instruction & { getTriggerInstruction?: () => Instruction | null }).getTriggerInstruction?.();
        if (trigger && trigger.getKeyword() === 'RUN') runs.push(runScript(instruction, trigger, stage, true, lines, escape, parsedText));
        break;
      }
    }
  }
  return { model: { ast, preamble, stages, finalStage: stages[stages.length - 1], escape, runs, variables }, problems };
}

const stageEnv = new WeakMap<DockerfileStage, Map<string, string | undefined>>();

/** `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}` from known values; undefined when any is unknown. */
export function resolveVariables(text: string, values: ReadonlyMap<string, string | undefined>): string | undefined {
  let unknown = false;
  const result = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_match, braced: string | undefined, operator: string | undefined, word: string | undefined, plain: string | undefined) => {
    const name = braced ?? plain ?? '';
    const value = values.get(name);
    if (operator === '-') return value !== undefined && value !== '' ? value : (word ?? '');
    if (operator === '+') return value !== undefined && value !== '' ? (word ?? '') : '';
    if (value === undefined) unknown = true;
    return value ?? '';
  });
  return unknown ? undefined : result;
}

/**
 * Replaces each line longer than MAX_DOCKERFILE_LINE by spaces (its first word and a trailing continuation
 * character kept, so the instruction and its continuation still read the same) and reports it. Files shorter
 * than the limit cannot hold such a line and are returned as they are, without a scan.
 */
function blankOverlongLines(text: string): { text: string; problems: ModelProblem[] } {
  const problems: ModelProblem[] = [];
  if (text.length <= MAX_DOCKERFILE_LINE) return { text, problems };
  let out = '';
  let copiedUpTo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    if (end - start > MAX_DOCKERFILE_LINE) {
      const line = text.slice(start, end);
      const keep = /^\s*\S*/.exec(line)?.[0].length ?? 0;
      const trailing = /[\\`]\s*$/.exec(line)?.[0] ?? '';
      out += text.slice(copiedUpTo, start + keep) + ' '.repeat(line.length - keep - trailing.length) + trailing;
      copiedUpTo = end;
      problems.push({ ruleId: 'stridelint/not-analysed', span: { start, end: start + keep }, message: `This line is longer than ${MAX_DOCKERFILE_LINE.toLocaleString('en-US')} characters; it was not analysed (the rest of the file was).` });
    }
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return { text: copiedUpTo === 0 ? text : out + text.slice(copiedUpTo), problems };
}

function imageRef(instruction: Instruction, lines: LineIndex, globals: ReadonlyMap<string, string | undefined>): ImageRef | undefined {
  const from = instruction as Instruction & { getImageRange?: () => ReturnType<Instruction['getRange']> | null; getImage?: () => string | null };
  const range = from.getImageRange?.();
  const raw = from.getImage?.();
  if (!range || !raw) return undefined;
  const resolved = resolveVariables(raw, globals);
  const ref: ImageRef = { raw, resolved, span: lines.spanOf(range), scratch: resolved?.toLowerCase() === 'scratch' };
  if (resolved === undefined || ref.scratch) return ref;
  let rest = resolved;
  const at = rest.indexOf('@');
  if (at >= 0) {
    ref.digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const firstSlash = rest.indexOf('/');
  if (firstSlash >= 0) {
    const host = rest.slice(0, firstSlash);
    if (host.includes('.') || host.includes(':') || host === 'localhost') {
      ref.registry = host.toLowerCase();
      rest = rest.slice(firstSlash + 1);
    }
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    ref.tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  ref.name = rest;
  return ref;
}

/** One `name=value` of an ENV, ARG or LABEL instruction (`value` unquoted, undefined when none is given). */
export interface InstructionProperty {
  name: string;
  nameSpan: Span;
  value?: string;
  valueSpan?: Span;
  span: Span;
}

/** Each instruction's properties, all names: the model and the secrets read them (dockerfile-ast parses them anew on each ask). */
const propertiesOf = new WeakMap<Instruction, InstructionProperty[]>();

/** The `name=value` properties of an ENV, ARG or LABEL instruction; `nameFilter` drops malformed names. */
export function instructionProperties(instruction: Instruction, lines: LineIndex, nameFilter: RegExp = /^[A-Za-z_][A-Za-z0-9_.-]*$/): InstructionProperty[] {
  let all = propertiesOf.get(instruction);
  if (!all) propertiesOf.set(instruction, (all = readProperties(instruction, lines)));
  return all.filter((property) => nameFilter.test(property.name));
}

function readProperties(instruction: Instruction, lines: LineIndex): InstructionProperty[] {
  type Property = { getName(): string; getNameRange(): ReturnType<Instruction['getRange']>; getValue(): string | null; getValueRange(): ReturnType<Instruction['getRange']> | null; getRange(): ReturnType<Instruction['getRange']> };
  const properties = (instruction as Instruction & { getProperties?: () => Property[] }).getProperties?.() ?? [];
  return properties.map((property) => {
    const valueRange = property.getValueRange();
    return { name: property.getName(), nameSpan: lines.spanOf(property.getNameRange()), value: property.getValue() ?? undefined, valueSpan: valueRange ? lines.spanOf(valueRange) : undefined, span: lines.spanOf(property.getRange()) };
  });
}

function declarations(instruction: Instruction, keyword: 'ENV' | 'ARG', stage: DockerfileStage | undefined, lines: LineIndex): VariableDeclaration[] {
  const properties = instructionProperties(instruction, lines);
  return properties.map((property) => ({ instruction, keyword, stage, ...property, siblings: properties.length }));
}

function userSetting(instruction: Instruction, lines: LineIndex, env: ReadonlyMap<string, string | undefined>): UserSetting {
  const argument = instruction.getArguments()[0];
  const raw = argument?.getValue() ?? '';
  const span = argument ? lines.spanOf(argument.getRange()) : lines.spanOf(instruction.getRange());
  const resolved = resolveVariables(raw, env);
  if (resolved === undefined || resolved === '') return { instruction, raw, span };
  const [user, group] = resolved.split(':');
  return { instruction, raw, span, user, group };
}

/** The strings of an exec-form (JSON array) instruction, decoded, with a map from each decoded char to its offset. */
export function jsonStrings(instruction: Instruction, lines: LineIndex): Array<{ value: string; span: Span; offsets: number[] }> {
  const strings = (instruction as Instruction & { getJSONStrings?: () => Array<{ getRange(): ReturnType<Instruction['getRange']> }> }).getJSONStrings?.() ?? [];
  return strings.map((entry) => {
    const span = lines.spanOf(entry.getRange());
    const raw = lines.text.slice(span.start, span.end);
    let value = '';
    const offsets: number[] = [];
    for (let i = 1; i < raw.length - 1; i++) {
      let ch = raw[i];
      const at = span.start + i;
      if (ch === '\\' && i + 1 < raw.length - 1) {
        const next = raw[++i];
        if (next === 'u') {
          ch = String.fromCharCode(parseInt(raw.slice(i + 1, i + 5), 16) || 0);
          i += 4;
        } else ch = ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[next] ?? next;
      }
      value += ch;
      offsets.push(at);
    }
    offsets.push(span.end - 1);
    return { value, span, offsets };
  });
}

function runScript(instruction: Instruction, run: Instruction, stage: DockerfileStage | undefined, onbuild: boolean, lines: LineIndex, escape: string, text: string): RunScript {
  const end = lines.spanOf(run.getRange()).end;
  const scriptStart = scriptStartOf(text, lines.spanOf(run.getInstructionRange()).end, end, escape);
  const base = { instruction, stage, onbuild, shell: stage?.shell ?? DEFAULT_SHELL, scriptStart };
  const strings = text[scriptStart] === '[' ? jsonStrings(run, lines) : [];
  if (strings.length > 0) {
    const [shell, ...rest] = strings;
    const script = rest[rest.length - 1];
    const isShell = POSIX_SHELLS.has(commandName({ value: shell.value, span: shell.span, quoted: true })) && rest.some((entry) => /^-[a-z]*c$/.test(entry.value)) && script;
    const commands = isShell
      ? splitShell(script.value, 0, script.value.length, { escape: '\\', heredoc: true, offset: (index) => script.offsets[Math.min(index, script.offsets.length - 1)] })
      : [shellCommand([], strings.map((entry) => ({ value: entry.value, span: entry.span, quoted: true })), { start: strings[0].span.start, end: strings[strings.length - 1].span.end }, undefined)];
    return { ...base, form: 'exec', commands, heredoc: false };
  }
  type Heredoc = { getContentRange(): ReturnType<Instruction['getRange']> | null; getStartRange(): ReturnType<Instruction['getRange']> };
  const heredocs = text.slice(scriptStart, end).includes('<<') ? ((run as Instruction & { getHeredocs?: () => Heredoc[] }).getHeredocs?.() ?? []) : [];
  if (heredocs.length === 0) return { ...base, form: 'shell', commands: splitShell(text, scriptStart, end, { escape }), heredoc: false };
  // `RUN <<EOF` (or `RUN bash <<EOF`) runs the body; `RUN cat <<EOF > file` writes data.
  const firstLineEnd = lines.lineEnd(lines.positionAt(scriptStart).line);
  const head = splitShell(text, scriptStart, firstLineEnd, { escape });
  const runsBody = head.length === 0 || (head.length === 1 && POSIX_SHELLS.has(commandName(head[0].words[0])) && head[0].words.length <= 2);
  const commands = head.filter((command) => !(runsBody && command.words.length <= 2 && POSIX_SHELLS.has(commandName(command.words[0]))));
  if (runsBody) {
    for (const heredoc of heredocs) {
      const content = heredoc.getContentRange();
      if (!content) continue;
      const span = lines.spanOf(content);
      commands.push(...splitShell(text, span.start, span.end, { escape, heredoc: true }));
    }
  }
  return { ...base, form: 'shell', commands, heredoc: true };
}

/**
 * Where a RUN's script starts: after the keyword, blanks, line continuations and `--flag=value` options.
 * (dockerfile-ast can tell us too, but re-tokenises the whole instruction each time it is asked.)
 */
function scriptStartOf(text: string, from: number, end: number, escape: string): number {
  let i = from;
  const skipBlanks = (): void => {
    for (;;) {
      while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
      const continued = /^[ \t]*(\r?\n|\r)/.exec(text.slice(i + 1, i + 80));
      if (text[i] === escape && continued) i += 1 + continued[0].length;
      else if ((text[i] === '\n' || text[i] === '\r') && /^[ \t]*#/.test(text.slice(i + 1, i + 80))) {
        i = text.indexOf('\n', i + 1);
        if (i < 0) i = end;
      } else return;
    }
  };
  skipBlanks();
  while (text.startsWith('--', i)) {
    while (i < end && !/\s/.test(text[i])) {
      if (text[i] === '"' || text[i] === "'") {
        const close = text.indexOf(text[i], i + 1);
        i = close < 0 ? end : close + 1;
      } else i++;
    }
    skipBlanks();
  }
  return Math.min(i, end);
}

/** The USER the final (or given) stage runs as, following `FROM <earlier stage>` inheritance. */
export function effectiveUser(stage: DockerfileStage): EffectiveUser {
  for (let current: DockerfileStage | undefined = stage; current; current = current.parent) {
    const setting = current.users[current.users.length - 1];
    if (setting) return { source: 'set', setting, stage: current };
    if (!current.parent) return current.image?.scratch ? { source: 'scratch', stage: current } : { source: 'external', stage: current };
  }
  return { source: 'external', stage };
}

/** The last HEALTHCHECK of a stage or the stages it is built from; undefined when this Dockerfile sets none. */
export function effectiveHealthcheck(stage: DockerfileStage): Instruction | undefined {
  for (let current: DockerfileStage | undefined = stage; current; current = current.parent) {
    const last = current.healthchecks[current.healthchecks.length - 1];
    if (last) return last;
  }
  return undefined;
}

/** `root`, `0`, `root:*`, `0:*` (the group does not matter: `1000:0` is not root). */
export function isRootUser(user: string | undefined): boolean {
  return user === 'root' || (user !== undefined && /^0+$/.test(user));
}

/** True when the shell interprets RUN text as POSIX sh (not PowerShell or cmd). */
export function isPosixShell(shell: readonly string[]): boolean {
  return POSIX_SHELLS.has(commandName({ value: shell[0] ?? '', span: { start: 0, end: 0 }, quoted: false }));
}

/** The stage an instruction belongs to (undefined for the preamble). */
export function stageOf(model: DockerfileModel, instruction: Instruction): DockerfileStage | undefined {
  const line = instruction.getRange().start.line;
  let found: DockerfileStage | undefined;
  for (const stage of model.stages) if (stage.from.getRange().start.line <= line) found = stage;
  return found;
}

/** Every shell command of every RUN, with its script, for rules that look at commands one by one. */
export function* allCommands(model: DockerfileModel): Generator<{ run: RunScript; command: ShellCommand; index: number }> {
  for (const run of model.runs) {
    for (let index = 0; index < run.commands.length; index++) yield { run, command: run.commands[index], index };
  }
}

/**
 * A span removing a word (a flag) with its blanks. A word alone on a continuation line takes its line
 * with it (the middle of an instruction) or the `\` that led to it (the last line), so no empty
 * continuation line is left behind.
 */
export function removalSpan(text: string, word: Span): Span {
  const lineStart = text.lastIndexOf('\n', word.start - 1) + 1;
  let lineEnd = text.indexOf('\n', word.end);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, word.start);
  const after = text.slice(word.end, lineEnd).replace(/\r$/, '');
  if (lineStart > 0 && before.trim() === '' && /^[ \t]*[\\`][ \t]*$/.test(after)) return { start: lineStart, end: Math.min(text.length, lineEnd + 1) };
  if (lineStart > 0 && before.trim() === '' && after.trim() === '') {
    const previous = text.slice(0, lineStart).replace(/[ \t]*[\\`][ \t]*\r?\n$/, '');
    if (previous.length < lineStart) return { start: previous.length, end: word.end };
  }
  let end = word.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  if (end > word.end && end < text.length && text[end] !== '\n' && text[end] !== '\r') return { start: word.start, end };
  let start = word.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { start, end: word.end };
}

/** Removing a whole instruction line (its line break included). */
export function instructionRemovalSpan(lines: LineIndex, instruction: Instruction): Span {
  const range = instruction.getRange();
  const start = lines.lineStart(range.start.line);
  const end = range.end.line + 1 < lines.lineCount ? lines.lineStart(range.end.line + 1) : lines.lineEnd(range.end.line);
  return { start, end };
}

const TRAILING_METADATA = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'LABEL', 'HEALTHCHECK', 'STOPSIGNAL']);

/**
 * An edit adding `USER 10001:10001` to a stage after its last build step, before the trailing
 * CMD/ENTRYPOINT/EXPOSE/LABEL block (or at the end of the stage), so build steps still run as before.
 */
export function addUserEdit(stage: DockerfileStage, lines: LineIndex, user = '10001:10001'): { start: number; end: number; newText: string } {
  const eol = lines.text.includes('\r\n') ? '\r\n' : '\n';
  let index = stage.instructions.length;
  while (index > 0 && TRAILING_METADATA.has(stage.instructions[index - 1].getKeyword())) index--;
  const before = stage.instructions[index];
  if (before) {
    const start = lines.lineStart(before.getRange().start.line);
    return { start, end: start, newText: `USER ${user}${eol}` };
  }
  const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  const end = lines.spanOf(last.getRange()).end;
  return { start: end, end, newText: `${eol}USER ${user}` };
}

/** The span of a whole instruction (all its lines). */
export function instructionSpan(lines: LineIndex, instruction: Instruction): Span {
  return lines.spanOf(instruction.getRange());
}

/** An instruction's `--name=value` flags (`--chown`, `--from`, `--checksum` …), names lower-cased. */
export function instructionFlags(instruction: Instruction): Array<{ name: string; value: string }> {
  const flags = (instruction as Instruction & { getFlags?: () => Array<{ getName(): string; getValue(): string | null }> }).getFlags?.() ?? [];
  return flags.map((flag) => ({ name: flag.getName().toLowerCase(), value: flag.getValue() ?? '' }));
}

/** The sources of a COPY/ADD (every argument but the destination), exec or shell form, with spans. */
export function copySources(instruction: Instruction, lines: LineIndex): Array<{ value: string; span: Span }> {
  const strings = jsonStrings(instruction, lines);
  const args = strings.length > 0 ? strings : instruction.getArguments().map((argument) => ({ value: argument.getValue().replace(/^(["'])(.*)\1$/, '$2'), span: lines.spanOf(argument.getRange()) }));
  return args.slice(0, -1).map(({ value, span }) => ({ value, span }));
}
