/**
 * Owns the monthly execution chart of a budget year: twelve bars of the amount of each month
 * (left axis, in soles) and the cumulative rate as a line with markers (right axis, percent of
 * the year's total), so "how much each month" and "how far along" read from one figure.
 */
import { escapeXml } from './escape.ts';
import { formatPercent, formatSolesCompact, MONTHS_LONG, MONTHS_SHORT } from './format.ts';
import { chartWidth, emptyChart, FONT_SIZE, marker, n, SMALL_FONT_SIZE, svgDocument, textElement, type ChartOptions } from './markup.ts';
import { AXIS, GRID, SERIES, TEXT_MUTED } from './palette.ts';
import { evenTicks, niceTicks } from './scale.ts';
import { textWidth, wrapText } from './text.ts';

export interface MonthAmount {
  /** 1 = enero … 12 = diciembre. */
  month: number;
  amount: number;
  /** Cumulative percent (0–100) of the year's total reached by the end of the month; null when unknown. */
  cumulativeRate: number | null;
}

export interface MonthlyCurveOptions extends ChartOptions {
  months: readonly MonthAmount[];
  /** Full amounts, for the description and tooltips, e.g. formatSoles. */
  format: (value: number) => string;
  /** Short amounts for the left axis (default "S/ 1.2 M"). */
  axisFormat?: (value: number) => string;
  /** Cumulative rates (default "45.5%"). */
  rateFormat?: (value: number) => string;
  /** Legend names of the bars and of the line. */
  seriesLabels?: readonly [string, string];
  /** viewBox height (default 260). */
  height?: number;
}

const PAD = 8;
const BAR = SERIES[0].color;
const LINE = SERIES[1].color;

export function monthlyCurve(options: MonthlyCurveOptions): string {
  const byMonth = new Map<number, MonthAmount>();
  for (const entry of options.months) {
    if (!Number.isInteger(entry.month) || entry.month < 1 || entry.month > 12) throw new Error(`monthlyCurve: month must be 1–12: ${entry.month}`);
    byMonth.set(entry.month, entry);
  }
  const amountOf = (m: number) => {
    const amount = byMonth.get(m)?.amount;
    return amount !== undefined && Number.isFinite(amount) ? amount : null;
  };
  const rateOf = (m: number) => {
    const rate = byMonth.get(m)?.cumulativeRate;
    return rate !== null && rate !== undefined && Number.isFinite(rate) ? rate : null;
  };
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  if (months.every((m) => amountOf(m) === null && rateOf(m) === null)) return emptyChart(options, 'monthly');

  const width = chartWidth(options);
  const height = options.height ?? 260;
  const axisFormat = options.axisFormat ?? formatSolesCompact;
  const rateFormat = options.rateFormat ?? ((v: number) => formatPercent(v));
  const [barLabel, lineLabel] = options.seriesLabels ?? ['Monto del mes', 'Avance acumulado'];

  // Legend: a bar swatch and a line-with-marker sample, wrapped onto two rows when needed.
  const barText = wrapText(barLabel, width - 2 * PAD - 34, FONT_SIZE, 1)[0];
  const lineText = wrapText(lineLabel, width - 2 * PAD - 34, FONT_SIZE, 1)[0];
  const firstWidth = 20 + textWidth(barText, FONT_SIZE) + 16;
  const sameRow = firstWidth + 34 + textWidth(lineText, FONT_SIZE) <= width - 2 * PAD;
  const [lineX, lineY] = sameRow ? [PAD + firstWidth, 4] : [PAD, 24];
  let body =
    `<g class="legend"><rect x="${PAD}" y="6" width="14" height="12" fill="${BAR}"/>${textElement(PAD + 20, 17.5, barText)}` +
    `<path d="M${n(lineX)} ${n(lineY + 9)}h26" stroke="${LINE}" stroke-width="2.5"/><g fill="${LINE}" stroke="#fff">${marker('circle', lineX + 13, lineY + 9)}</g>` +
    `${textElement(lineX + 34, lineY + 13.5, lineText)}</g>`;

  const amounts = months.map(amountOf);
  const rates = months.map(rateOf);
  const maxAmount = Math.max(0, ...amounts.map((a) => a ?? 0));
  // Four or five intervals, so the percent axis on the same grid lines reads 25%/20% steps.
  const amountTicks = evenTicks(maxAmount);
  const amountTop = amountTicks[amountTicks.length - 1];
  const intervals = amountTicks.length - 1;
  // The right axis shares the left one's grid lines: same number of intervals up to 100%.
  const maxRate = Math.max(100, ...rates.map((r) => r ?? 0));
  const rateTop = maxRate <= 100 ? 100 : niceTicks(maxRate / intervals, 1)[1] * intervals;
  const rateTicks = Array.from({ length: intervals + 1 }, (_, i) => (rateTop * i) / intervals);
  const leftRoom = Math.max(...amountTicks.map((t) => textWidth(axisFormat(t), SMALL_FONT_SIZE)));
  const rightRoom = Math.max(...rateTicks.map((t) => textWidth(rateFormat(t), SMALL_FONT_SIZE)));
  const left = PAD + leftRoom + 5;
  const right = width - PAD - rightRoom - 5;
  const top = lineY + 20 + 14;
  const bottom = height - 24;
  if (bottom - top < 60) throw new Error('monthlyCurve: height too small for the legend and the plot');
  const band = (right - left) / 12;
  const yAmount = (v: number) => bottom - (Math.max(0, v) / amountTop) * (bottom - top);
  const yRate = (v: number) => bottom - (Math.max(0, Math.min(v, rateTop)) / rateTop) * (bottom - top);

  amountTicks.forEach((tick, i) => {
    const y = yAmount(tick);
    body += `<path d="M${n(left)} ${n(y)}H${n(right)}" stroke="${i === 0 ? AXIS : GRID}"/>`;
    body += textElement(left - 5, y + 4, axisFormat(tick), `text-anchor="end" font-size="${SMALL_FONT_SIZE}" fill="${TEXT_MUTED}"`);
    body += textElement(right + 5, y + 4, rateFormat(rateTicks[i]), `font-size="${SMALL_FONT_SIZE}" fill="${TEXT_MUTED}"`);
  });

  let bars = '';
  months.forEach((m, i) => {
    const cx = left + band * (i + 0.5);
    // 11 units: twelve month names must fit side by side at 320 px.
    body += textElement(cx, bottom + 15, MONTHS_SHORT[i], `text-anchor="middle" font-size="11" fill="${TEXT_MUTED}"`);
    const amount = amounts[i];
    if (amount === null || amount <= 0) return;
    const y = yAmount(amount);
    bars += `<rect class="bar" x="${n(cx - band * 0.31)}" y="${n(y)}" width="${n(band * 0.62)}" height="${n(bottom - y)}"><title>${MONTHS_LONG[m - 1]}: ${escapeXml(options.format(amount))}</title></rect>`;
  });
  body += `<g class="bars" fill="${BAR}">${bars}</g>`;

  // Unknown months break the line instead of being drawn as zero.
  let path = '';
  let pen = false;
  let markers = '';
  rates.forEach((rate, i) => {
    if (rate === null) {
      pen = false;
      return;
    }
    const cx = left + band * (i + 0.5);
    path += `${pen ? 'L' : 'M'}${n(cx)} ${n(yRate(rate))}`;
    pen = true;
    markers += marker('circle', cx, yRate(rate), 3.5);
  });
  body += `<g class="cumulative"><path d="${path}" fill="none" stroke="${LINE}" stroke-width="2.5" stroke-linejoin="round"/><g fill="${LINE}" stroke="#fff">${markers}</g></g>`;

  const lastIndex = rates.reduce<number>((found, rate, i) => (rate === null ? found : i), -1);
  if (lastIndex >= 0) {
    const cx = left + band * (lastIndex + 0.5);
    const label = rateFormat(rates[lastIndex]!);
    const anchor = cx + textWidth(label, SMALL_FONT_SIZE, true) / 2 > width - 2 ? 'end' : 'middle';
    body += textElement(anchor === 'end' ? width - 2 : cx, Math.max(yRate(rates[lastIndex]!) - 9, top - 2), label,
      `text-anchor="${anchor}" font-size="${SMALL_FONT_SIZE}" font-weight="600" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`);
  }

  const known = months.filter((m) => amountOf(m) !== null);
  const total = known.reduce((sum, m) => sum + amountOf(m)!, 0);
  const sentences = [`Total de los meses con datos: ${options.format(total)}.`];
  const peak = known.reduce<number | null>((best, m) => (best === null || amountOf(m)! > amountOf(best)! ? m : best), null);
  if (peak !== null && amountOf(peak)! > 0) sentences.push(`Mes con mayor monto: ${MONTHS_LONG[peak - 1]} (${options.format(amountOf(peak)!)}).`);
  if (lastIndex >= 0) sentences.push(`${lineLabel} a ${MONTHS_LONG[lastIndex]}: ${rateFormat(rates[lastIndex]!)}.`);
  const missing = months.filter((m) => amountOf(m) === null);
  if (missing.length > 0 && missing.length < 12) sentences.push(`Sin datos de monto: ${missing.length === 1 ? MONTHS_LONG[missing[0] - 1] : `${missing.length} meses`}.`);
  return svgDocument({ ...options, kind: 'monthly', height, interactive: false, summary: sentences.join(' ') }, body);
}
