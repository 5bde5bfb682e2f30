import type { SourceLocation } from '../helm/source-map';

/**
 * Maps offsets in the text of a YAML literal block scalar (`patch: |` in a kustomization) back to offsets in
 * the file: each content line is its source line without the block's indentation. Undefined when the
 * scalar is not a literal block whose text it can map exactly (plain, quoted or folded scalars).
 */
export function literalBlockMap(fileText: string, scalar: SourceLocation, content: string): ((offset: number) => number) | undefined {
  const source = fileText.slice(scalar.start, scalar.end);
  const header = /^\|[-+]?[0-9]?[ \t]*(#[^\n]*)?\r?\n/.exec(source);
  if (!header) return undefined;
  const lines = content.split('\n');
  const starts: number[] = [];
  let position = scalar.start + header[0].length;
  let indent: number | undefined;
  for (const line of lines) {
    const lineEnd = fileText.indexOf('\n', position);
    const sourceLine = fileText.slice(position, lineEnd < 0 ? fileText.length : lineEnd).replace(/\r$/, '');
    if (line === '' && sourceLine.trim() === '') {
      starts.push(position);
    } else {
      indent ??= sourceLine.length - sourceLine.trimStart().length;
      if (sourceLine.slice(indent) !== line) return undefined;
      starts.push(position + indent);
    }
    if (lineEnd < 0) break;
    position = lineEnd + 1;
  }
  const lineOffsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineOffsets.push(offset);
    offset += line.length + 1;
  }
  return (contentOffset: number) => {
    let line = lineOffsets.length - 1;
    while (line > 0 && lineOffsets[line] > contentOffset) line--;
    return (starts[line] ?? scalar.start) + (contentOffset - lineOffsets[line]);
  };
}
