import { detectKind, lintFile, type FileFacts, type Finding, type Position, type Range } from '../../rules/engine';
import { INTERNAL_ERROR, NOT_ANALYSED, PARSE_ERROR } from '../../rules/engine/builtin-rules';
import type { ComposeFacts } from '../../rules/facts/file-facts';
import { composeLayout, type ComposePart } from './compose-layout';
import { indexAtOrBefore } from './composite-lines';
import type { ChunkLintOptions } from './document-lint-cache';
import { mapRanges, shiftRange } from './fact-ranges';
import { placeFinding, shiftFinding } from './finding-places';

/** Findings (and facts) of one part, in file lines when the part started at `line`. */
interface CachedPart {
  findings: Finding[];
  line: number;
  builds: ComposeFacts['builds'];
  envFiles: ComposeFacts['envFiles'];
  /** A finding points outside the service (its Dockerfile): that place may move without the service's text changing. */
  crossing: boolean;
}

interface FileEntry {
  /** What the findings were computed under (config, settings, rules, language id, facts generation). */
  identity: readonly unknown[];
  /** The head and tail texts: a change there (a named volume, an anchor, `name:`) lints the whole file. */
  context: string;
  head: CachedPart;
  tail: CachedPart;
  services: Map<string, CachedPart>;
  /** The facts last returned, returned again while equal (the index then skips them). */
  facts?: ComposeFacts;
}

/** A part as placed in a composite text. */
interface Placed {
  part: ComposePart;
  compositeLine: number;
}

const BROKEN = new Set([PARSE_ERROR.id, INTERNAL_ERROR.id, NOT_ANALYSED.id]);

/**
 * Per-service findings of open compose files: an edit inside one service re-lints that service alone, as a
 * composite of the file's head, that service and the tail (the top-level `networks`, `volumes`, `x-` keys its
 * values may read), and keeps every other service's findings. What a service reads of another service
 * (anchors, `extends`) or what spans parts (suppressions, multi-line values) is found by composeLayout, which
 * then declines, and the file is linted whole. Seeded from a whole-file lint (the open, or any lint the cache
 * declined); a change of the head or tail, or of what the composite reports there, is linted whole too.
 */
export class ComposeServiceCache {
  private readonly files = new Map<string, FileEntry>();

  /** After a whole-file lint of an open compose file: its findings and facts cut per service for the next edit. */
  seed(key: string, rawText: string, path: string, findings: readonly Finding[], facts: FileFacts | undefined, identity: readonly unknown[]): void {
    const layout = composeLayout(stripBom(rawText));
    if (!layout || findings.some((finding) => BROKEN.has(finding.ruleId)) || (facts && facts.kind !== 'compose')) return this.forget(key);
    const parts = [layout.head, ...layout.services, layout.tail];
    const placed = parts.map((part) => ({ part, compositeLine: part.line }));
    const found = distribute(placed, findings, (facts as ComposeFacts | undefined) ?? { kind: 'compose', builds: [], envFiles: [] }, path);
    if (!onlyServicesHoldFacts(found)) return this.forget(key);
    const services = new Map<string, CachedPart>();
    serviceKeys(layout.services).forEach((serviceKey, index) => services.set(serviceKey, found[index + 1]));
    this.files.set(key, { identity, context: contextOf(layout.head, layout.tail), head: found[0], tail: found[parts.length - 1], services, facts: facts as ComposeFacts | undefined });
  }

  /**
   * The findings and facts of an open compose file after an edit, linting only the services whose text changed;
   * undefined when the file must be linted whole (not seeded, settings changed, the layout declines, the head or
   * tail changed, the composite does not parse).
   */
  lint(key: string, rawText: string, path: string, options: ChunkLintOptions, identity: readonly unknown[]): { findings: Finding[]; facts: ComposeFacts } | undefined {
    const entry = this.files.get(key);
    if (!entry) return undefined;
    const text = stripBom(rawText);
    // A YAML file is compose by its content (top-level `services:`, no `apiVersion:`): an edit may change that.
    const compose = text.length <= options.config.maxFileSize && detectKind(path, text, { languageId: options.languageId, kindGlobs: options.config.files, relativePath: path }) === 'compose';
    const layout = compose ? composeLayout(text) : undefined;
    if (!layout || !sameIdentity(entry.identity, identity) || entry.context !== contextOf(layout.head, layout.tail)) return this.drop(key);
    const keys = serviceKeys(layout.services);
    const dirty = layout.services.filter((service, index) => {
      const cached = entry.services.get(keys[index]);
      return cached === undefined || cached.crossing;
    });
    const fresh = new Map<ComposePart, CachedPart>();
    if (dirty.length > 0) {
      const relinted = this.relint(entry, layout.head, dirty, layout.tail, path, options);
      if (!relinted) return this.drop(key);
      dirty.forEach((service, index) => fresh.set(service, relinted[index]));
    }
    const services = new Map<string, CachedPart>();
    const findings: Finding[] = [...entry.head.findings];
    const builds: ComposeFacts['builds'] = [];
    const envFiles: ComposeFacts['envFiles'] = [];
    layout.services.forEach((service, index) => {
      const part = fresh.get(service) ?? moved(entry.services.get(keys[index]) as CachedPart, service.line, path);
      services.set(keys[index], part);
      findings.push(...part.findings);
      builds.push(...part.builds);
      envFiles.push(...part.envFiles);
    });
    entry.tail = moved(entry.tail, layout.tail.line, path);
    findings.push(...entry.tail.findings);
    entry.services = services;
    const facts: ComposeFacts = { kind: 'compose', builds, envFiles };
    if (!entry.facts || JSON.stringify(entry.facts) !== JSON.stringify(facts)) entry.facts = facts;
    return { findings, facts: entry.facts };
  }

  /** Whether the last lint of this key left it seeded (an edit may then be linted per service). */
  knows(key: string): boolean {
    return this.files.has(key);
  }

  forget(key: string): void {
    this.files.delete(key);
  }

  private drop(key: string): undefined {
    this.files.delete(key);
    return undefined;
  }

  /**
   * Lints head + the dirty services + tail as one text; each dirty service's part, or undefined when the
   * composite does not stand for the file (it does not parse, a rule failed, its head or tail findings differ).
   */
  private relint(entry: FileEntry, head: ComposePart, dirty: readonly ComposePart[], tail: ComposePart, path: string, options: ChunkLintOptions): CachedPart[] | undefined {
    const placed: Placed[] = [];
    let compositeLine = 0;
    for (const part of [head, ...dirty, tail]) {
      placed.push({ part, compositeLine });
      compositeLine += part.lineBreaks;
    }
    const result = lintFile(placed.map(({ part }) => part.text).join(''), path, { ...options, kind: 'compose', facts: true });
    if (result.skipped || result.findings.some((finding) => BROKEN.has(finding.ruleId)) || (result.facts && result.facts.kind !== 'compose')) return undefined;
    const found = distribute(placed, result.findings, (result.facts as ComposeFacts | undefined) ?? { kind: 'compose', builds: [], envFiles: [] }, path);
    if (!onlyServicesHoldFacts(found)) return undefined;
    // What the composite reports in the head and tail must be what the file did: nothing there reads a service.
    entry.tail = moved(entry.tail, tail.line, path);
    if (!sameFindings(found[0].findings, entry.head.findings) || !sameFindings(found[found.length - 1].findings, entry.tail.findings)) return undefined;
    return found.slice(1, -1);
  }
}

/**
 * Each placed part's findings and facts, in file lines: a finding goes to the part its range starts in; an
 * end (or an empty range) at the first column of a part's first line is the end of the part before (where a
 * fix appends to a service).
 */
function distribute(placed: readonly Placed[], findings: readonly Finding[], facts: ComposeFacts, path: string): CachedPart[] {
  const parts: CachedPart[] = placed.map(({ part }) => ({ findings: [], line: part.line, builds: [], envFiles: [], crossing: false }));
  const ownerOf = (position: Position, isEnd: boolean) => {
    const index = Math.max(0, indexAtOrBefore(placed, position.line, (item) => item.compositeLine));
    return isEnd && index > 0 && position.character === 0 && position.line === placed[index].compositeLine ? index - 1 : index;
  };
  const toFile = (position: Position, isEnd: boolean): Position => {
    const { part, compositeLine } = placed[ownerOf(position, isEnd)];
    return { line: position.line + part.line - compositeLine, character: position.character };
  };
  const inFile = (range: Range): Range => {
    const empty = range.start.line === range.end.line && range.start.character === range.end.character;
    return { start: toFile(range.start, empty), end: toFile(range.end, true) };
  };
  for (const finding of findings) {
    const empty = finding.range.start.line === finding.range.end.line && finding.range.start.character === finding.range.end.character;
    const owner = parts[ownerOf(finding.range.start, empty)];
    const place = placeFinding(finding, inFile(finding.range), inFile, path);
    owner.findings.push(place);
    const last = owner.line + placed[parts.indexOf(owner)].part.lineBreaks;
    owner.crossing ||= place.related?.some((entry) => entry.path !== path || entry.range.start.line < owner.line || entry.range.end.line > last) ?? false;
  }
  for (const build of facts.builds) parts[ownerOf(build.range.start, false)].builds.push(mapRanges(build, inFile));
  for (const envFile of facts.envFiles) parts[ownerOf(envFile.range.start, false)].envFiles.push(mapRanges(envFile, inFile));
  return parts;
}

/** A cached part where its part now starts: the same objects when it did not move. */
function moved(cached: CachedPart, line: number, path: string): CachedPart {
  if (cached.line === line) return cached;
  const lines = line - cached.line;
  const shift = (range: Range) => shiftRange(range, lines);
  return {
    findings: cached.findings.map((finding) => shiftFinding(finding, lines, path)),
    line,
    builds: cached.builds.map((build) => mapRanges(build, shift)),
    envFiles: cached.envFiles.map((envFile) => mapRanges(envFile, shift)),
    crossing: cached.crossing,
  };
}

/** Each service's cache key: its text (unique: composeLayout declines a file with a service name twice). */
function serviceKeys(services: readonly ComposePart[]): string[] {
  return services.map(({ text }) => text);
}

/** Facts are the services' (builds, env files): the assembled facts of a file leave the head and tail out. */
function onlyServicesHoldFacts(parts: readonly CachedPart[]): boolean {
  const outside = [parts[0], parts[parts.length - 1]];
  return outside.every((part) => part.builds.length === 0 && part.envFiles.length === 0);
}

function contextOf(head: ComposePart, tail: ComposePart): string {
  return `${head.text}\u0000${tail.text}`;
}

function sameIdentity(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
