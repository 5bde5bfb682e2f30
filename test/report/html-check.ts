/**
 * A small, strict well-formedness check for the report's HTML (not a general HTML parser): every non-void
 * element is closed in order, attributes are double-quoted, text has no raw `<`/`>` and every `&` starts an
 * entity, there is one `<html>`, no `<script>`, no inline event handler, and nothing refers to a remote
 * resource (`http(s)://` or `//` in `src`/`href`, `url(…)` or `@import` in CSS).
 * Returns the problems found; an empty list means the document passed.
 */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Elements whose content is raw text up to their closing tag. */
const RAW_TEXT = new Set(['style', 'title']);
const ENTITY = /&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#x[0-9a-fA-F]+);/y;
/** Sticky: they match at `lastIndex` only, so the checker never copies the rest of the document. */
const CLOSE = /<\/([a-zA-Z][a-zA-Z0-9-]*)\s*>/y;
const OPEN = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][a-zA-Z0-9_:.-]*(?:="[^"<>]*")?)*)\s*(\/?)>/y;

export interface HtmlProblem {
  offset: number;
  message: string;
}

export function checkHtml(html: string): HtmlProblem[] {
  const problems: HtmlProblem[] = [];
  const stack: Array<{ name: string; offset: number; svg: boolean }> = [];
  let htmlCount = 0;
  let i = 0;
  const lower = html.toLowerCase();
  if (!/^<!DOCTYPE html>\n/.test(html)) problems.push({ offset: 0, message: 'missing <!DOCTYPE html> on the first line' });
  else i = html.indexOf('\n') + 1;
  const checkText = (text: string, offset: number) => {
    for (let j = 0; j < text.length; j++) {
      if (text[j] === '>' || text[j] === '<') problems.push({ offset: offset + j, message: `raw "${text[j]}" in text` });
      ENTITY.lastIndex = j;
      if (text[j] === '&' && !ENTITY.test(text)) problems.push({ offset: offset + j, message: 'raw "&" in text' });
    }
  };
  while (i < html.length) {
    const next = html.indexOf('<', i);
    checkText(html.slice(i, next < 0 ? html.length : next), i);
    if (next < 0) break;
    if (html.startsWith('<!--', next)) {
      const end = html.indexOf('-->', next);
      if (end < 0) return [...problems, { offset: next, message: 'unterminated comment' }];
      i = end + 3;
      continue;
    }
    CLOSE.lastIndex = next;
    const close = CLOSE.exec(html);
    if (close) {
      const name = close[1].toLowerCase();
      const open = stack.pop();
      if (!open) problems.push({ offset: next, message: `</${name}> closes nothing` });
      else if (open.name !== name) problems.push({ offset: next, message: `</${name}> closes <${open.name}> opened at ${open.offset}` });
      i = next + close[0].length;
      continue;
    }
    OPEN.lastIndex = next;
    const tag = OPEN.exec(html);
    if (!tag) {
      problems.push({ offset: next, message: `malformed tag: ${JSON.stringify(html.slice(next, next + 40))}` });
      i = next + 1;
      continue;
    }
    const name = tag[1].toLowerCase();
    const inSvg = name === 'svg' || stack.some((open) => open.svg);
    checkAttributes(name, tag[2], next, problems);
    if (name === 'script') problems.push({ offset: next, message: '<script> is not allowed' });
    if (name === 'html') htmlCount++;
    i = next + tag[0].length;
    if (tag[3] === '/') {
      if (!inSvg && !VOID.has(name)) problems.push({ offset: next, message: `<${name}/> self-closes outside SVG` });
      continue;
    }
    if (VOID.has(name)) continue;
    if (RAW_TEXT.has(name) && !inSvg) {
      const end = lower.indexOf(`</${name}>`, i);
      if (end < 0) return [...problems, { offset: next, message: `<${name}> is never closed` }];
      const content = html.slice(i, end);
      if (name === 'style' && /url\s*\(|@import/i.test(content)) problems.push({ offset: i, message: 'CSS loads a resource (url() or @import)' });
      if (name === 'title') checkText(content, i);
      i = end + name.length + 3;
      continue;
    }
    stack.push({ name, offset: next, svg: name === 'svg' || inSvg });
  }
  for (const open of stack) problems.push({ offset: open.offset, message: `<${open.name}> is never closed` });
  if (htmlCount !== 1) problems.push({ offset: 0, message: `${htmlCount} <html> elements, expected one` });
  return problems;
}

function checkAttributes(tag: string, text: string, offset: number, problems: HtmlProblem[]): void {
  const seen = new Set<string>();
  for (const match of text.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:.-]*)(?:="([^"]*)")?/g)) {
    const [, rawName, value = ''] = match;
    const name = rawName.toLowerCase();
    if (seen.has(name)) problems.push({ offset, message: `<${tag}> repeats the attribute ${name}` });
    seen.add(name);
    if (name.startsWith('on')) problems.push({ offset, message: `<${tag}> has an event handler (${name})` });
    if ((name === 'src' || name === 'href' || name === 'xlink:href' || name === 'srcset' || name === 'action') && /^\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(value)) {
      problems.push({ offset, message: `<${tag} ${name}="${value}"> refers to a remote resource` });
    }
    if (name === 'style' && /url\s*\(/i.test(value)) problems.push({ offset, message: `<${tag}> style loads a resource` });
    if (/&(?![a-zA-Z][a-zA-Z0-9]*;|#[0-9]+;|#x[0-9a-fA-F]+;)/.test(value)) problems.push({ offset, message: `<${tag} ${name}> has a raw "&"` });
  }
}
