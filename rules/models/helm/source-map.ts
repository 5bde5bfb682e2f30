/**
 * The source map a render writes while it writes text (never reconstructed afterwards by searching the
 * output): each span of a rendered file knows the template text or action that wrote it, the
 * `include`/`template` call chain, and, for a value read from a values file, that value's node.
 *
 * All paths are the adapters' paths (absolute, `/`-separated); all offsets are UTF-16 offsets into that
 * file's text, as everywhere in the engine.
 */

/** A range of a source file. */
export interface SourceLocation {
  file: string;
  start: number;
  end: number;
}

/** Where a value came from: its node in a values file (or `--set`), and its YAML path from the values root. */
export interface ValueOrigin extends SourceLocation {
  /** Keys and indexes from the root of that values file to the node, e.g. `['securityContext', 'runAsUser']`. */
  path: (string | number)[];
  /**
   * Set when the value is a map or list that the action serialised (`toYaml .Values.x`): a rendered node inside
   * this span maps to `path` + its own path below the span's top node.
   */
  collection?: boolean;
}

/** One span of rendered output. Spans of a file are sorted, do not overlap, and cover all of its text. */
export interface OutputSpan {
  /** Offsets into the rendered text. */
  start: number;
  end: number;
  /** `text`: literal template text copied from `source`; `action`: the output of the action at `source`. */
  kind: 'text' | 'action';
  source: SourceLocation;
  /** The `include`/`template` call sites that led to `source`, outermost first (empty in the file's own body). */
  callers: SourceLocation[];
  /** The values-file node the action printed, when there is one. */
  value?: ValueOrigin;
}

/** What a template writes: its text and the spans that cover it. */
export interface TracedText {
  text: string;
  spans: OutputSpan[];
}

/**
 * The files a unit reads, handed in by an adapter (CLI walk, language server): absolute `/`-separated path →
 * text (or bytes, for `.tgz` archives). The language server's version of an open file wins over the disk's.
 * Read-only: the engine never touches the file system.
 */
export interface SourceSet {
  readonly files: ReadonlyMap<string, string | Uint8Array>;
}
