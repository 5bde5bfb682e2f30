import { LineIndex } from '../../rules/engine/line-index';
import type { OutputSpan, SourceSet, TracedText } from '../../rules/models/helm/source-map';
import { displayPath } from './walk';

/**
 * `--show-origin`: each line of rendered text ends with `# from <what describe says>`, given the spans on
 * that line and the offset of its first non-blank character. Blank lines, comments and `---` are left bare.
 */
export function annotateLines(output: TracedText, describe: (line: OutputSpan[], first: number) => string): string {
  const { text, spans } = output;
  let out = '';
  let lineStart = 0;
  let cursor = 0;
  for (const line of text.split('\n')) {
    const first = lineStart + (line.length - line.trimStart().length);
    const lineEnd = lineStart + line.length;
    while (cursor < spans.length - 1 && spans[cursor].end <= first) cursor++;
    const onLine: OutputSpan[] = [];
    for (let index = cursor; index < spans.length && spans[index].start < Math.max(lineEnd, first + 1); index++) onLine.push(spans[index]);
    const annotate = line.trim() !== '' && onLine.length > 0 && !line.trimStart().startsWith('#') && line.trim() !== '---';
    out += `${line}${annotate ? ` # from ${describe(onLine, first)}` : ''}\n`;
    lineStart += line.length + 1;
  }
  return out.slice(0, -1);
}

/** `file:line` of an offset of a source file, the path shown relative to `cwd` (`?` when the file is not text). */
export function sourceLocator(sources: SourceSet, cwd: string): (file: string, offset: number) => string {
  const indexes = new Map<string, LineIndex>();
  return (file, offset) => {
    const text = sources.files.get(file);
    let line: number | undefined;
    if (typeof text === 'string') {
      let index = indexes.get(file);
      if (!index) indexes.set(file, (index = new LineIndex(text)));
      line = index.positionAt(offset).line + 1;
    }
    return `${displayPath(file, cwd)}:${line ?? '?'}`;
  };
}
