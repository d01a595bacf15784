/**
 * Static SVG charts and maps of the portal: pure functions from data to markup strings, rendered
 * at build time and inlined in pages (no JavaScript in the browser). Every chart carries its own
 * text alternative (<title>, <desc>) and ids under the caller's idPrefix.
 */
export { districtMap, type DistrictMapOptions, type DistrictCollection, type DistrictFeature, type MapPoint } from './district-map.ts';
export { barChart, type BarChartOptions, type BarItem } from './bar-chart.ts';
export { lineChart, type LineChartOptions, type LineSeries, type LinePoint } from './line-chart.ts';
export { phaseTimeline, type PhaseTimelineOptions, type Phase, type PhaseState } from './phase-timeline.ts';
export { monthlyCurve, type MonthlyCurveOptions, type MonthAmount } from './monthly-curve.ts';
export type { ChartOptions } from './markup.ts';
export type { AreaGeometry, PolygonGeometry, MultiPolygonGeometry } from './geo.ts';
export { escapeXml } from './escape.ts';
export { formatSoles, formatSolesCompact, formatPercent, formatInteger, MONTHS_SHORT, MONTHS_LONG } from './format.ts';
export { quantileThresholds } from './classify.ts';
export { contrastRatio } from './palette.ts';

/**
 * Focus and hover styles for the linked charts, for the site's stylesheet (the charts carry no
 * <style> of their own, so a strict Content-Security-Policy needs no exception for them).
 * Districts drawn later cover the outer half of a focused district's stroke, hence the wide
 * stroke (half of it shows inside) and the lighter fill as a second cue.
 */
export const CHART_CSS = `
.chart a:focus-visible{outline:none}
.chart a:focus-visible .district,.chart a:hover .district{stroke:#1a1a1a;stroke-width:6;fill-opacity:.6}
.chart a:focus-visible .focus-ring{stroke:#1a1a1a;stroke-width:2}
.chart a:focus-visible .focus-ring,.chart a:hover .focus-ring{fill:#1a1a1a;fill-opacity:.06}
@media (forced-colors:active){.chart a:focus-visible .district,.chart a:focus-visible .focus-ring{stroke:Highlight}}
`.trim();
