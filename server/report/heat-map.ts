import { STRIDE_CATEGORIES, STRIDE_LABELS, type Stride } from '../../rules/engine';
import { assetDescription } from './assets';
import { SEVERITY_ORDER, plural, type MatrixRow, type ThreatModel } from './model';
import { escapeHtml } from './text';

/** Styles of the heat map's SVG classes (part of the report's one stylesheet). */
export const HEAT_MAP_CSS = `
.heat{display:block;max-width:100%;height:auto;font-family:inherit}
.heat .sev-error{fill:var(--error)}.heat .sev-warning{fill:var(--warning)}.heat .sev-info{fill:var(--info)}.heat .empty{fill:#eef1f5}
.heat .num{font-size:15px;font-weight:700;fill:#fff}.heat .num.sev-warning-text{fill:#1d2330}.heat .num.zero{fill:#aab3bf;font-weight:400}
.heat .head{font-size:12px;font-weight:600;fill:#37414f}.heat .name{font-size:13px;font-weight:600;fill:#1d2330}.heat .sub{font-size:11px;fill:#6b7685}
.heat .total{font-size:13px;font-weight:700;fill:#1d2330}.heat .rule{stroke:#dfe3ea}
.heat a:hover rect{stroke:#17202e;stroke-width:2}`;

const CELL_W = 112;
const CELL_H = 42;
const GAP = 4;
const HEAD_H = 48;
const TOTAL_W = 70;
/** Average glyph widths of the 13px bold name and the 11px subtitle, for sizing the label column. */
const NAME_CHAR_W = 7.8;
const SUB_CHAR_W = 6.2;

/**
 * The asset × STRIDE matrix as inline SVG: one row per asset with findings, one column per category; a cell
 * shows the count, filled by its highest severity, and links to the category's section. Totals close the
 * rows and columns. Every cell carries `data-asset`, `data-stride`, `data-count` (and `data-severity`).
 */
export function renderHeatMap(model: ThreatModel): string {
  const rows = model.matrix;
  if (rows.length === 0) return '<p class="none" id="heat-map">No findings, so no asset is exposed in any category.</p>';
  const widest = Math.max(...rows.map((row) => Math.max(row.asset.name.length * NAME_CHAR_W, subtitle(row).length * SUB_CHAR_W)));
  const labelW = Math.round(Math.min(400, Math.max(200, widest + 24)));
  const nameChars = Math.floor((labelW - 24) / NAME_CHAR_W);
  const subChars = Math.floor((labelW - 24) / SUB_CHAR_W);
  const width = labelW + STRIDE_CATEGORIES.length * (CELL_W + GAP) + TOTAL_W;
  const bodyTop = HEAD_H;
  const totalsTop = bodyTop + rows.length * (CELL_H + GAP) + 6;
  const legendTop = totalsTop + 36;
  const height = legendTop + 28;
  const column = (index: number) => labelW + index * (CELL_W + GAP);
  const out: string[] = [];
  out.push(`<svg class="heat" id="heat-map" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Assets by STRIDE category heat map">`);
  STRIDE_CATEGORIES.forEach((stride, index) => {
    const lines = twoLines(STRIDE_LABELS[stride]);
    const x = column(index) + CELL_W / 2;
    const first = lines.length === 1 ? HEAD_H - 16 : HEAD_H - 30;
    out.push(`<a href="#${stride}"><text class="head" text-anchor="middle" x="${x}" y="${first}">${lines.map((line, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : 15}">${escapeHtml(line)}</tspan>`).join('')}</text></a>`);
  });
  out.push(`<text class="head" text-anchor="middle" x="${column(STRIDE_CATEGORIES.length) + TOTAL_W / 2}" y="${HEAD_H - 16}">Total</text>`);
  rows.forEach((row, rowIndex) => {
    const y = bodyTop + rowIndex * (CELL_H + GAP);
    out.push(`<text class="name" x="0" y="${y + 17}">${escapeHtml(truncate(row.asset.name, nameChars))}<title>${escapeHtml(row.asset.name)}</title></text>`);
    out.push(`<text class="sub" x="0" y="${y + 33}">${escapeHtml(truncate(subtitle(row), subChars))}</text>`);
    STRIDE_CATEGORIES.forEach((stride, index) => out.push(cell(row, stride, column(index), y)));
    out.push(`<text class="total" text-anchor="middle" x="${column(STRIDE_CATEGORIES.length) + TOTAL_W / 2}" y="${y + CELL_H / 2 + 5}">${row.total}</text>`);
  });
  out.push(`<line class="rule" x1="0" x2="${width}" y1="${totalsTop - 4}" y2="${totalsTop - 4}"/>`);
  out.push(`<text class="name" x="0" y="${totalsTop + 18}">All assets</text>`);
  STRIDE_CATEGORIES.forEach((stride, index) => {
    const sum = rows.reduce((total, row) => total + row.cells[stride].count, 0);
    out.push(`<text class="total" text-anchor="middle" x="${column(index) + CELL_W / 2}" y="${totalsTop + 18}" data-column-total="${stride}">${sum}</text>`);
  });
  out.push(`<text class="total" text-anchor="middle" x="${column(STRIDE_CATEGORIES.length) + TOTAL_W / 2}" y="${totalsTop + 18}">${model.entries.length}</text>`);
  let x = 0;
  for (const severity of SEVERITY_ORDER) {
    out.push(`<rect class="sev-${severity}" x="${x}" y="${legendTop + 4}" width="14" height="14" rx="3"/><text class="sub" x="${x + 20}" y="${legendTop + 15}">highest ${severity}</text>`);
    x += 120;
  }
  out.push(`<rect class="empty" x="${x}" y="${legendTop + 4}" width="14" height="14" rx="3"/><text class="sub" x="${x + 20}" y="${legendTop + 15}">no finding</text>`);
  out.push('</svg>');
  return out.join('\n');
}

function cell(row: MatrixRow, stride: Stride, x: number, y: number): string {
  const { count, severity } = row.cells[stride];
  const data = `data-asset="${escapeHtml(row.asset.id)}" data-stride="${stride}" data-count="${count}"${severity ? ` data-severity="${severity}"` : ''}`;
  if (!severity) {
    return `<g class="cell" ${data}><rect class="empty" x="${x}" y="${y}" width="${CELL_W}" height="${CELL_H}" rx="6"/><text class="num zero" text-anchor="middle" x="${x + CELL_W / 2}" y="${y + CELL_H / 2 + 5}">–</text></g>`;
  }
  const title = `${row.asset.name}, ${STRIDE_LABELS[stride]}: ${plural(count, 'finding')}, highest ${severity}`;
  return `<a href="#${stride}"><g class="cell" ${data}><title>${escapeHtml(title)}</title><rect class="sev-${severity}" x="${x}" y="${y}" width="${CELL_W}" height="${CELL_H}" rx="6"/><text class="num${severity === 'warning' ? ' sev-warning-text' : ''}" text-anchor="middle" x="${x + CELL_W / 2}" y="${y + CELL_H / 2 + 5}">${count}</text></g></a>`;
}

function subtitle(row: MatrixRow): string {
  return assetDescription(row.asset);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** Splits a column label into at most two balanced lines ("Information" / "disclosure"). */
function twoLines(label: string): string[] {
  const words = label.split(' ');
  if (words.length === 1) return words;
  let best = 1;
  for (let i = 1; i < words.length; i++) {
    const diff = (cut: number) => Math.abs(words.slice(0, cut).join(' ').length - words.slice(cut).join(' ').length);
    if (diff(i) < diff(best)) best = i;
  }
  return [words.slice(0, best).join(' '), words.slice(best).join(' ')];
}
