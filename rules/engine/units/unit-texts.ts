import type { Document } from 'yaml';
import { readChartArchive } from '../../models/helm/chart/tar';
import type { OutputSpan, SourceLocation, SourceSet, TracedText } from '../../models/helm/source-map';
import { valuesYamlDocument } from '../../models/helm/chart/values-yaml';
import { kubernetesModelOf, parseKubernetesStream } from '../../models/kubernetes';
import type { YamlStream } from '../../models/yaml';
import { parseYamlDocument, parseYamlDocuments } from '../../models/yaml-cst';
import { parseModel, type ParseFile } from '../parse-model';
import { LineIndex } from '../line-index';
import type { Range, Span } from '../types';

/** A rendered template or build output with what mapping needs: its line index, its spans by offset, its YAML parsed once. */
export class RenderedText {
  readonly lines: LineIndex;
  private stream?: YamlStream;
  private data?: Map<Document.Parsed, unknown>;

  constructor(readonly traced: TracedText) {
    this.lines = new LineIndex(traced.text);
  }

  get text(): string {
    return this.traced.text;
  }

  /** The same text written through another source map (its line index and parsed YAML shared). */
  withSpans(traced: TracedText): RenderedText {
    if (traced === this.traced) return this;
    const copy = Object.create(RenderedText.prototype) as RenderedText;
    Object.assign(copy, this, { traced });
    return copy;
  }

  /** The span that wrote `offset` (the last span for the end of the text). */
  spanAt(offset: number): OutputSpan | undefined {
    const spans = this.traced.spans;
    let low = 0;
    let high = spans.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const span = spans[mid];
      if (offset < span.start) high = mid - 1;
      else if (offset >= span.end) low = mid + 1;
      else return span;
    }
    // Past the last span (a finding at the end of the text), or a zero-width span: the nearest one before.
    return spans[Math.min(Math.max(high, 0), spans.length - 1)];
  }

  /**
   * Where `span` of the rendered text was written: for copied text the same characters in the source file,
   * for an action's output (or text a printer wrote anew) the action or node itself (undefined when no span covers it).
   */
  sourceOf(span: Span): { output: OutputSpan; location: SourceLocation } | undefined {
    const output = this.spanAt(span.start);
    if (!output) return undefined;
    // Text printed afresh (a builder's punctuation and indentation, pointing at the whole node it belongs to) maps to that node.
    if (output.kind !== 'text' || output.end - output.start !== output.source.end - output.source.start) return { output, location: output.source };
    const start = output.source.start + Math.max(0, span.start - output.start);
    const end = output.source.start + Math.max(0, Math.min(span.end, output.end) - output.start);
    return { output, location: { file: output.source.file, start, end: Math.max(start, end) } };
  }

  /** The YAML documents of the rendered text, parsed as the Kubernetes model parses it (YAML 1.1, CRDs blanked). */
  get documents(): Document.Parsed[] {
    return this.yamlStream.documents;
  }

  private get yamlStream(): YamlStream {
    this.stream ??= parseKubernetesStream(this.text);
    return this.stream;
  }

  /**
   * How `lintFile` parses this text as Kubernetes: the model is built on the documents parsed here, so the
   * lint and the mapping of its findings share one parse. Any other text or kind is parsed as usual.
   */
  kubernetesParse(): ParseFile {
    return (kind, text, path) => (kind === 'kubernetes' && text === this.text ? parseModel(kind, text, path, () => kubernetesModelOf(this.yamlStream, text)) : parseModel(kind, text, path));
  }

  /** A document's data (`toJS`), built once: every fix mapped onto this document compares against it. */
  dataOf(document: Document.Parsed): unknown {
    this.data ??= new Map();
    if (!this.data.has(document)) this.data.set(document, document.toJS());
    return this.data.get(document);
  }

  /** The document holding `offset`. */
  documentAt(offset: number): Document.Parsed | undefined {
    return this.documents.find((document) => document.range[0] <= offset && offset <= document.range[2]);
  }
}

/** A unit's source files (a chart's, a kustomization's) as texts, with line indexes and parsed YAML made once per lint. */
export class SourceTexts {
  private readonly indexes = new Map<string, LineIndex>();
  private readonly values = new Map<string, Document.Parsed | undefined>();
  private readonly archives = new Map<string, Map<string, Uint8Array> | undefined>();
  private readonly archiveTexts = new Map<string, string | undefined>();
  private readonly streams = new Map<string, Document.Parsed[]>();

  constructor(readonly sources: SourceSet) {}

  /** A file's text; for an entry of a packed subchart (`x.tgz!/x/templates/y.yaml`), the entry's text. */
  text(file: string): string | undefined {
    const content = this.sources.files.get(file);
    if (typeof content === 'string') return content;
    if (content !== undefined || !file.includes('!/')) return undefined;
    if (!this.archiveTexts.has(file)) {
      const bytes = this.bytes(file);
      // As Helm's loader reads it (UTF-8, BOM removed), so that the renderer's offsets hold.
      this.archiveTexts.set(file, bytes && new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
    }
    return this.archiveTexts.get(file);
  }

  /** The bytes of a file or of an archive entry (archives read once per lint, and only when a finding is in one). */
  private bytes(path: string): Uint8Array | undefined {
    const data = this.sources.files.get(path);
    if (data instanceof Uint8Array) return data;
    const at = path.lastIndexOf('!/');
    if (at < 0) return undefined;
    const archive = path.slice(0, at);
    if (!this.archives.has(archive)) {
      const bytes = this.bytes(archive);
      let entries: Map<string, Uint8Array> | undefined;
      try {
        entries = bytes && new Map(readChartArchive(bytes).map((entry) => [entry.path, entry.data]));
      } catch {
        entries = undefined; // the loader has reported the broken archive
      }
      this.archives.set(archive, entries);
    }
    return this.archives.get(archive)?.get(path.slice(at + 2));
  }

  lines(file: string): LineIndex | undefined {
    let index = this.indexes.get(file);
    if (!index) {
      const text = this.text(file);
      if (text === undefined) return undefined;
      index = new LineIndex(text);
      this.indexes.set(file, index);
    }
    return index;
  }

  /** A location's range in its file (the start of the file when the file is not in the source set). */
  rangeOf(location: SourceLocation): Range {
    const lines = this.lines(location.file);
    if (!lines) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return lines.rangeOf({ start: location.start, end: Math.max(location.start, location.end) });
  }

  /** A single-document YAML file (a values file, a patch) parsed with node ranges (undefined when it is not valid YAML). */
  yamlDocument(file: string): Document.Parsed | undefined {
    if (!this.values.has(file)) {
      const text = this.text(file);
      // The renderer's parse of the same text (a file with a BOM is parsed apart: its offsets must stay true).
      const document = text === undefined ? undefined : text.startsWith('\uFEFF') ? parseYamlDocument(text, { prettyErrors: false, uniqueKeys: false, strict: false }) : valuesYamlDocument(text);
      this.values.set(file, document && document.errors.length === 0 ? document : undefined);
    }
    return this.values.get(file);
  }

  /** The document of a YAML stream (a manifest file of several resources, a patch file) holding `offset`. */
  yamlDocumentAt(file: string, offset: number): Document.Parsed | undefined {
    let documents = this.streams.get(file);
    if (!documents) {
      const text = this.text(file);
      const parsed = text === undefined ? [] : parseYamlDocuments(text, { prettyErrors: false, uniqueKeys: false, strict: false, version: '1.1' });
      documents = Array.isArray(parsed) ? (parsed as Document.Parsed[]) : [];
      this.streams.set(file, documents);
    }
    const document = documents.find((candidate) => candidate.range[0] <= offset && offset <= candidate.range[2]);
    return document && document.errors.length === 0 ? document : undefined;
  }
}
