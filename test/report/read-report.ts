/**
 * Reads a rendered report back into data, so tests can compare it with the findings it was made from.
 * Deliberately independent of the renderers' code: it only knows the documented markup.
 */
import { STRIDE_CATEGORIES, type Stride } from '../../rules/engine';

export interface ReadRow {
  section: Stride;
  ruleId: string;
  path: string;
  line: number;
  asset: string;
  severity: string;
  message: string;
}

export interface ReadCell {
  asset: string;
  stride: Stride;
  count: number;
  severity?: string;
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function attributes(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([a-z-]+)="([^"]*)"/g)].map(([, name, value]) => [name, unescape(value)]));
}

/** The STRIDE section each offset lies in (sections appear in order, each `<section id="<stride>"`). */
function sectionAt(html: string): (offset: number) => Stride | undefined {
  const starts = STRIDE_CATEGORIES.map((stride) => ({ stride, at: html.indexOf(`<section id="${stride}"`) }));
  const ends = starts.map(({ at }) => html.indexOf('</section>', at));
  return (offset) => starts.find(({ at }, index) => at >= 0 && offset > at && offset < ends[index])?.stride;
}

export function htmlRows(html: string): ReadRow[] {
  const section = sectionAt(html);
  return [...html.matchAll(/<tr class="finding"([^>]*)>(.*?)<\/tr>/g)].map((match) => {
    const data = attributes(match[1]);
    const cells = [...match[2].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1]);
    return {
      section: section(match.index!) as Stride,
      ruleId: data['data-rule'],
      path: data['data-path'],
      line: Number(data['data-line']),
      asset: data['data-asset'],
      severity: /class="badge (\w+)"/.exec(cells[0])?.[1] ?? '',
      message: unescape(cells[3].replace(/<\/?code>/g, '`')),
    };
  });
}

export function htmlCells(html: string): ReadCell[] {
  return [...html.matchAll(/<g class="cell"([^>]*)>/g)].map((match) => {
    const data = attributes(match[1]);
    return { asset: data['data-asset'], stride: data['data-stride'] as Stride, count: Number(data['data-count']), ...(data['data-severity'] ? { severity: data['data-severity'] } : {}) };
  });
}

export interface MarkdownRow {
  section: Stride;
  ruleId: string;
  severity: string;
  asset: string;
  path: string;
  line: number;
  message: string;
}

/** Splits a Markdown table row on unescaped pipes. */
export function tableCells(line: string): string[] {
  return line
    .replace(/^\|\s?/, '')
    .replace(/\s?\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

export function markdownRows(markdown: string): MarkdownRow[] {
  const rows: MarkdownRow[] = [];
  let section: Stride | undefined;
  let ruleId: string | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^## \w · (.+) \(\d+ findings?\)$/.exec(line);
    if (heading) {
      section = strideByLabel(heading[1]);
      ruleId = undefined;
      continue;
    }
    if (/^## /.test(line)) section = undefined;
    const rule = /^### .* \(`([^`]+)`\), \d+ findings?$/.exec(line);
    if (rule) ruleId = rule[1];
    if (!section || !ruleId || !line.startsWith('| ') || line.startsWith('| Severity') || line.startsWith('| ---')) continue;
    const [severity, asset, location, message] = tableCells(line);
    const where = /^`(.*):(\d+):(\d+)`$/.exec(location)!;
    rows.push({ section, ruleId, severity, asset: asset.replace(/^`|`$/g, ''), path: where[1], line: Number(where[2]), message });
  }
  return rows;
}

const LABELS: Record<string, Stride> = {
  Spoofing: 'spoofing',
  Tampering: 'tampering',
  Repudiation: 'repudiation',
  'Information disclosure': 'information-disclosure',
  'Denial of service': 'denial-of-service',
  'Elevation of privilege': 'elevation-of-privilege',
};

export function strideByLabel(label: string): Stride | undefined {
  return LABELS[label];
}

/** The heat map table: asset name → category label → cell text; plus the header. */
export function markdownMatrix(markdown: string): { header: string[]; rows: string[][] } {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith('| Asset | Kind |'));
  if (start < 0) return { header: [], rows: [] };
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(tableCells(lines[i]));
  return { header: tableCells(lines[start]), rows };
}
