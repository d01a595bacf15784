/**
 * Owns the timeline of the participatory budget's phases. Phones decide the layout: one row per
 * phase (label and dates in full-width text, then a bar on a shared time axis), never labels
 * squeezed side by side. State is shown three ways: symbol (✓ ● ○), word, and the bar's fill.
 */
import { joinSpanish, MONTHS_SHORT } from './format.ts';
import { chartWidth, emptyChart, FONT_SIZE, n, SMALL_FONT_SIZE, svgDocument, textElement, type ChartOptions } from './markup.ts';
import { AXIS, OUTLINE, PHASE_CURRENT, PHASE_DONE, TEXT, TEXT_MUTED } from './palette.ts';
import { formatDay, monthTicks, parseDate, yearOf } from './time.ts';
import { textWidth, wrapText } from './text.ts';

export type PhaseState = 'DONE' | 'IN_PROGRESS' | 'UPCOMING';

export interface Phase {
  label: string;
  /** 'YYYY-MM-DD'. */
  plannedStart: string;
  plannedEnd: string;
  actualStart?: string | null;
  actualEnd?: string | null;
  state: PhaseState;
}

export interface PhaseTimelineOptions extends ChartOptions {
  phases: readonly Phase[];
  /** 'YYYY-MM-DD', the date of the build, marked "hoy". */
  today: string;
}

const PAD = 8;
const BAR_HEIGHT = 12;

const STATE = {
  DONE: { symbol: '✓', word: 'Concluida', className: 'phase-done' },
  IN_PROGRESS: { symbol: '●', word: 'En curso', className: 'phase-current' },
  UPCOMING: { symbol: '○', word: 'Próxima', className: 'phase-upcoming' },
} as const;

export function phaseTimeline(options: PhaseTimelineOptions): string {
  if (options.phases.length === 0) return emptyChart(options, 'timeline');
  const width = chartWidth(options);
  const today = parseDate(options.today).day;
  const phases = options.phases.map((phase) => {
    if (!(phase.state in STATE)) throw new Error(`phaseTimeline: unknown state ${phase.state}`);
    const plannedStart = parseDate(phase.plannedStart).day;
    const plannedEnd = parseDate(phase.plannedEnd).day;
    if (plannedEnd < plannedStart) throw new Error(`phaseTimeline: "${phase.label}" ends before it starts`);
    return {
      ...phase,
      plannedStart,
      plannedEnd,
      actualStart: phase.actualStart ? parseDate(phase.actualStart).day : null,
      actualEnd: phase.actualEnd ? parseDate(phase.actualEnd).day : null,
    };
  });
  const days = [today, ...phases.flatMap((p) => [p.plannedStart, p.plannedEnd, p.actualStart, p.actualEnd].filter((d): d is number => d !== null))];
  let from = Math.min(...days);
  let to = Math.max(...days);
  if (to - from < 14) [from, to] = [from - 7, to + 7];
  const withYear = yearOf(from) !== yearOf(to);
  const date = (day: number) => formatDay(day, { withYear });
  const left = PAD + 2;
  const right = width - PAD - 2;
  const x = (day: number) => left + ((day - from) / (to - from)) * (right - left);
  const todayX = x(today);

  // The "hoy" label on top, its marker down to the axis, month names under the axis: the marker
  // line never crosses a month name.
  const todayLabel = `hoy, ${formatDay(today, { withYear })}`;
  const todayHalf = textWidth(todayLabel, SMALL_FONT_SIZE, true) / 2;
  const todayAnchor = todayX - todayHalf < 2 ? 'start' : todayX + todayHalf > width - 2 ? 'end' : 'middle';
  const axisY = 30;
  let body = textElement(todayAnchor === 'start' ? Math.max(2, todayX - 4) : todayAnchor === 'end' ? Math.min(width - 2, todayX + 4) : todayX, 14, todayLabel,
    `text-anchor="${todayAnchor}" font-size="${SMALL_FONT_SIZE}" font-weight="700"`);
  let axis = `<path d="M${n(left)} ${axisY}H${n(right)}" stroke="${AXIS}"/>`;
  for (const tick of monthTicks(from, to, Math.floor((right - left) / 40))) {
    const tx = x(tick.day);
    // No year on the ticks: "ene 2025" would collide with its neighbours; the dates below and
    // the "hoy" label carry the year when the phases span two.
    const month = MONTHS_SHORT[tick.monthIndex % 12];
    const half = textWidth(month, SMALL_FONT_SIZE) / 2;
    const anchor = tx - half < 2 ? 'start' : tx + half > width - 2 ? 'end' : 'middle';
    axis += `<path d="M${n(tx)} ${axisY - 4}v8" stroke="${AXIS}"/>`;
    axis += textElement(tx, axisY + 17, month, `text-anchor="${anchor}" font-size="${SMALL_FONT_SIZE}" fill="${TEXT_MUTED}"`);
  }
  body += `<g class="axis">${axis}</g>`;
  // The "hoy" line is drawn in pieces across the axis and the bars, never through the text.
  const todayTick = (y1: number, y2: number) => `<path class="today" d="M${n(todayX)} ${n(y1)}V${n(y2)}" stroke="${TEXT}" stroke-width="2"/>`;
  body += todayTick(18, axisY + 4);

  let y = axisY + 22;
  phases.forEach((phase) => {
    const state = STATE[phase.state];
    let row = '';
    for (const line of wrapText(`${state.symbol} ${phase.label}`, width - 2 * PAD, FONT_SIZE, 2, true)) {
      y += 17;
      row += textElement(PAD, y, line, 'font-weight="600"');
    }
    const actual =
      phase.actualStart !== null && phase.actualEnd !== null
        ? ` · real: ${date(phase.actualStart)} – ${date(phase.actualEnd)}`
        : phase.actualStart !== null
          ? ` · inició ${date(phase.actualStart)}`
          : '';
    const dates = `${state.word} · ${date(phase.plannedStart)} – ${date(phase.plannedEnd)}${actual}`;
    for (const line of wrapText(dates, width - 2 * PAD, SMALL_FONT_SIZE, 2)) {
      y += 15;
      row += textElement(PAD, y, line, `font-size="${SMALL_FONT_SIZE}" fill="${TEXT_MUTED}"`);
    }
    y += 7;
    // The planned period is the outline; what has actually happened is the solid part.
    const x1 = x(phase.plannedStart);
    const x2 = Math.max(x(phase.plannedEnd), x1 + 2);
    const outline = phase.state === 'UPCOMING' ? `stroke="${OUTLINE}" stroke-dasharray="3 2"` : `stroke="${phase.state === 'DONE' ? PHASE_DONE : PHASE_CURRENT}"`;
    row += `<rect class="planned" x="${n(x1)}" y="${n(y)}" width="${n(x2 - x1)}" height="${BAR_HEIGHT}" fill="#fff" ${outline}/>`;
    const doneFrom = phase.actualStart ?? phase.plannedStart;
    const doneTo = phase.state === 'DONE' ? (phase.actualEnd ?? phase.plannedEnd) : phase.state === 'IN_PROGRESS' ? today : null;
    if (doneTo !== null && doneTo >= doneFrom) {
      const fill = phase.state === 'DONE' ? PHASE_DONE : PHASE_CURRENT;
      const f1 = x(doneFrom);
      row += `<rect class="actual" x="${n(f1)}" y="${n(y)}" width="${n(Math.max(x(doneTo) - f1, 2))}" height="${BAR_HEIGHT}" fill="${fill}"/>`;
    }
    row += todayTick(y - 4, y + BAR_HEIGHT + 4);
    y += BAR_HEIGHT;
    body += `<g class="phase ${state.className}">${row}</g>`;
    y += 10;
  });

  const sentences = [`Hoy: ${formatDay(today, { withYear: true })}.`];
  const current = phases.filter((p) => p.state === 'IN_PROGRESS').map((p) => `${p.label} (${date(p.plannedStart)} – ${date(p.plannedEnd)})`);
  if (current.length > 0) sentences.push(`${current.length === 1 ? 'Fase en curso' : 'Fases en curso'}: ${joinSpanish(current)}.`);
  phases.forEach((p, i) => {
    const actual = p.actualStart !== null ? `; real desde ${date(p.actualStart)}${p.actualEnd !== null ? ` hasta ${date(p.actualEnd)}` : ''}` : '';
    sentences.push(`${i + 1}. ${p.label}: ${STATE[p.state].word.toLowerCase()}, programada del ${date(p.plannedStart)} al ${date(p.plannedEnd)}${actual}.`);
  });
  return svgDocument({ ...options, kind: 'timeline', height: y, interactive: false, summary: sentences.join(' ') }, body);
}
