/**
 * Owns every colour the charts use and the contrast arithmetic behind the choices. Text colours
 * reach 4.5:1 on white and marks 3:1 (WCAG 2.2 1.4.3 and 1.4.11); series colours are from the
 * Okabe–Ito set and the sequential ramp from ColorBrewer YlGnBu, both safe for colour-blind readers.
 */

/** 17.4:1 on white. */
export const TEXT = '#1a1a1a';
/** 8.5:1 on white: secondary text (dates, ticks). */
export const TEXT_MUTED = '#4d4d4d';
/** 7:1 on white: axes, the outer outline of the map, legend swatch borders. */
export const AXIS = '#595959';
/** 3.0:1 on white: grid lines, still a visible graphical object. */
export const GRID = '#949494';
/** 4.5:1 on white: outlines of hollow marks (upcoming phases, no-data hatch). */
export const OUTLINE = '#767676';

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';

export interface SeriesStyle {
  color: string;
  /** stroke-dasharray; '' is a solid line. */
  dash: string;
  marker: MarkerShape;
}

/** Okabe–Ito blue 5.2:1, vermillion 3.9:1, bluish green 3.4:1, reddish purple 3.1:1, near-black. */
export const SERIES: readonly SeriesStyle[] = [
  { color: '#0072b2', dash: '', marker: 'circle' },
  { color: '#d55e00', dash: '7 4', marker: 'square' },
  { color: '#009e73', dash: '2 3', marker: 'triangle' },
  { color: '#cc79a7', dash: '9 3 2 3', marker: 'diamond' },
  { color: '#333333', dash: '4 2', marker: 'circle' },
];

/** ColorBrewer YlGnBu, by number of classes (1–5); light to dark is low to high. */
export const SEQUENTIAL: Readonly<Record<number, readonly string[]>> = {
  1: ['#41b6c4'],
  2: ['#a1dab4', '#2c7fb8'],
  3: ['#edf8b1', '#7fcdbb', '#2c7fb8'],
  4: ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
  5: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
};

/** Background and stripes of the "sin datos" hatch: grey, so it is not read as a low value. */
export const NO_DATA_BACKGROUND = '#f0f0f0';
export const NO_DATA_STRIPE = OUTLINE;

/** Phase states: done dark blue (5.9:1), current vermillion (3.9:1), upcoming hollow grey. */
export const PHASE_DONE = '#2166ac';
export const PHASE_CURRENT = '#d55e00';

function channel(hex: string, offset: number): number {
  const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a '#rrggbb' colour. */
export function luminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

export function contrastRatio(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}
