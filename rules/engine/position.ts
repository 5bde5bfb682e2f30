/** Zero-based position; `character` counts UTF-16 code units, as LSP does. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
