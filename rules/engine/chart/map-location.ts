import type { OutputSpan, SourceLocation } from '../../models/helm/source-map';
import type { RelatedLocation, Span } from '../types';
import type { SourceTexts, RenderedText } from '../units/unit-texts';
import { followPath, formatPath, nodeChainAt, type YamlPath } from '../units/yaml-paths';

/** A node of a values file that fed the rendered text, with its path from that file's root. */
export interface ValueTarget extends SourceLocation {
  path: YamlPath;
}

/** Where a span of rendered text was written, and the chain that explains it. */
export interface MappedLocation {
  /** In the template (the outermost `include` call site when the text came from a helper). */
  primary: SourceLocation;
  related: RelatedLocation[];
  /** The values-file node the text came from, when it came from one. */
  value?: ValueTarget;
}

/** The top node of a serialised collection (`toYaml .Values.x`) among the nodes that lead to `offset`. */
export function collectionPath(rendered: RenderedText, span: OutputSpan, offset: number): { below: YamlPath; topIndex: number } | undefined {
  const document = rendered.documentAt(offset);
  const chain = nodeChainAt(document?.contents as never, offset);
  const topIndex = chain.findIndex((step) => (step.node.range?.[0] ?? -1) >= span.start);
  if (topIndex < 0) return undefined;
  return { below: chain.slice(topIndex + 1).map((step) => step.key as string | number), topIndex };
}

/**
 * The values node a rendered offset came from. For a serialised collection the path descends below the
 * collection's top node to the exact key when the values file has it (else the deepest key it has).
 */
export function valueTargetAt(rendered: RenderedText, texts: SourceTexts, span: OutputSpan, offset: number): ValueTarget | undefined {
  const origin = span.value;
  if (!origin) return undefined;
  if (!origin.collection) return { file: origin.file, start: origin.start, end: origin.end, path: origin.path };
  const below = collectionPath(rendered, span, offset)?.below ?? [];
  const document = texts.yamlDocument(origin.file);
  if (!document || below.length === 0) return { file: origin.file, start: origin.start, end: origin.end, path: origin.path };
  const found = followPath(document.contents as never, [...origin.path, ...below]);
  const last = found[found.length - 1];
  const node = last.keyNode ?? last.node;
  if (found.length - 1 < origin.path.length || !node.range) return { file: origin.file, start: origin.start, end: origin.end, path: origin.path };
  return { file: origin.file, start: node.range[0], end: node.range[1], path: found.slice(1).map((step) => step.key as string | number) };
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The related-information entry for a values node. */
export function valueRelated(texts: SourceTexts, target: ValueTarget, verb = 'The value comes from'): RelatedLocation {
  return { path: target.file, range: texts.rangeOf(target), message: `${verb} \`${formatPath(target.path) || '(root)'}\` in ${fileName(target.file)}.` };
}

/** Maps a span of the rendered text back onto the template (and the helper, and the values file). */
export function mapRenderedSpan(rendered: RenderedText, texts: SourceTexts, templateFile: string, span: Span): MappedLocation {
  const source = rendered.sourceOf(span);
  if (!source) return { primary: { file: templateFile, start: 0, end: 0 }, related: [] };
  const output = source.output;
  let primary = source.location;
  const related: RelatedLocation[] = [];
  if (output.callers.length > 0) {
    related.push({ path: primary.file, range: texts.rangeOf(primary), message: 'Written by this helper template, which the marked line includes.' });
    primary = output.callers[0];
  }
  const value = valueTargetAt(rendered, texts, output, span.start);
  if (value) related.push(valueRelated(texts, value));
  return { primary, related, ...(value ? { value } : {}) };
}
