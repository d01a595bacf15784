/**
 * Owns the district choropleth: projection and simplification of the boundaries, colour classes
 * with a legend, the "sin datos" hatch, an optional highlighted district, optional point markers
 * (a work's location), and optional links so each district leads to its page without JavaScript.
 */
import { classify, classOf } from './classify.ts';
import { escapeXml, safeHref } from './escape.ts';
import { joinSpanish } from './format.ts';
import { boundsOf, exteriorEdges, fitProjection, polygonsOf, polylinesToPath, ringsToPath, roundRing, simplifyShared, type AreaGeometry, type Position, type Ring, type TenthsRing } from './geo.ts';
import { chartWidth, FONT_SIZE, hatchPattern, n, SMALL_FONT_SIZE, svgDocument, textElement, type ChartOptions } from './markup.ts';
import { AXIS, NO_DATA_BACKGROUND, NO_DATA_STRIPE, TEXT } from './palette.ts';
import { textWidth, wrapText } from './text.ts';

export interface DistrictFeature {
  type?: 'Feature';
  properties: { ubigeo_inei: string; name?: string; [key: string]: unknown };
  geometry: AreaGeometry | null;
}

export interface DistrictCollection {
  type?: 'FeatureCollection';
  features: readonly DistrictFeature[];
}

export interface MapPoint {
  latitude: number;
  longitude: number;
  label: string;
}

export interface DistrictMapOptions extends ChartOptions {
  /** District boundaries, WGS84 Polygon/MultiPolygon features keyed by properties.ubigeo_inei. */
  geojson: DistrictCollection;
  /** Value per UBIGEO; null or missing is drawn as "sin datos". */
  values: Readonly<Record<string, number | null | undefined>>;
  format: (value: number) => string;
  /** Display name per UBIGEO ("Huancán"); falls back to properties.name. */
  names: Readonly<Record<string, string>>;
  /** Makes each district a link, e.g. (u) => `/distritos/${u}/`. */
  href?: (ubigeo: string) => string;
  /** UBIGEO of the district to outline. */
  highlight?: string;
  points?: readonly MapPoint[];
  legendTitle?: string;
  /** Fixed inner class thresholds (ascending, at most 4) instead of quantiles. */
  breaks?: readonly number[];
  /** Number of quantile classes, 1–5 (default 5). */
  classes?: number;
  /** Douglas–Peucker tolerance in viewBox units (default 0.6). */
  tolerance?: number;
}

const MARGIN = 8;
const ROW = 20;
const collator = new Intl.Collator('es');

interface District {
  ubigeo: string;
  name: string;
  value: number | null;
  rings: TenthsRing[];
}

/** Projects and simplifies every district; a district always keeps at least one ring. */
function projectDistricts(options: DistrictMapOptions, project: (lon: number, lat: number) => [number, number]): District[] {
  const tolerance = options.tolerance ?? 0.6;
  // A feature without geometry has nothing to draw or to link.
  const features = options.geojson.features.filter((feature) => polygonsOf(feature.geometry).length > 0);
  const shapes = features.map((feature) =>
    polygonsOf(feature.geometry).map((polygon) =>
      polygon.map((ring): Ring => {
        const points = ring.map(([lon, lat]) => project(lon, lat));
        const [first, last] = [points[0], points[points.length - 1]];
        if (points.length > 1 && first[0] === last[0] && first[1] === last[1]) points.pop();
        return points;
      }),
    ),
  );
  const flat = shapes.flat(2);
  const simplified = simplifyShared(flat, tolerance);
  let cursor = 0;
  return features.map((feature, f) => {
    const ubigeo = feature.properties.ubigeo_inei;
    const rings: TenthsRing[] = [];
    const fallback: TenthsRing[] = [];
    for (const polygon of shapes[f]) {
      let outerKept = false;
      polygon.forEach((original, r) => {
        const ring = roundRing(simplified[cursor++]);
        // A hole whose outer ring vanished has nothing left to cut.
        if (ring && (r === 0 || outerKept)) rings.push(ring);
        if (r === 0) {
          outerKept = ring !== null;
          const kept = roundRing(original);
          if (kept) fallback.push(kept);
        }
      });
    }
    if (rings.length === 0 && fallback.length === 0) {
      // Smaller than a tenth of a unit even unsimplified: a small diamond keeps it visible and clickable.
      const vertices = shapes[f].flat(2);
      const cx = Math.round((vertices.reduce((sum, p) => sum + p[0], 0) / vertices.length) * 10);
      const cy = Math.round((vertices.reduce((sum, p) => sum + p[1], 0) / vertices.length) * 10);
      fallback.push([[cx, cy - 20], [cx + 20, cy], [cx, cy + 20], [cx - 20, cy]]);
    }
    const raw = options.values[ubigeo];
    return {
      ubigeo,
      name: options.names[ubigeo] ?? (typeof feature.properties.name === 'string' ? feature.properties.name : ubigeo),
      value: typeof raw === 'number' && Number.isFinite(raw) ? raw : null,
      // A district too small to survive simplification is drawn unsimplified rather than lost.
      rings: rings.length > 0 ? rings : fallback,
    };
  });
}

function summarise(districts: readonly District[], options: DistrictMapOptions): string {
  const { format } = options;
  const withValue = districts.filter((d) => d.value !== null).sort((a, b) => b.value! - a.value! || collator.compare(a.name, b.name));
  const item = (d: District) => `${d.name} (${format(d.value!)})`;
  const sentences: string[] = [];
  if (withValue.length === 0) sentences.push('No hay datos para ningún distrito.');
  else if (withValue.length <= 6) sentences.push(`Valores de mayor a menor: ${joinSpanish(withValue.map(item))}.`);
  else {
    sentences.push(`Valores más altos: ${joinSpanish(withValue.slice(0, 3).map(item))}.`);
    sentences.push(`Valores más bajos: ${joinSpanish(withValue.slice(-3).reverse().map(item))}.`);
  }
  const missing = districts.filter((d) => d.value === null).map((d) => d.name).sort(collator.compare);
  if (missing.length > 0 && withValue.length > 0) {
    sentences.push(missing.length <= 5 ? `Sin datos: ${joinSpanish(missing)}.` : `Sin datos: ${missing.length} distritos.`);
  }
  const highlighted = districts.find((d) => d.ubigeo === options.highlight);
  if (highlighted) {
    sentences.push(`Distrito resaltado: ${highlighted.value === null ? `${highlighted.name} (sin datos)` : item(highlighted)}.`);
  }
  if (options.points && options.points.length > 0) sentences.push(`Ubicaciones marcadas: ${joinSpanish(options.points.map((p) => p.label))}.`);
  if (options.href) sentences.push('Cada distrito es un enlace a su página.');
  return sentences.join(' ');
}

export function districtMap(options: DistrictMapOptions): string {
  const width = chartWidth(options);
  const prefix = options.idPrefix;
  const points = options.points ?? [];
  const positions: Position[] = options.geojson.features.flatMap((f) => polygonsOf(f.geometry).flat(2));
  for (const point of points) positions.push([point.longitude, point.latitude]);
  if (positions.length === 0) throw new Error('districtMap: the GeoJSON has no polygon');
  const projection = fitProjection(boundsOf(positions), width, width * 1.3, MARGIN);
  const districts = projectDistricts(options, projection.project).sort(
    (a, b) => collator.compare(a.name, b.name) || a.ubigeo.localeCompare(b.ubigeo),
  );

  const values = districts.flatMap((d) => (d.value === null ? [] : [d.value]));
  const classes = classify(values, { format: options.format, breaks: options.breaks, classes: options.classes });
  const noDataId = `${prefix}-nodata`;
  const hasMissing = districts.some((d) => d.value === null);
  // Only the highlighted district needs an id: the overlay that outlines it points at it.
  const highlightId = `${prefix}-highlight`;

  const shapes = districts.map((d) => {
    const fill = d.value === null ? `url(#${noDataId})` : classes.colors[classOf(d.value, classes.thresholds)];
    const label = escapeXml(`${d.name}: ${d.value === null ? 'sin datos' : options.format(d.value)}`);
    const isHighlight = d.ubigeo === options.highlight;
    const attributes = `${isHighlight ? `id="${highlightId}" ` : ''}class="district${isHighlight ? ' district-highlight' : ''}" fill="${fill}" d="${ringsToPath(d.rings)}"`;
    // Without links the <title> gives mouse users a tooltip. A link is named by aria-label alone:
    // a <title> beside it would be announced a second time as the link's description.
    if (!options.href) return `<path ${attributes}><title>${label}</title></path>`;
    const current = isHighlight ? ' aria-current="true"' : '';
    return `<a href="${safeHref(options.href(d.ubigeo))}" aria-label="${label}"${current}><path ${attributes}/></a>`;
  });

  // The province's outer edge, drawn under the districts at double width so that half of it
  // shows: the lightest class keeps a 3:1 border against the white page.
  const outline = polylinesToPath(exteriorEdges(districts.flatMap((d) => d.rings)));
  let body =
    (hasMissing ? `<defs>${hatchPattern(noDataId, NO_DATA_STRIPE, NO_DATA_BACKGROUND)}</defs>` : '') +
    `<path class="outline" d="${outline}" fill="none" stroke="${AXIS}" stroke-width="3" stroke-linejoin="round"/>` +
    `<g class="districts" stroke="#fff" stroke-width="1" stroke-linejoin="round" fill-rule="evenodd">${shapes.join('')}</g>`;

  const highlighted = districts.find((d) => d.ubigeo === options.highlight);
  if (highlighted) {
    // White under dark keeps the outline visible on the darkest and the lightest class alike.
    const ref = `href="#${highlightId}"`;
    body +=
      `<g class="highlight" fill="none" stroke-linejoin="round" pointer-events="none" aria-hidden="true">` +
      `<use ${ref} stroke="#fff" stroke-width="5"/><use ${ref} stroke="${TEXT}" stroke-width="2.5"/></g>`;
  }

  for (const point of points) {
    const [x, y] = projection.project(point.longitude, point.latitude);
    const label = wrapText(point.label, width * 0.55, SMALL_FONT_SIZE, 1, true)[0];
    const labelWidth = textWidth(label, SMALL_FONT_SIZE, true);
    const right = x + 10 + labelWidth <= width - 2;
    const labelY = Math.min(Math.max(y + 4, 14), projection.height - 4);
    body +=
      `<g class="map-point"><circle cx="${n(x)}" cy="${n(y)}" r="5.5" fill="#fff" stroke="${TEXT}" stroke-width="2"/>` +
      `<circle cx="${n(x)}" cy="${n(y)}" r="2" fill="${TEXT}"/>` +
      textElement(right ? x + 10 : x - 10, labelY, label, `${right ? '' : 'text-anchor="end" '}font-size="${SMALL_FONT_SIZE}" font-weight="600" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`) +
      `</g>`;
  }

  // The legend sits under the map: beside it there is no room on a phone.
  let y = projection.height + 6;
  let legend = '';
  if (options.legendTitle) {
    for (const line of wrapText(options.legendTitle, width - 2 * MARGIN, FONT_SIZE, 2, true)) {
      y += 17;
      legend += textElement(MARGIN, y, line, 'font-weight="600"');
    }
    y += 6;
  }
  const rows: Array<{ fill: string; label: string }> = classes.labels.map((label, i) => ({ fill: classes.colors[i], label }));
  if (hasMissing) rows.push({ fill: `url(#${noDataId})`, label: 'Sin datos' });
  for (const row of rows) {
    const label = wrapText(row.label, width - 2 * MARGIN - 26, FONT_SIZE, 1)[0];
    legend +=
      `<g class="legend-item"><rect x="${MARGIN}" y="${n(y + 3)}" width="18" height="13" fill="${row.fill}" stroke="${AXIS}"/>` +
      `${textElement(MARGIN + 26, y + 14, label)}</g>`;
    y += ROW;
  }
  if (highlighted) {
    legend +=
      `<g class="legend-item"><rect x="${MARGIN}" y="${n(y + 3)}" width="18" height="13" fill="none" stroke="${TEXT}" stroke-width="2.5"/>` +
      `${textElement(MARGIN + 26, y + 14, wrapText(`Resaltado: ${highlighted.name}`, width - 2 * MARGIN - 26, FONT_SIZE, 1)[0])}</g>`;
    y += ROW;
  }
  body += `<g class="legend">${legend}</g>`;

  return svgDocument(
    { ...options, kind: 'map', height: y + 4, interactive: Boolean(options.href), summary: summarise(districts, options) },
    body,
  );
}
