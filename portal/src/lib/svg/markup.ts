/**
 * Owns the shape every chart shares: the root <svg> with its text alternative and sizing,
 * number printing, text elements, hatch patterns, markers and the "Sin datos" placeholder.
 */
import { checkIdPrefix, escapeXml } from './escape.ts';
import { TEXT, TEXT_MUTED, type MarkerShape } from './palette.ts';

/** Options every chart takes. */
export interface ChartOptions {
  /** Short name of the chart: the accessible name (<title>). */
  title: string;
  /** What the chart shows, in words; the chart appends a summary of its data to it in <desc>. */
  description?: string;
  /** Prefix of every id in the chart; must be unique on the page. */
  idPrefix: string;
  /** viewBox width in user units (default 400); text sizes are chosen for this width. */
  width?: number;
  /** Extra class on the root <svg>, for the page's CSS (focus styles, print). */
  className?: string;
  /**
   * Largest rendered width in CSS px, written as an inline style together with height:auto.
   * Default: the viewBox width. null leaves sizing to the page's CSS (a strict CSP without
   * 'unsafe-inline' for styles ignores the inline style; the chart then fills its container).
   */
  maxWidth?: number | null;
}

export const DEFAULT_WIDTH = 400;
export const FONT_SIZE = 13;
export const SMALL_FONT_SIZE = 12;

/** Prints a coordinate rounded to 0.1 user unit: finer detail is invisible on any screen. */
export function n(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return rounded === 0 ? '0' : String(rounded);
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

interface Frame extends ChartOptions {
  /** Chart kind, becomes class "chart chart-<kind>". */
  kind: string;
  height: number;
  /** Links inside: role=img would hide them from assistive technology, so use role=group. */
  interactive: boolean;
  /** The generated summary of the data, appended to the description. */
  summary: string;
}

/** Width of the viewBox of a chart, validated. */
export function chartWidth(options: ChartOptions): number {
  const width = options.width ?? DEFAULT_WIDTH;
  if (!(width >= 200 && width <= 2000)) throw new Error(`width must be between 200 and 2000: ${width}`);
  return width;
}

export function svgDocument(frame: Frame, body: string): string {
  const prefix = checkIdPrefix(frame.idPrefix);
  const width = chartWidth(frame);
  const titleId = `${prefix}-title`;
  const descId = `${prefix}-desc`;
  const classes = ['chart', `chart-${frame.kind}`, ...(frame.className ? [frame.className] : [])].join(' ');
  const maxWidth = frame.maxWidth === undefined ? width : frame.maxWidth;
  const style = maxWidth === null ? '' : ` style="max-width:${n(maxWidth)}px;height:auto"`;
  const labelling = frame.interactive
    ? `role="group" aria-labelledby="${titleId}" aria-describedby="${descId}"`
    : `role="img" aria-labelledby="${titleId} ${descId}"`;
  const desc = [frame.description?.trim(), frame.summary].filter(Boolean).join(' ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(width)} ${n(Math.ceil(frame.height))}" width="100%"${style}` +
    ` class="${escapeXml(classes)}" ${labelling} font-family="system-ui, sans-serif" font-size="${FONT_SIZE}" fill="${TEXT}">` +
    `<title id="${titleId}">${escapeXml(frame.title)}</title><desc id="${descId}">${escapeXml(desc)}</desc>` +
    `${body}</svg>`
  );
}

/** A chart with nothing to draw still says so, to sight and to screen readers. */
export function emptyChart(options: ChartOptions, kind: string, message = 'Sin datos'): string {
  const width = chartWidth(options);
  const height = 64;
  const body = `<text x="${n(width / 2)}" y="${n(height / 2 + 5)}" text-anchor="middle" font-size="15" fill="${TEXT_MUTED}">${escapeXml(message)}</text>`;
  return svgDocument({ ...options, kind, height, interactive: false, summary: `${message}.` }, body);
}

/** A <text> element; `attributes` is raw markup the caller built from trusted values. */
export function textElement(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${n(x)}" y="${n(y)}"${attributes ? ` ${attributes}` : ''}>${escapeXml(content)}</text>`;
}

/** Diagonal stripes, so a series or a "sin datos" area differs from its neighbours by more than hue. */
export function hatchPattern(id: string, stripe: string, background: string): string {
  return (
    `<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" fill="${background}"/><path d="M3 0v6" stroke="${stripe}" stroke-width="2"/></pattern>`
  );
}

/** A data marker centred on (x, y); shapes let series be told apart without colour. */
export function marker(shape: MarkerShape, x: number, y: number, size = 4): string {
  switch (shape) {
    case 'circle':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(size)}"/>`;
    case 'square':
      return `<rect x="${n(x - size * 0.85)}" y="${n(y - size * 0.85)}" width="${n(size * 1.7)}" height="${n(size * 1.7)}"/>`;
    case 'triangle':
      return `<path d="M${n(x)} ${n(y - size * 1.2)}l${n(size * 1.1)} ${n(size * 1.9)}h${n(-size * 2.2)}z"/>`;
    case 'diamond':
      return `<path d="M${n(x)} ${n(y - size * 1.25)}l${n(size * 1.25)} ${n(size * 1.25)}l${n(-size * 1.25)} ${n(size * 1.25)}l${n(-size * 1.25)} ${n(-size * 1.25)}z"/>`;
  }
}

/** "Alto" / "Bajo" sentences need at most a few items; the rest is counted. */
export function listWithMore(parts: readonly string[], max: number, noun: string): string[] {
  if (parts.length <= max) return [...parts];
  return [...parts.slice(0, max), `${parts.length - max} ${noun} más`];
}
