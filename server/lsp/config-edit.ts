import { parseDocument } from 'yaml';
import { isMap, isScalar, isSeq } from '../../rules/models/yaml-nodes';
import { LineIndex, type TextEdit } from '../../rules/engine';

/**
 * daemon.json cannot hold comments, so "disable for this file" adds an `overrides` entry to `.stridelint.yaml`:
 *   overrides:
 *     - files: ["path/daemon.json"]
 *       rules: { daemon/some-rule: off }
 * Returns the edit against the existing config text (or the whole text of a new config when `text` is
 * undefined); undefined when the config cannot be edited safely (it does not parse, or `overrides` is not a
 * block list).
 */
export function addOverrideEdit(text: string | undefined, relativePath: string, ruleId: string): TextEdit | undefined {
  const entry = (indent: string, eol: string) => [`${indent}- files: [${JSON.stringify(relativePath)}]`, `${indent}  rules: { ${ruleId}: off }`].join(eol);
  const start = { line: 0, character: 0 };
  if (text === undefined || text.trim() === '') {
    return { range: { start, end: new LineIndex(text ?? '').positionAt((text ?? '').length) }, newText: `overrides:\n${entry('  ', '\n')}\n` };
  }
  const lines = new LineIndex(text);
  const eol = lines.eol;
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0 || !isMap(document.contents)) return undefined;
  const pair = document.contents.items.find((item) => isScalar(item.key) && item.key.value === 'overrides');
  const end = lines.positionAt(text.length);
  if (!pair) {
    const separator = /[\r\n]$/.test(text) ? '' : eol;
    return { range: { start: end, end }, newText: `${separator}overrides:${eol}${entry('  ', eol)}${eol}` };
  }
  const list = pair.value;
  if (!isSeq(list) || list.flow || list.items.length === 0 || !list.range) return undefined;
  const indent = ' '.repeat(lines.positionAt(list.range[0]).character);
  // The list's value ends after its last item's content; insert a new item on the line after it.
  const lastLine = lines.positionAt(Math.max(list.range[0], list.range[1] - 1)).line;
  const at = lines.positionAt(lines.lineEnd(lastLine));
  return { range: { start: at, end: at }, newText: `${eol}${entry(indent, eol)}` };
}
