/**
 * A compose file cut into the entries of its `services:` mapping and the rest (the head before the first entry,
 * the tail after the last), as text, for linting one service at a time. Each part starts at a line start, so a
 * finding's column is the same in a composite of parts as in the file and only its line moves.
 */
export interface ComposePart {
  text: string;
  /** Zero-based line of the file where the part starts. */
  line: number;
  lineBreaks: number;
}

export interface ComposeLayout {
  /** Everything before the first service entry: the top-level keys above `services:` and that line. */
  head: ComposePart;
  /** One part per service: its key line, its body, and the comment lines above it. */
  services: ComposePart[];
  /** Everything after the last service: the top-level keys below (`networks:`, `volumes:`, `x-…`). */
  tail: ComposePart;
}

/**
 * What makes one service's findings depend on another's text, or on text outside its lines: anchors defined in
 * a service (aliases elsewhere read them), `extends` (reads the other service), suppression comments and other
 * tools' pragmas (a next-line or file-wide scope may cross parts), line separators the YAML parser breaks
 * lines at, directives and document markers.
 */
const SERVICE_CROSSING = /(?:^|[\s[{,])&[^\s[\]{},]|\bextends\b/;
const FILE_CROSSING = /\u0000|stridelint-disable|checkov|kics-scan|trivy:ignore|hadolint|\u2028|\u2029|\r(?!\n)|^%|^---|^\.\.\./m;
const ALIAS = /(?:^|[\s[{,:])\*([^\s[\]{},]+)/g;
const ANCHOR = /(?:^[ \t]*|:[ \t]+|-[ \t]+)&([^\s[\]{},]+)/gm;
/**
 * The YAML library stops expanding aliases (the schema check) past 200 expansions of one anchor, counted with
 * the aliases inside it: a file with more alias uses than this cannot promise that a composite of some of its
 * services expands (or refuses) as the whole file does. With at most 14 uses, no product of counts reaches 200.
 */
const MAX_ALIASES = 14;
/** 2 × 60,000 nodes + 14 aliases × 2 × 4,000 stays under the alias-bomb limit (MAX_ALIAS_EXPANSION, 250,000). */
const MAX_ALIASED_TEXT = 60_000;
const MAX_ALIASED_HEAD = 4_000;
const ALIAS_IN = /(?:^|[\s[{,:])\*[^\s[\]{},]/;
const SERVICES_KEY = /^services[ \t]*:[ \t]*(?:#.*)?\r?\n$/;
const ENTRY_KEY = /^( +)([A-Za-z0-9_][A-Za-z0-9_.-]*)[ \t]*:(?:[ \t]|\r?\n|$)/;
const BLANK_OR_COMMENT = /^[ \t]*(?:#.*)?(?:\r?\n)?$/;

/** The layout of a compose file's text, or undefined when its services cannot be linted one at a time. */
export function composeLayout(text: string): ComposeLayout | undefined {
  if (FILE_CROSSING.test(text)) return undefined;
  if ((text.match(ALIAS)?.length ?? 0) > MAX_ALIASES) return undefined;
  const lines = text.split(/(?<=\n)/);
  const servicesLine = lines.findIndex((line) => SERVICES_KEY.test(line));
  if (servicesLine < 0) return undefined;
  // The block ends at the next top-level content line; comments and blank lines before it go with the tail.
  let end = servicesLine + 1;
  while (end < lines.length && !isTopLevelContent(lines[end])) end++;
  if (lines.slice(end).some((line) => SERVICES_KEY.test(line) || /^services[ \t]*:/.test(line))) return undefined; // a duplicate key
  let lastContent = end - 1;
  while (lastContent > servicesLine && BLANK_OR_COMMENT.test(lines[lastContent])) lastContent--;
  const starts: number[] = [];
  const names = new Set<string>();
  let indent: string | undefined;
  let pendingFrom = servicesLine + 1; // the first comment or blank line above the next entry
  for (let index = servicesLine + 1; index <= lastContent; index++) {
    const line = lines[index];
    if (BLANK_OR_COMMENT.test(line)) continue;
    const leading = /^[ \t]*/.exec(line)![0];
    indent ??= leading;
    if (leading.includes('\t') || leading.length < indent.length) return undefined;
    if (leading.length === indent.length) {
      const key = ENTRY_KEY.exec(line);
      if (!key || key[1] !== indent || names.has(key[2])) return undefined; // `<<`, a quoted or duplicate name, a list
      names.add(key[2]);
      starts.push(pendingFrom);
    }
    pendingFrom = index + 1;
  }
  if (starts.length === 0) return undefined;
  const services = starts.map((start, i) => lines.slice(start, i + 1 < starts.length ? starts[i + 1] : lastContent + 1).join(''));
  if (services.some((service) => SERVICE_CROSSING.test(service) || !isClosed(service))) return undefined;
  const head = part(lines.slice(0, starts[0]).join(''), 0);
  const tailText = lines.slice(lastContent + 1).join('');
  if (!aliasesStayLocal(text.length, head.text, services, tailText)) return undefined;
  let line = head.lineBreaks;
  const parts = services.map((service) => {
    const made = part(service, line);
    line += made.lineBreaks;
    return made;
  });
  return { head, services: parts, tail: part(tailText, line) };
}

/**
 * Whether linting some services with the head and tail expands aliases as the whole file does. An alias the
 * parser cannot resolve makes the schema check of the whole file give up (every service's). The alias-bomb
 * check counts the nodes of the whole file with what its aliases expand to: with no alias outside the
 * services, each expands to at most the head's nodes (≤ 2 per character), and the file stays under the
 * check's limit whatever part of it is linted.
 */
function aliasesStayLocal(length: number, head: string, services: readonly string[], tail: string): boolean {
  const aliases = services.flatMap((service) => [...service.matchAll(ALIAS)].map((match) => match[1]));
  if (aliases.length === 0 && !ALIAS_IN.test(head) && !ALIAS_IN.test(tail)) return true;
  const anchors = new Set([...head.matchAll(ANCHOR)].map((match) => match[1]));
  return aliases.every((alias) => anchors.has(alias)) && length <= MAX_ALIASED_TEXT && head.length <= MAX_ALIASED_HEAD && !ALIAS_IN.test(head) && !ALIAS_IN.test(tail);
}

/**
 * Whether every quoted scalar and flow collection opened in a service's text closes in it: one that runs on
 * past its last line would make the next service's key line part of its value. A quote opens a scalar only
 * where a value starts (a `'` inside a plain word is a letter); `#` after a blank starts a comment.
 */
function isClosed(text: string): boolean {
  let quote = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote === '"') {
      if (char === '\\') i++;
      else if (char === '"') quote = '';
    } else if (quote === "'") {
      if (char === "'") quote = '';
    } else if (char === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if ((char === '"' || char === "'") && (i === 0 || /[\s:[{,-]/.test(text[i - 1]))) quote = char;
    else if (char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') depth--;
  }
  return quote === '' && depth === 0;
}

function isTopLevelContent(line: string): boolean {
  return line.length > 0 && line[0] !== ' ' && line[0] !== '\t' && line[0] !== '#' && line[0] !== '\n' && line[0] !== '\r';
}

function part(text: string, line: number): ComposePart {
  let lineBreaks = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineBreaks++;
  return { text, line, lineBreaks };
}
