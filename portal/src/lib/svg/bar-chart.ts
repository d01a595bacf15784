/**
 * Owns horizontal bar charts: one row per category with its label above the bar (so long
 * district or work names stay legible at 320 px), the value printed at the bar's end, and an
 * optional second series (urban/rural, PIM/devengado) told apart by hatching and outline as well
 * as colour.
 */
import { escapeXml, safeHref } from './escape.ts';
import { chartWidth, emptyChart, FONT_SIZE, hatchPattern, listWithMore, n, SMALL_FONT_SIZE, svgDocument, textElement, type ChartOptions } from './markup.ts';
import { SERIES, TEXT_MUTED } from './palette.ts';
import { textWidth, wrapText } from './text.ts';

export interface BarItem {
  label: string;
  value: number | null;
  /** Makes the row a link (to the district's or the work's page). */
  href?: string;
}

export interface BarChartOptions extends ChartOptions {
  items: readonly BarItem[];
  format: (value: number) => string;
  /** A second value per item, in the same order as `items`, drawn as a hatched bar under the first. */
  secondary?: readonly (number | null)[];
  /** Legend names of the first and second series; required with `secondary`. */
  seriesLabels?: readonly [string, string];
  /** Value of a full-length bar (default: the largest value); larger values are drawn full length. */
  max?: number;
}

const PAD = 8;
const LINE = 16;
const SINGLE_BAR = 16;
const DOUBLE_BAR = 12;
const BAR_GAP = 3;
const ROW_GAP = 12;
const PRIMARY = SERIES[0].color;
const SECONDARY = SERIES[1].color;

function valueText(value: number | null, format: (value: number) => string): string {
  return value === null || !Number.isFinite(value) ? 'sin datos' : format(value);
}

export function barChart(options: BarChartOptions): string {
  const { items, format, secondary } = options;
  if (items.length === 0) return emptyChart(options, 'bar');
  if (secondary && secondary.length !== items.length) throw new Error('barChart: secondary must have one value per item');
  if (secondary && !options.seriesLabels) throw new Error('barChart: seriesLabels are required with secondary');
  const width = chartWidth(options);
  const prefix = options.idPrefix;
  const hatchId = `${prefix}-hatch`;
  const series = secondary ? 2 : 1;
  const valueOf = (i: number, s: number) => (s === 0 ? items[i].value : secondary![i]);
  const all: number[] = [];
  for (let i = 0; i < items.length; i++) {
    for (let s = 0; s < series; s++) {
      const v = valueOf(i, s);
      if (v !== null && Number.isFinite(v)) all.push(v);
    }
  }
  const scaleMax = options.max ?? Math.max(0, ...all);
  // Values are printed after the bar, so the longest printed value decides the bars' room.
  let valueRoom = textWidth('sin datos', SMALL_FONT_SIZE);
  for (const v of all) valueRoom = Math.max(valueRoom, textWidth(format(v), SMALL_FONT_SIZE));
  const barRoom = Math.max(40, width - 2 * PAD - valueRoom - 6);
  const barLength = (v: number | null) => (v === null || !Number.isFinite(v) || scaleMax <= 0 ? 0 : (Math.min(Math.max(v, 0), scaleMax) / scaleMax) * barRoom);

  let body = secondary ? `<defs>${hatchPattern(hatchId, SECONDARY, '#fff')}</defs>` : '';
  let y = 4;
  if (options.seriesLabels) {
    const swatches = options.seriesLabels.slice(0, series).map((label, s) => {
      const swatch = s === 0 ? `fill="${PRIMARY}"` : `fill="url(#${hatchId})" stroke="${SECONDARY}"`;
      return { label: wrapText(label, width - 2 * PAD - 20, FONT_SIZE, 1)[0], swatch };
    });
    const rowWidth = swatches.reduce((sum, s) => sum + 20 + textWidth(s.label, FONT_SIZE) + 16, 0);
    let x = PAD;
    let legend = '';
    swatches.forEach((s, i) => {
      if (i > 0 && rowWidth > width - 2 * PAD) {
        x = PAD;
        y += 20;
      }
      legend += `<rect x="${n(x)}" y="${n(y + 2)}" width="14" height="12" ${s.swatch}/>` + textElement(x + 20, y + 13, s.label);
      x += 20 + textWidth(s.label, FONT_SIZE) + 16;
    });
    body += `<g class="legend">${legend}</g>`;
    y += 20 + 8;
  }

  items.forEach((item, i) => {
    const top = y;
    const lines = wrapText(item.label, width - 2 * PAD, FONT_SIZE, 3);
    let row = '';
    for (const line of lines) {
      y += LINE;
      row += textElement(PAD, y - 4, line);
    }
    y += 2;
    const barHeight = series === 2 ? DOUBLE_BAR : SINGLE_BAR;
    const spoken: string[] = [];
    for (let s = 0; s < series; s++) {
      const v = valueOf(i, s);
      const length = barLength(v);
      const fill = s === 0 ? `fill="${PRIMARY}"` : `fill="url(#${hatchId})" stroke="${SECONDARY}"`;
      if (length > 0) {
        row += `<rect class="bar${s === 1 ? ' bar-secondary' : ''}" x="${PAD}" y="${n(y)}" width="${n(length)}" height="${barHeight}" ${fill}/>`;
      }
      const text = valueText(v, format);
      row += textElement(PAD + length + 4, y + barHeight / 2 + 4, text, `font-size="${SMALL_FONT_SIZE}"${v === null ? ` fill="${TEXT_MUTED}"` : ''}`);
      spoken.push(series === 2 ? `${options.seriesLabels![s]} ${text}` : text);
      y += barHeight + (s < series - 1 ? BAR_GAP : 0);
    }
    if (item.href) {
      // The link is named by its <title> (full label, every value with its series), not by
      // aria-label: the visible text is part of that name, as WCAG 2.5.3 asks, even when the
      // label had to be shortened on screen. A transparent row-sized rect makes the whole row the
      // touch target and, through CSS on .focus-ring, the visible focus indicator.
      const name = escapeXml(`${item.label}: ${spoken.join('; ')}`);
      const ring = `<rect class="focus-ring" x="2" y="${n(top)}" width="${n(width - 4)}" height="${n(y - top + 4)}" rx="3" fill="#fff" fill-opacity="0"/>`;
      body += `<a class="bar-item" href="${safeHref(item.href)}"><title>${name}</title>${ring}${row}</a>`;
    } else {
      body += `<g class="bar-item">${row}</g>`;
    }
    y += ROW_GAP;
  });

  const described = items.map((item, i) => {
    if (series === 1) return `${item.label}: ${valueText(item.value, format)}`;
    const [a, b] = options.seriesLabels!;
    return `${item.label}: ${valueText(item.value, format)} (${a}) y ${valueText(secondary![i], format)} (${b})`;
  });
  const summary = `${items.length === 1 ? '1 categoría' : `${items.length} categorías`}. ${listWithMore(described, 12, 'categorías').join('; ')}.`;
  return svgDocument(
    { ...options, kind: 'bar', height: y - ROW_GAP + 8, interactive: items.some((item) => item.href), summary },
    body,
  );
}
