/**
 * Owns time-series line charts (a work's physical and financial progress over time): a date axis
 * in Spanish month abbreviations, a value axis with grid lines, and series told apart by dash
 * pattern and marker shape as well as colour.
 */
import { formatPercent, MONTHS_SHORT } from './format.ts';
import { chartWidth, clamp, emptyChart, FONT_SIZE, marker, n, SMALL_FONT_SIZE, svgDocument, textElement, type ChartOptions } from './markup.ts';
import { AXIS, GRID, SERIES, TEXT_MUTED, type SeriesStyle } from './palette.ts';
import { niceTicks } from './scale.ts';
import { formatDay, monthTicks, parseDate, yearOf, type ParsedDate } from './time.ts';
import { textWidth, wrapText } from './text.ts';

export interface LinePoint {
  /** 'YYYY-MM-DD' or 'YYYY-MM'. */
  x: string;
  y: number;
}

export interface LineSeries {
  label: string;
  points: readonly LinePoint[];
  /** Forces a dashed (true) or solid (false) line; by default the second and later series are dashed. */
  dashed?: boolean;
}

export interface LineChartOptions extends ChartOptions {
  series: readonly LineSeries[];
  /** Top of the value axis (default 100); raised to fit larger values. */
  yMax?: number;
  /** Value formatting on the axis and in the description (default: percent, "45%"). */
  yFormat?: (value: number) => string;
  /** viewBox height (default 240). */
  height?: number;
}

const PAD = 8;

interface Parsed {
  label: string;
  style: SeriesStyle;
  points: Array<{ date: ParsedDate; y: number }>;
}

function styleOf(series: LineSeries, index: number): SeriesStyle {
  const base = SERIES[index % SERIES.length];
  if (series.dashed === true && !base.dash) return { ...base, dash: '7 4' };
  if (series.dashed === false) return { ...base, dash: '' };
  return base;
}

/** Legend entries flow left to right and wrap; returns the markup and the height used. */
function legend(entries: readonly Parsed[], width: number, top: number): { markup: string; bottom: number } {
  let x = PAD;
  let y = top;
  let markup = '';
  for (const entry of entries) {
    const label = wrapText(entry.label, width - 2 * PAD - 34, FONT_SIZE, 1)[0];
    const itemWidth = 34 + textWidth(label, FONT_SIZE);
    if (x > PAD && x + itemWidth > width - PAD) {
      x = PAD;
      y += 20;
    }
    const { color, dash, marker: shape } = entry.style;
    markup +=
      `<g class="legend-item"><path d="M${n(x)} ${n(y + 9)}h26" stroke="${color}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` +
      `<g fill="${color}" stroke="#fff">${marker(shape, x + 13, y + 9)}</g>${textElement(x + 34, y + 13.5, label)}</g>`;
    x += itemWidth + 16;
  }
  return { markup: `<g class="legend">${markup}</g>`, bottom: y + 20 };
}

export function lineChart(options: LineChartOptions): string {
  const yFormat = options.yFormat ?? ((v: number) => formatPercent(v));
  const parsed: Parsed[] = options.series.map((series, i) => ({
    label: series.label,
    style: styleOf(series, i),
    points: series.points
      .filter((p) => Number.isFinite(p.y))
      .map((p) => ({ date: parseDate(p.x), y: p.y }))
      .sort((a, b) => a.date.day - b.date.day),
  }));
  const dated = parsed.flatMap((s) => s.points);
  if (dated.length === 0) return emptyChart(options, 'line');

  const width = chartWidth(options);
  const height = options.height ?? 240;
  const { markup: legendMarkup, bottom: legendBottom } = legend(parsed, width, 4);
  const yTicks = niceTicks(Math.max(options.yMax ?? 100, ...dated.map((p) => p.y)));
  const yTop = yTicks[yTicks.length - 1];
  const labelRoom = Math.max(...yTicks.map((t) => textWidth(yFormat(t), SMALL_FONT_SIZE)));
  const left = PAD + labelRoom + 6;
  const right = width - PAD - 6;
  const top = legendBottom + 10;
  const bottom = height - 36;
  if (bottom - top < 60) throw new Error('lineChart: height too small for the legend and the plot');

  let from = Math.min(...dated.map((p) => p.date.day));
  let to = Math.max(...dated.map((p) => p.date.day));
  // A single date gets a month either side, so it sits mid-axis between two month ticks.
  if (from === to) [from, to] = [from - 30, to + 30];
  const x = (day: number) => left + ((day - from) / (to - from)) * (right - left);
  const y = (value: number) => bottom - (clamp(value, 0, yTop) / yTop) * (bottom - top);

  let body = '';
  for (const tick of yTicks) {
    body += `<path d="M${n(left)} ${n(y(tick))}H${n(right)}" stroke="${tick === 0 ? AXIS : GRID}"/>`;
    body += textElement(left - 6, y(tick) + 4, yFormat(tick), `text-anchor="end" font-size="${SMALL_FONT_SIZE}" fill="${TEXT_MUTED}"`);
  }

  const multiYear = yearOf(from) !== yearOf(to);
  const ticks = monthTicks(from, to, Math.floor((right - left) / 44));
  const xLabels: Array<{ day: number; lines: string[] }> =
    ticks.length >= 2
      ? ticks.map((tick, i) => {
          const month = tick.monthIndex % 12;
          const year = String(Math.floor(tick.monthIndex / 12));
          const yearly = ticks.length > 1 && ticks[1].monthIndex - ticks[0].monthIndex >= 12;
          if (yearly) return { day: tick.day, lines: [year] };
          return { day: tick.day, lines: i === 0 || month === 0 ? [MONTHS_SHORT[month], year] : [MONTHS_SHORT[month]] };
        })
      : // Less than two month starts in range: label the ends with their days instead.
        [from, to].map((day, i) => ({ day, lines: i === 0 || multiYear ? [formatDay(day), String(yearOf(day))] : [formatDay(day)] }));
  for (const label of xLabels) {
    const cx = x(label.day);
    const half = Math.max(...label.lines.map((line) => textWidth(line, SMALL_FONT_SIZE))) / 2;
    const anchor = cx - half < 2 ? 'start' : cx + half > width - 2 ? 'end' : 'middle';
    body += `<path d="M${n(cx)} ${n(bottom)}v4" stroke="${AXIS}"/>`;
    label.lines.forEach((line, i) => {
      body += textElement(anchor === 'start' ? Math.max(cx, 2) : anchor === 'end' ? Math.min(cx, width - 2) : cx, bottom + 16 + i * 14, line, `text-anchor="${anchor}" font-size="${SMALL_FONT_SIZE}" fill="${TEXT_MUTED}"`);
    });
  }

  parsed.forEach((series, i) => {
    if (series.points.length === 0) return;
    const { color, dash, marker: shape } = series.style;
    const coordinates = series.points.map((p) => `${n(x(p.date.day))} ${n(y(p.y))}`);
    const line =
      coordinates.length > 1
        ? `<path d="M${coordinates.join('L')}" fill="none" stroke="${color}" stroke-width="2.5" stroke-linejoin="round"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`
        : '';
    const markers = series.points.map((p) => marker(shape, x(p.date.day), y(p.y))).join('');
    body += `<g class="series series-${i + 1}">${line}<g fill="${color}" stroke="#fff">${markers}</g></g>`;
  });

  const sentences = parsed.map((series) => {
    const when = (p: { date: ParsedDate }) => formatDay(p.date.day, { withYear: true, precision: p.date.precision });
    const points = series.points;
    if (points.length === 0) return `${series.label}: sin datos.`;
    const first = points[0];
    const last = points[points.length - 1];
    if (points.length === 1) return `${series.label}: ${yFormat(first.y)} (${when(first)}).`;
    return `${series.label}: de ${yFormat(first.y)} (${when(first)}) a ${yFormat(last.y)} (${when(last)}), ${points.length} registros.`;
  });
  return svgDocument({ ...options, kind: 'line', height, interactive: false, summary: sentences.join(' ') }, legendMarkup + body);
}
