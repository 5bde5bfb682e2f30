import { parseAllDocuments, parseDocument, type Document } from 'yaml';
import { readChartArchive } from '../../models/helm/chart/tar';
import type { OutputSpan, SourceLocation, SourceSet, TracedText } from '../../models/helm/source-map';
import { valuesYamlDocument } from '../../models/helm/chart/values-yaml';
import { blankUncheckedDocuments } from '../../models/kubernetes';
import { LineIndex } from '../line-index';
import type { Range } from '../types';

/** A rendered template with what mapping needs: its line index, its spans by offset, its YAML parsed once. */
export class RenderedText {
  readonly lines: LineIndex;
  private parsed?: Document.Parsed[];
  private data?: Map<Document.Parsed, unknown>;

  constructor(readonly traced: TracedText) {
    this.lines = new LineIndex(traced.text);
  }

  get text(): string {
    return this.traced.text;
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

  /** The YAML documents of the rendered text (Kubernetes reads YAML 1.1). */
  get documents(): Document.Parsed[] {
    // CRDs become same-length comments first, as the Kubernetes model does: no rule reads them, offsets stay true.
    this.parsed ??= parseAllDocuments(blankUncheckedDocuments(this.text), { prettyErrors: false, uniqueKeys: false, strict: false, version: '1.1' }) as Document.Parsed[];
    return Array.isArray(this.parsed) ? this.parsed : [];
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

/** The chart's source files as texts, with line indexes and parsed values files made once per lint. */
export class ChartTexts {
  private readonly indexes = new Map<string, LineIndex>();
  private readonly values = new Map<string, Document.Parsed | undefined>();
  private readonly archives = new Map<string, Map<string, Uint8Array> | undefined>();
  private readonly archiveTexts = new Map<string, string | undefined>();

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

  /** A values file parsed with node ranges (undefined when it is not YAML text). */
  valuesDocument(file: string): Document.Parsed | undefined {
    if (!this.values.has(file)) {
      const text = this.text(file);
      // The renderer's parse of the same text (a file with a BOM is parsed apart: its offsets must stay true).
      const document = text === undefined ? undefined : text.startsWith('\uFEFF') ? (parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: false }) as Document.Parsed) : valuesYamlDocument(text);
      this.values.set(file, document && document.errors.length === 0 ? document : undefined);
    }
    return this.values.get(file);
  }
}
