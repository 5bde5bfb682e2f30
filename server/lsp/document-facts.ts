import type { FactsOptions } from '../../rules/engine';
import { LineIndex } from '../../rules/engine/line-index';
import { parseModel } from '../../rules/engine/parse-model';
import type { FileFacts, KubernetesObjectFacts } from '../../rules/facts/file-facts';
import { fileFactsOf } from '../../rules/models/file-facts';
import { mapRanges, shiftRange } from './fact-ranges';
import { indexAtOrBefore } from './composite-lines';
import { YamlChunkers, chunkedKind, wholeStreamReason, type YamlChunk } from './yaml-chunks';

/** One document's objects, ranges counted from the document's first line; undefined when it does not parse cleanly. */
type DocumentObjects = KubernetesObjectFacts[] | undefined;

interface DocumentEntry {
  /** Objects per document text: the last call's, and earlier texts of its documents until they are as many (a keystroke changes one document). */
  objects: Map<string, KubernetesObjectFacts[]>;
  /** The last result and what it was built from, returned as the same object when nothing changed. */
  last?: { parts: Part[]; facts: FileFacts };
}

/** One document's objects and where the document starts; `placed`: the objects with file lines. */
interface Part {
  objects: KubernetesObjectFacts[];
  line: number;
  placed: KubernetesObjectFacts[];
}

/**
 * The workspace facts of open multi-document Kubernetes files, built document by document: a keystroke parses
 * only the document it changed, not the whole stream (a whole-file parse per keystroke was a third of the
 * server's time on a 2,000-line manifest). Equal to `factsOfFile` of the whole text (a property test checks
 * it); undefined where that cannot be promised (the chunking's whole-stream reasons, a document that does not
 * parse cleanly), and the caller computes the facts from the whole text.
 */
export class DocumentFactsCache {
  private readonly documents = new Map<string, DocumentEntry>();

  constructor(private readonly chunkers = new YamlChunkers()) {}

  /**
   * Undefined when the text is not a Kubernetes stream linted per document; else its facts, or no facts when a
   * document does not parse cleanly (the caller computes them from the whole text).
   */
  factsOf(key: string, rawText: string, path: string, options: FactsOptions): { facts?: FileFacts } | undefined {
    const stream = this.stream(key, rawText, path, options);
    if (!stream) return undefined;
    const { entry, chunks } = stream;
    const objects = entry.objects;
    const last = entry.last;
    const parts: Part[] = [];
    let same = last !== undefined && last.parts.length === chunks.length;
    for (let index = 0; index < chunks.length; index++) {
      const chunk = chunks[index];
      let own = objects.get(chunk.text);
      if (!own) {
        own = documentObjects(chunk.text, path);
        if (!own) {
          entry.last = undefined;
          return {};
        }
        objects.set(chunk.text, own);
      }
      // An edit that leaves a document's facts as they were (most keystrokes) keeps its objects: the result stays the same object.
      const before = last?.parts[index];
      if (before && before.objects !== own && JSON.stringify(before.objects) === JSON.stringify(own)) objects.set(chunk.text, (own = before.objects));
      const reused = before && before.objects === own && before.line === chunk.line;
      same &&= reused === true;
      parts.push(reused ? before : { objects: own, line: chunk.line, placed: chunk.line === 0 ? own : mapRanges(own, (range) => shiftRange(range, chunk.line)) });
    }
    // The objects of texts no longer in the file (an edited document's earlier texts) go once they are as many as
    // the documents, not at every keystroke (a new map of every document per keystroke, for a large manifest).
    if (objects.size > 2 * chunks.length + 8) entry.objects = new Map(chunks.map((chunk) => [chunk.text, objects.get(chunk.text) as KubernetesObjectFacts[]]));
    if (same && last) return { facts: last.facts };
    const facts: FileFacts = { kind: 'kubernetes', objects: parts.flatMap((part) => part.placed) };
    entry.last = { parts, facts };
    return { facts };
  }

  /** Whether the last text of this key was a Kubernetes stream linted per document (its facts are known here). */
  knows(key: string): boolean {
    return this.documents.has(key);
  }

  /**
   * Takes the facts of the whole text from a parse already made (the first lint of an open document), cut into
   * its documents' objects for the next keystroke, instead of parsing each document again. `clean`: that parse
   * reported no problem (else each document is parsed alone when next needed).
   */
  seed(key: string, rawText: string, path: string, options: FactsOptions, facts: FileFacts | undefined, clean: boolean): void {
    const stream = this.stream(key, rawText, path, options);
    if (!stream || !clean || facts?.kind !== 'kubernetes') return;
    const { chunks } = stream;
    const perChunk = chunks.map((): KubernetesObjectFacts[] => []);
    // Each document's objects as the file has them, too: the parts of the last result, so that the first keystroke
    // maps the objects of the document it changed, not those of every document again.
    const placed = chunks.map((): KubernetesObjectFacts[] => []);
    for (const object of facts.objects) {
      const index = indexAtOrBefore(chunks, object.range.start.line, (candidate) => candidate.line);
      if (index < 0) continue;
      perChunk[index].push(mapRanges(object, (range) => shiftRange(range, -chunks[index].line)));
      placed[index].push(object);
    }
    const objects = new Map<string, KubernetesObjectFacts[]>();
    chunks.forEach((chunk, index) => objects.has(chunk.text) || objects.set(chunk.text, perChunk[index]));
    // A repeated text's objects are its first occurrence's (as factsOf takes them): the parts use those.
    const parts = chunks.map((chunk, index) => ({ objects: objects.get(chunk.text) as KubernetesObjectFacts[], line: chunk.line, placed: placed[index] }));
    stream.entry.objects = objects;
    stream.entry.last = { parts, facts: { kind: 'kubernetes', objects: parts.flatMap((part) => part.placed) } };
  }

  /** The entry and documents of a Kubernetes stream linted per document; undefined (and forgotten) otherwise. */
  private stream(key: string, rawText: string, path: string, options: FactsOptions): { entry: DocumentEntry; chunks: YamlChunk[] } | undefined {
    const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
    const config = options.config;
    if (config && text.length > config.maxFileSize) return this.drop(key);
    const chunker = this.chunkers.of(key);
    if (chunkedKind(chunker, path, text, { languageId: options.languageId, kindGlobs: config?.files }) !== 'kubernetes') return this.drop(key);
    const chunks = chunker.split(text);
    if (chunks.some((chunk) => chunk.hasNul) || wholeStreamReason(chunks)) return this.drop(key);
    let entry = this.documents.get(key);
    if (!entry) {
      entry = { objects: new Map() };
      this.documents.set(key, entry);
    }
    return { entry, chunks };
  }

  forget(key: string): void {
    this.documents.delete(key);
  }

  private drop(key: string): undefined {
    this.documents.delete(key);
    return undefined;
  }
}

/** The objects of one document parsed alone, or undefined when the parser reports anything (its place may depend on what follows). */
function documentObjects(text: string, path: string): DocumentObjects {
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0; // as in lintFile: the YAML parser's error objects need no stacks
  try {
    const outcome = parseModel('kubernetes', text, path);
    if (outcome.problems.length > 0) return undefined;
    const facts = fileFactsOf('kubernetes', outcome.model, text, path, new LineIndex(text));
    return facts?.kind === 'kubernetes' ? facts.objects : undefined;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}
