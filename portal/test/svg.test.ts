/**
 * Tests of the static SVG charts (src/lib/svg): geometry of the real 28-district map, the text
 * alternatives and ids, proportions of bars, the time axes, escaping, and a small
 * well-formedness check (no XML parser dependency).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  barChart,
  contrastRatio,
  districtMap,
  escapeXml,
  formatInteger,
  formatPercent,
  formatSoles,
  lineChart,
  monthlyCurve,
  phaseTimeline,
  quantileThresholds,
  type DistrictCollection,
  type DistrictMapOptions,
  type Phase,
} from '../src/lib/svg/index.ts';
import { exteriorEdges, ringsToPath, simplifyShared } from '../src/lib/svg/geo.ts';
import { wrapText } from '../src/lib/svg/text.ts';

const DATA = new URL('../../services/common/data/', import.meta.url);
const geojson = JSON.parse(readFileSync(new URL('huancayo-districts.geojson', DATA), 'utf8')) as DistrictCollection;
const csv = readFileSync(new URL('huancayo-districts.csv', DATA), 'utf8').trim().split('\n');
const header = csv[0].split(',');
const rows = csv.slice(1).map((line) => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell])));
const names: Record<string, string> = Object.fromEntries(rows.map((r) => [r.ubigeo_inei, r.name]));
/** Population: 28 distinct values, so quantiles give five full classes. */
const population: Record<string, number> = Object.fromEntries(rows.map((r) => [r.ubigeo_inei, Number(r.population_2020_estimate)]));
const ubigeos = geojson.features.map((f) => f.properties.ubigeo_inei);
const HOSTILE = '<script>alert("x")</script> & \'co\'';

// ---------------------------------------------------------------------------------------------
// Minimal markup inspection

interface Element {
  name: string;
  attributes: Record<string, string>;
}

/** Tag balance, quoted unique attributes, and no raw '<' or bare '&' in text. Returns the elements. */
function parse(svg: string): Element[] {
  const elements: Element[] = [];
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  let index = 0;
  while (index < svg.length) {
    const next = svg.indexOf('<', index);
    const text = svg.slice(index, next === -1 ? svg.length : next);
    if (text.includes('>')) throw new Error(`raw '>' in text: ${text}`);
    if (/&(?!(amp|lt|gt|quot|apos);)/.test(text)) throw new Error(`bare '&' in text: ${text}`);
    if (next === -1) break;
    tag.lastIndex = next;
    const match = tag.exec(svg);
    if (!match) throw new Error(`malformed tag at ${next}: ${svg.slice(next, next + 60)}`);
    const [, closing, name, attributeText, selfClosing] = match;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else {
      const attributes: Record<string, string> = {};
      for (const [, key, value] of attributeText.matchAll(/([\w:-]+)="([^"]*)"/g)) {
        if (key in attributes) throw new Error(`duplicate attribute ${key} on <${name}>`);
        if (/&(?!(amp|lt|gt|quot|apos);)/.test(value)) throw new Error(`bare '&' in attribute ${key}`);
        attributes[key] = value;
      }
      elements.push({ name, attributes });
      if (!selfClosing) stack.push(name);
    }
    index = tag.lastIndex;
  }
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(', ')}`);
  return elements;
}

const all = (svg: string, name: string) => parse(svg).filter((e) => e.name === name);
const hasClass = (e: Element, name: string) => (e.attributes.class ?? '').split(' ').includes(name);
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const viewBox = (svg: string) => parse(svg)[0].attributes.viewBox.split(' ').map(Number);
const descOf = (svg: string) => /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)![1];

/** Absolute vertices of a path written with M/m/L/l/H/h/V/v/Z/z. */
function pathPoints(d: string): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  let [x, y, startX, startY] = [0, 0, 0, 0];
  for (const [, command, args] of d.matchAll(/([MmLlHhVvZz])([^MmLlHhVvZz]*)/g)) {
    const numbers = (args.match(/-?(?:\d+\.?\d*|\.\d+)/g) ?? []).map(Number);
    const relative = command === command.toLowerCase();
    switch (command.toUpperCase()) {
      case 'Z':
        [x, y] = [startX, startY];
        break;
      case 'H':
        for (const value of numbers) points.push([(x = relative ? x + value : value), y]);
        break;
      case 'V':
        for (const value of numbers) points.push([x, (y = relative ? y + value : value)]);
        break;
      default:
        for (let i = 0; i < numbers.length; i += 2) {
          [x, y] = relative ? [x + numbers[i], y + numbers[i + 1]] : [numbers[i], numbers[i + 1]];
          if (command.toUpperCase() === 'M' && i === 0) [startX, startY] = [x, y];
          points.push([x, y]);
        }
    }
  }
  return points;
}

/** The district shapes of a map, with the name and value their link or tooltip gives them. */
function districtShapes(svg: string): Array<Record<string, string> & { label: string }> {
  const pattern = /(?:<a href="([^"]*)" aria-label="([^"]*)"[^>]*>)?<path ([^>]*?class="district[^"]*"[^>]*?)\/?>(?:<title>([^<]*)<\/title>)?/g;
  return [...svg.matchAll(pattern)].map((m) => ({ ...parse(`<path ${m[3]}/>`)[0].attributes, ...(m[1] ? { href: m[1] } : {}), label: m[2] ?? m[4] }));
}

const nameOf = (shape: { label: string }) => shape.label.split(':')[0];

function mapOptions(overrides: Partial<DistrictMapOptions> = {}): DistrictMapOptions {
  return {
    geojson,
    values: population,
    names,
    format: (v) => formatInteger(v),
    title: 'Población por distrito',
    description: 'Población estimada 2020 de cada distrito de la provincia de Huancayo.',
    idPrefix: 'pob',
    legendTitle: 'Habitantes',
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------

describe('districtMap', () => {
  const linked = districtMap(mapOptions({ href: (u) => `/distritos/${u}/`, highlight: '120101' }));

  it('draws one district shape per feature of the real GeoJSON, named after it', () => {
    for (const svg of [linked, districtMap(mapOptions())]) {
      const shapes = districtShapes(svg);
      expect(shapes).toHaveLength(28);
      expect(all(svg, 'path').filter((e) => hasClass(e, 'district'))).toHaveLength(28);
      expect(new Set(shapes.map(nameOf))).toEqual(new Set(Object.values(names)));
    }
    expect(new Set(districtShapes(linked).map((s) => s.href))).toEqual(new Set(ubigeos.map((u) => `/distritos/${u}/`)));
  });

  it('outlines the province without its inner borders', () => {
    const outline = all(linked, 'path').find((e) => hasClass(e, 'outline'))!;
    const inner = districtShapes(linked).reduce((sum, shape) => sum + pathPoints(shape.d).length, 0);
    // Every district shares most of its vertices, so the outline has far fewer than their sum.
    expect(pathPoints(outline.attributes.d).length).toBeLessThan(inner / 2);
    expect(pathPoints(outline.attributes.d).length).toBeGreaterThan(20);
  });

  it('keeps every projected vertex and marker inside the viewBox', () => {
    const svg = districtMap(mapOptions({ points: [{ latitude: -12.07, longitude: -75.21, label: 'Obra' }] }));
    const [minX, minY, width, height] = viewBox(svg);
    const vertices = all(svg, 'path').filter((e) => hasClass(e, 'district')).flatMap((e) => pathPoints(e.attributes.d));
    expect(vertices.length).toBeGreaterThan(28 * 3);
    for (const [x, y] of vertices) {
      expect(x).toBeGreaterThanOrEqual(minX);
      expect(x).toBeLessThanOrEqual(minX + width);
      expect(y).toBeGreaterThanOrEqual(minY);
      expect(y).toBeLessThanOrEqual(minY + height);
    }
    for (const circle of all(svg, 'circle')) {
      expect(Number(circle.attributes.cx)).toBeGreaterThan(0);
      expect(Number(circle.attributes.cx)).toBeLessThan(width);
      expect(Number(circle.attributes.cy)).toBeGreaterThan(0);
      expect(Number(circle.attributes.cy)).toBeLessThan(height);
    }
  });

  it('keeps the real map, with links, highlight and legend, under 12 KB', () => {
    expect(Buffer.byteLength(linked)).toBeLessThan(12 * 1024);
    // Without links and their names the map is mostly geometry.
    expect(Buffer.byteLength(districtMap(mapOptions()))).toBeLessThan(8 * 1024);
  });

  it('writes coordinates with at most one decimal', () => {
    const numbers = all(linked, 'path').filter((e) => hasClass(e, 'district')).flatMap((e) => e.attributes.d.match(/-?(?:\d+\.?\d*|\.\d+)/g) ?? []);
    expect(numbers.every((token) => !/\.\d{2}/.test(token))).toBe(true);
  });

  it('outlines exactly one district when one is highlighted', () => {
    const highlighted = districtShapes(linked).filter((shape) => hasClass({ name: 'path', attributes: shape }, 'district-highlight'));
    expect(highlighted.map((shape) => [shape.id, shape.href])).toEqual([['pob-highlight', '/distritos/120101/']]);
    expect(parse(linked).filter((e) => e.attributes['aria-current'])).toHaveLength(1);
    const overlay = all(linked, 'use').filter((e) => e.attributes.stroke === '#1a1a1a');
    expect(overlay.map((e) => e.attributes.href)).toEqual(['#pob-highlight']);
    expect(descOf(linked)).toContain('Distrito resaltado: Huancayo');
    expect(parse(districtMap(mapOptions())).filter((e) => hasClass(e, 'district-highlight'))).toHaveLength(0);
  });

  it('fills districts without a value with the hatch and adds a "Sin datos" legend entry', () => {
    const svg = districtMap(mapOptions({ values: { ...population, '120104': null, '120105': undefined } }));
    const fills = Object.fromEntries(districtShapes(svg).map((shape) => [nameOf(shape), shape.fill]));
    expect(fills[names['120104']]).toBe('url(#pob-nodata)');
    expect(fills[names['120105']]).toBe('url(#pob-nodata)');
    expect(districtShapes(svg).find((shape) => nameOf(shape) === names['120104'])!.label).toBe(`${names['120104']}: sin datos`);
    expect(Object.values(fills).filter((f) => f === 'url(#pob-nodata)')).toHaveLength(2);
    expect(all(svg, 'pattern').map((e) => e.attributes.id)).toEqual(['pob-nodata']);
    expect(texts(svg)).toContain('Sin datos');
    const complete = districtMap(mapOptions());
    expect(texts(complete)).not.toContain('Sin datos');
    expect(all(complete, 'pattern')).toHaveLength(0);
  });

  it('has five quantile classes, each used by some district, labelled with the values they hold', () => {
    const svg = districtMap(mapOptions());
    const swatches = parse(svg).filter((e) => e.name === 'rect' && e.attributes.width === '18');
    expect(swatches).toHaveLength(5);
    const used = new Set(all(svg, 'path').filter((e) => hasClass(e, 'district')).map((e) => e.attributes.fill));
    expect(new Set(swatches.map((s) => s.attributes.fill))).toEqual(used);
    const values = Object.values(population);
    const [firstThreshold] = quantileThresholds(values, 5);
    const firstClass = values.filter((v) => v < firstThreshold);
    expect(texts(svg)).toContain(`${formatInteger(Math.min(...firstClass))} – ${formatInteger(Math.max(...firstClass))}`);
  });

  it.each([
    [{ classes: 3 }, 3],
    [{ breaks: [10_000, 50_000] }, 3],
    [{ values: Object.fromEntries(ubigeos.map((u, i) => [u, i % 2])) }, 2],
    [{ values: {} }, 0],
  ] as Array<[Partial<DistrictMapOptions>, number]>)('legend classes follow the options (%j)', (overrides, classes) => {
    const svg = districtMap(mapOptions(overrides));
    const swatches = parse(svg).filter((e) => e.name === 'rect' && e.attributes.width === '18' && e.attributes.fill !== 'url(#pob-nodata)');
    expect(swatches).toHaveLength(classes);
  });

  it('labels fixed breaks as open-ended ranges', () => {
    const svg = districtMap(mapOptions({ breaks: [10_000, 50_000] }));
    expect(texts(svg)).toEqual(expect.arrayContaining(['menos de 10,000', '10,000 – 50,000', '50,000 o más']));
  });

  it('makes each district a named link inside role=group, and is role=img without links', () => {
    const root = parse(linked)[0];
    expect(root.attributes.role).toBe('group');
    expect(root.attributes['aria-labelledby']).toBe('pob-title');
    expect(root.attributes['aria-describedby']).toBe('pob-desc');
    const links = all(linked, 'a');
    expect(links).toHaveLength(28);
    expect(links.find((a) => a.attributes.href === '/distritos/120114/')!.attributes['aria-label']).toBe(`El Tambo: ${formatInteger(population['120114'])}`);
    expect(links.every((a) => /^[^:]+: \S/.test(a.attributes['aria-label']))).toBe(true);

    const plain = parse(districtMap(mapOptions()));
    expect(plain[0].attributes.role).toBe('img');
    expect(plain[0].attributes['aria-labelledby']).toBe('pob-title pob-desc');
    expect(plain.filter((e) => e.name === 'a')).toHaveLength(0);
  });

  it('refuses links with a script scheme', () => {
    expect(() => districtMap(mapOptions({ href: () => 'javascript:alert(1)' }))).toThrow(/no permitido/);
  });

  it('summarises the highest and lowest values in the description', () => {
    const desc = descOf(districtMap(mapOptions()));
    expect(desc).toMatch(/^Población estimada 2020/);
    expect(desc).toContain(`Valores más altos: El Tambo (${formatInteger(population['120114'])})`);
    expect(desc).toContain('Valores más bajos:');
  });

  it('marks points and names them in the description', () => {
    const svg = districtMap(mapOptions({ points: [{ latitude: -12.07, longitude: -75.21, label: HOSTILE }] }));
    expect(all(svg, 'g').filter((g) => hasClass(g, 'map-point'))).toHaveLength(1);
    expect(svg).not.toContain('<script');
    expect(descOf(svg)).toContain('Ubicaciones marcadas: &lt;script&gt;');
  });

  it('gives a finer tolerance more detail and a coarser one less', () => {
    const size = (tolerance: number) => Buffer.byteLength(districtMap(mapOptions({ tolerance })));
    expect(size(0)).toBeGreaterThan(size(0.6));
    expect(size(0.6)).toBeGreaterThan(size(3));
  });

  it('drops degenerate rings but never a whole district', () => {
    const square = [[-75, -12], [-74.9, -12], [-74.9, -12.1], [-75, -12.1], [-75, -12]];
    const collection: DistrictCollection = {
      features: [
        { properties: { ubigeo_inei: 'A' }, geometry: { type: 'MultiPolygon', coordinates: [[square], [[[-74.95, -12.2], [-74.94, -12.2], [-74.95, -12.2]]]] } },
        { properties: { ubigeo_inei: 'B' }, geometry: { type: 'Polygon', coordinates: [[[-74.8, -12.3], [-74.8000001, -12.3], [-74.8, -12.3000001], [-74.8, -12.3]]] } },
      ],
    };
    const svg = districtMap({ ...mapOptions(), geojson: collection, names: { A: 'A', B: 'B' }, values: { A: 1, B: 2 } });
    const shapes = districtShapes(svg);
    expect(shapes.map(nameOf)).toEqual(['A', 'B']);
    expect(shapes[0].d.match(/[Mm]/g)).toHaveLength(1);
    expect(pathPoints(shapes[1].d).length).toBeGreaterThanOrEqual(3);
  });
});

describe('simplifyShared', () => {
  it('simplifies a border shared by two rings identically on both sides', () => {
    // Two unit-ish squares sharing the wiggly vertical edge x≈10.
    const edge: Array<[number, number]> = [[10, 0], [10.2, 2], [9.9, 4], [10.1, 6], [10, 8], [10, 10]];
    const left: Array<[number, number]> = [[0, 0], ...edge, [0, 10]];
    const right: Array<[number, number]> = [[20, 10], ...[...edge].reverse(), [20, 0]];
    const [a, b] = simplifyShared([left, right], 0.5);
    const shared = (ring: Array<[number, number]>) => ring.filter(([x]) => x > 5 && x < 15).map(([x, y]) => `${x},${y}`).sort();
    expect(shared(a)).toEqual(shared(b));
    expect(shared(a).length).toBeLessThan(edge.length);
  });

  it('finds the outer edge of rings that share borders', () => {
    const left: Array<[number, number]> = [[0, 0], [10, 0], [10, 10], [0, 10]];
    const right: Array<[number, number]> = [[10, 0], [20, 0], [20, 10], [10, 10]];
    const edges = exteriorEdges([left, right]);
    const segments = edges.flatMap(({ points }) => points.slice(1).map((p, i) => `${points[i]}>${p}`));
    expect(segments).toHaveLength(6);
    expect(segments).not.toContain('10,0>10,10');
    expect(segments).not.toContain('10,10>10,0');
    expect(exteriorEdges([left])).toEqual([{ points: left, closed: true }]);
  });

  it('writes compact relative paths that parse back to the same points', () => {
    const ring: Array<[number, number]> = [[12, 5], [17, 5], [17, -3], [5, 0]];
    const d = ringsToPath([ring]);
    expect(d).toBe('M1.2.5l.5 0 0-.8-1.2.3z');
    expect(pathPoints(d)).toEqual([[1.2, 0.5], [1.7, 0.5], [1.7, -0.3], [0.5, 0]].map(([x, y]) => [expect.closeTo(x, 6), expect.closeTo(y, 6)]));
  });
});

describe('barChart', () => {
  const items = [
    { label: 'Huancayo', value: 1_200_000, href: '/distritos/120101/' },
    { label: 'El Tambo', value: 600_000, href: '/distritos/120114/' },
    { label: 'Chilca', value: 300_000 },
    { label: 'Sin dato', value: null },
  ];
  const chart = barChart({ title: 'Presupuesto por distrito', idPrefix: 'bar', items, format: (v) => formatSoles(v) });

  it('draws bars proportional to the values and prints each value', () => {
    const widths = all(chart, 'rect').filter((e) => hasClass(e, 'bar')).map((e) => Number(e.attributes.width));
    expect(widths).toHaveLength(3);
    expect(widths[1] / widths[0]).toBeCloseTo(0.5, 2);
    expect(widths[2] / widths[0]).toBeCloseTo(0.25, 2);
    expect(texts(chart)).toEqual(expect.arrayContaining([formatSoles(1_200_000), formatSoles(300_000), 'sin datos']));
  });

  it('draws a full-length bar at `max` and clamps larger values', () => {
    const svg = barChart({ title: 't', idPrefix: 'm', items: [{ label: 'a', value: 50 }, { label: 'b', value: 150 }], max: 100, format: (v) => formatPercent(v) });
    const [a, b] = all(svg, 'rect').filter((e) => hasClass(e, 'bar')).map((e) => Number(e.attributes.width));
    expect(a / b).toBeCloseTo(0.5, 2);
    expect(texts(svg)).toContain('150%');
  });

  it('names each linked row with its full label and value', () => {
    expect(parse(chart)[0].attributes.role).toBe('group');
    const links = all(chart, 'a');
    expect(links.map((a) => a.attributes.href)).toEqual(['/distritos/120101/', '/distritos/120114/']);
    expect(chart).toContain(`<title>Huancayo: ${formatSoles(1_200_000)}</title>`);
    expect(links.every((a) => hasClass(a, 'bar-item'))).toBe(true);
  });

  it('tells a second series apart by hatch and outline, with a legend', () => {
    const svg = barChart({
      title: 'PIM y devengado', idPrefix: 'pim', format: (v) => formatSoles(v),
      items: [{ label: 'Transporte', value: 800 }, { label: 'Salud', value: 400 }],
      secondary: [600, 100], seriesLabels: ['PIM', 'Devengado'],
    });
    const secondary = all(svg, 'rect').filter((e) => hasClass(e, 'bar-secondary'));
    expect(secondary).toHaveLength(2);
    expect(secondary.every((e) => e.attributes.fill === 'url(#pim-hatch)' && e.attributes.stroke)).toBe(true);
    expect(Number(secondary[0].attributes.width) / Number(all(svg, 'rect').filter((e) => hasClass(e, 'bar'))[0].attributes.width)).toBeCloseTo(0.75, 2);
    expect(texts(svg)).toEqual(expect.arrayContaining(['PIM', 'Devengado']));
    expect(descOf(svg)).toContain('Transporte: S/\u00a0800 (PIM) y S/\u00a0600 (Devengado)');
    expect(() => barChart({ title: 't', idPrefix: 'x', format: String, items: [{ label: 'a', value: 1 }], secondary: [1, 2], seriesLabels: ['a', 'b'] })).toThrow();
  });

  it('grows in height with the number of items', () => {
    const height = (count: number) => viewBox(barChart({ title: 't', idPrefix: 'h', format: String, items: Array.from({ length: count }, (_, i) => ({ label: `Item ${i}`, value: i })) }))[3];
    expect(height(10)).toBeGreaterThan(height(5));
    expect(height(10) - height(5)).toBeCloseTo(height(15) - height(10), 0);
  });

  it('wraps long labels and keeps every line within the width', () => {
    const label = 'MEJORAMIENTO DEL SERVICIO DE TRANSITABILIDAD VEHICULAR Y PEATONAL EN EL JIRÓN PUNO DEL DISTRITO DE HUANCAYO, PROVINCIA DE HUANCAYO, JUNÍN';
    const lines = wrapText(label, 384, 13, 3);
    expect(lines).toHaveLength(3);
    expect(lines[2].endsWith('…')).toBe(true);
    const svg = barChart({ title: 't', idPrefix: 'w', format: String, items: [{ label, value: 1 }] });
    expect(texts(svg).filter((t) => t.startsWith('MEJORAMIENTO') || t.includes('…'))).not.toHaveLength(0);
    expect(descOf(svg)).toContain(label);
  });

  it('says "Sin datos" when there are no items', () => {
    const svg = barChart({ title: 'Vacío', idPrefix: 'e', items: [], format: String });
    expect(texts(svg)).toEqual(['Sin datos']);
    expect(parse(svg)[0].attributes.role).toBe('img');
  });
});

describe('lineChart', () => {
  const progress = lineChart({
    title: 'Avance de la obra',
    idPrefix: 'avance',
    series: [
      { label: 'Avance físico', points: [{ x: '2024-07-15', y: 10 }, { x: '2024-08-20', y: 25 }, { x: '2024-09-30', y: 40 }, { x: '2024-12-10', y: 62 }] },
      { label: 'Avance financiero', points: [{ x: '2024-07', y: 5 }, { x: '2024-10', y: 30 }, { x: '2025-01', y: 55 }] },
    ],
  });

  it('tells series apart by dash pattern and marker shape, not only colour', () => {
    const lines = all(progress, 'path').filter((e) => e.attributes.fill === 'none' && e.attributes['stroke-width'] === '2.5');
    expect(lines).toHaveLength(2);
    expect(lines[0].attributes['stroke-dasharray']).toBeUndefined();
    expect(lines[1].attributes['stroke-dasharray']).toBeTruthy();
    const groups = progress.split('<g class="series series-').slice(1);
    expect(groups[0]).toContain('<circle');
    expect(groups[1]).toContain('<rect');
    expect(groups[0].match(/<circle/g)).toHaveLength(4);
  });

  it('labels the date axis with Peruvian month abbreviations', () => {
    const labels = texts(progress);
    expect(labels).toEqual(expect.arrayContaining(['set', '2024', '2025']));
    expect(labels).not.toContain('sep');
    expect(labels).toEqual(expect.arrayContaining(['0%', '50%', '100%']));
  });

  it('puts a single point mid-axis with a marker and no line', () => {
    const svg = lineChart({ title: 'Un registro', idPrefix: 'uno', series: [{ label: 'Avance físico', points: [{ x: '2024-03-15', y: 45 }] }] });
    const series = svg.split('<g class="series series-1">')[1];
    expect(series.match(/<circle/g)).toHaveLength(1);
    expect(series).not.toMatch(/stroke-width="2.5"/);
    const [cx] = /cx="([\d.]+)"/.exec(series)!.slice(1).map(Number);
    expect(cx / viewBox(svg)[2]).toBeGreaterThan(0.3);
    expect(cx / viewBox(svg)[2]).toBeLessThan(0.7);
    expect(descOf(svg)).toContain('Avance físico: 45% (15 mar 2024).');
  });

  it('returns a "Sin datos" chart for no points at all', () => {
    for (const series of [[], [{ label: 'Avance físico', points: [] }]]) {
      const svg = lineChart({ title: 'Avance', idPrefix: 'vacio', series });
      expect(texts(svg)).toEqual(['Sin datos']);
      expect(descOf(svg)).toContain('Sin datos');
    }
  });

  it('rejects dates in another format', () => {
    expect(() => lineChart({ title: 't', idPrefix: 't', series: [{ label: 'a', points: [{ x: '15/03/2024', y: 1 }] }] })).toThrow(/Fecha inválida/);
    expect(() => lineChart({ title: 't', idPrefix: 't', series: [{ label: 'a', points: [{ x: '2024-02-30', y: 1 }] }] })).toThrow(/Fecha inválida/);
  });
});

describe('phaseTimeline', () => {
  const phases: Phase[] = [
    { label: 'Preparación', plannedStart: '2025-01-06', plannedEnd: '2025-02-14', actualStart: '2025-01-08', actualEnd: '2025-02-20', state: 'DONE' },
    { label: 'Convocatoria e inscripción de agentes participantes', plannedStart: '2025-02-17', plannedEnd: '2025-03-03', state: 'DONE' },
    { label: 'Capacitación', plannedStart: '2025-03-04', plannedEnd: '2025-04-25', actualStart: '2025-03-06', state: 'IN_PROGRESS' },
    { label: 'Talleres de trabajo', plannedStart: '2025-04-28', plannedEnd: '2025-05-30', state: 'UPCOMING' },
  ];
  const svg = phaseTimeline({ title: 'Fases 2026', idPrefix: 'fases', phases, today: '2025-04-10' });

  it('marks the current phase with ●, done ones with ✓ and upcoming ones with ○', () => {
    const current = svg.split('<g class="phase phase-current">')[1].split('</g>')[0];
    expect(current).toContain('● Capacitación');
    expect(current).toContain('En curso · 4 mar – 25 abr · inició 6 mar');
    expect(svg.match(/class="phase phase-current"/g)).toHaveLength(1);
    expect(texts(svg).filter((t) => t.startsWith('✓'))).toHaveLength(2);
    expect(texts(svg)).toContain('○ Talleres de trabajo');
  });

  it('draws the "hoy" marker at one x across the axis and every phase', () => {
    const marks = all(svg, 'path').filter((e) => hasClass(e, 'today'));
    expect(marks).toHaveLength(phases.length + 1);
    expect(new Set(marks.map((m) => /^M([\d.]+)/.exec(m.attributes.d)![1])).size).toBe(1);
    expect(texts(svg)).toContain('hoy, 10 abr');
  });

  it('fills the current phase only up to today', () => {
    const current = svg.split('<g class="phase phase-current">')[1].split('</g>')[0];
    const planned = /class="planned" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(current)!.slice(1).map(Number);
    const actual = /class="actual" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(current)!.slice(1).map(Number);
    const todayX = Number(/class="today" d="M([\d.]+)/.exec(current)![1]);
    expect(actual[0] + actual[1]).toBeCloseTo(todayX, 0);
    expect(actual[0] + actual[1]).toBeLessThan(planned[0] + planned[1]);
  });

  it('describes every phase with its state and dates', () => {
    const desc = descOf(svg);
    expect(desc).toContain('Hoy: 10 abr 2025.');
    expect(desc).toContain('Fase en curso: Capacitación (4 mar – 25 abr).');
    expect(desc).toContain('4. Talleres de trabajo: próxima, programada del 28 abr al 30 may.');
  });

  it('adds the year to dates when the phases cross a year', () => {
    const crossing = phaseTimeline({ title: 't', idPrefix: 'y', today: '2025-01-10', phases: [{ label: 'A', plannedStart: '2024-11-04', plannedEnd: '2025-02-03', state: 'IN_PROGRESS' }] });
    expect(texts(crossing)).toContain('En curso · 4 nov 2024 – 3 feb 2025');
  });
});

describe('monthlyCurve', () => {
  const amounts = [100, 300, 200, 0, 500, 400, 100, 300, 200, 600, 100, 1200];
  const months = amounts.map((amount, i) => ({ month: i + 1, amount, cumulativeRate: i === 6 ? null : ((i + 1) / 12) * 100 }));
  const svg = monthlyCurve({ title: 'Ejecución 2024', idPrefix: 'mes', months, format: (v) => formatSoles(v) });

  it('labels the twelve months and draws bars proportional to the amounts', () => {
    expect(texts(svg)).toEqual(expect.arrayContaining(['ene', 'jun', 'set', 'dic']));
    const bars = all(svg, 'rect').filter((e) => hasClass(e, 'bar'));
    expect(bars).toHaveLength(11);
    const heights = bars.map((b) => Number(b.attributes.height));
    expect(heights[0] / heights[heights.length - 1]).toBeCloseTo(100 / 1200, 2);
  });

  it.each([[1200], [4_200_000], [14_800_000], [7]])('shares grid lines between soles and percent axes (max %d)', (max) => {
    const chart = monthlyCurve({ title: 't', idPrefix: 'g', format: String, months: [{ month: 1, amount: max, cumulativeRate: 10 }] });
    const percents = texts(chart).filter((t) => t.endsWith('%')).slice(0, -1).map((t) => Number(t.slice(0, -1)));
    expect([[0, 25, 50, 75, 100], [0, 20, 40, 60, 80, 100]]).toContainEqual(percents);
  });

  it('breaks the cumulative line at a month without a rate', () => {
    const line = svg.split('<g class="cumulative">')[1];
    const d = /d="([^"]+)"/.exec(line)![1];
    expect(d.match(/M/g)).toHaveLength(2);
    expect(line.match(/<circle/g)).toHaveLength(11);
  });

  it('summarises the total, the peak month and the last cumulative rate', () => {
    const desc = descOf(svg);
    expect(desc).toContain(`Total de los meses con datos: ${formatSoles(4000)}.`);
    expect(desc).toContain(`Mes con mayor monto: diciembre (${formatSoles(1200)}).`);
    expect(desc).toContain('Avance acumulado a diciembre: 100%.');
  });

  it('returns a "Sin datos" chart when no month has data', () => {
    expect(texts(monthlyCurve({ title: 't', idPrefix: 't', months: [], format: String }))).toEqual(['Sin datos']);
  });
});

describe('formatting', () => {
  it.each([
    [formatSoles(1234567), 'S/\u00a01,234,567'],
    [formatSoles(1234.5, 2), 'S/\u00a01,234.50'],
    [formatPercent(45.56), '45.6%'],
    [formatPercent(100), '100%'],
    [formatInteger(1234567.4), '1,234,567'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`<script>&"'\u0001`)).toBe('&lt;script&gt;&amp;&quot;&apos;');
  });
});

describe.each([
  ['map', (p: string, title: string) => districtMap(mapOptions({ idPrefix: p, title, href: (u) => `/d/${u}/`, highlight: '120114', values: { ...population, '120104': null } }))],
  ['bar', (p: string, title: string) => barChart({ idPrefix: p, title, format: String, items: [{ label: HOSTILE, value: 3, href: '/x?a=1&b=2' }], secondary: [2], seriesLabels: [HOSTILE, 'b'] })],
  ['line', (p: string, title: string) => lineChart({ idPrefix: p, title, series: [{ label: HOSTILE, points: [{ x: '2024-01', y: 3 }, { x: '2024-05', y: 9 }] }] })],
  ['timeline', (p: string, title: string) => phaseTimeline({ idPrefix: p, title, today: '2025-03-01', phases: [{ label: HOSTILE, plannedStart: '2025-02-01', plannedEnd: '2025-03-10', state: 'IN_PROGRESS' }] })],
  ['monthly', (p: string, title: string) => monthlyCurve({ idPrefix: p, title, format: String, seriesLabels: [HOSTILE, 'b'], months: [{ month: 2, amount: 5, cumulativeRate: 40 }] })],
])('%s chart', (_kind, render) => {
  const svg = render('uno', HOSTILE);
  // Parsed inside each test, so malformed output fails tests rather than the whole suite.
  let elements: Element[] = [];
  beforeEach(() => {
    elements = parse(svg);
  });

  it('is well-formed and escapes hostile text', () => {
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain('&lt;script&gt;');
  });

  it('has a title and a desc that label the root', () => {
    expect(elements[0].name).toBe('svg');
    expect(elements[1]).toEqual({ name: 'title', attributes: { id: 'uno-title' } });
    expect(elements[2]).toEqual({ name: 'desc', attributes: { id: 'uno-desc' } });
    const labelledBy = `${elements[0].attributes['aria-labelledby']} ${elements[0].attributes['aria-describedby'] ?? ''}`;
    expect(labelledBy.trim().split(' ').sort()).toEqual(['uno-desc', 'uno-title']);
    expect(descOf(svg).length).toBeGreaterThan(10);
  });

  it('prefixes every id and never repeats one, even beside another chart', () => {
    const ids = (markup: string) => parse(markup).flatMap((e) => (e.attributes.id ? [e.attributes.id] : []));
    expect(ids(svg).every((id) => id.startsWith('uno-'))).toBe(true);
    const both = [...ids(svg), ...ids(render('dos', 'Otro'))];
    expect(new Set(both).size).toBe(both.length);
    for (const element of elements) {
      for (const [name, value] of Object.entries(element.attributes)) {
        if (name === 'href' && value.startsWith('#')) expect(ids(svg)).toContain(value.slice(1));
        const reference = /url\(#([^)]+)\)/.exec(value);
        if (reference) expect(ids(svg)).toContain(reference[1]);
      }
    }
  });

  it('is responsive, self-contained and free of script', () => {
    const root = elements[0].attributes;
    expect(root.width).toBe('100%');
    expect(root.height).toBeUndefined();
    expect(root.viewBox).toMatch(/^0 0 400 \d+$/);
    expect(root['font-family']).toBe('system-ui, sans-serif');
    expect(root.style).toBe('max-width:400px;height:auto');
    expect(elements.map((e) => e.name)).not.toEqual(expect.arrayContaining(['script', 'foreignObject', 'image', 'style']));
    expect(elements.some((e) => Object.keys(e.attributes).some((a) => /^on/i.test(a)))).toBe(false);
    expect(elements.some((e) => e.attributes.href && /^(https?:)?\/\//.test(e.attributes.href))).toBe(false);
  });

  it('uses text of at least 11 units, dark enough on white', () => {
    const sizes = elements.filter((e) => e.attributes['font-size']).map((e) => Number(e.attributes['font-size']));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    for (const text of [elements[0], ...elements.filter((e) => e.name === 'text')]) {
      const fill = text.attributes.fill;
      if (fill) expect(contrastRatio(fill, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('draws marks of at least 3:1 against white', () => {
    const marks = elements.filter(
      (e) => hasClass(e, 'bar') || hasClass(e, 'actual') || hasClass(e, 'planned') || e.name === 'circle' || (e.attributes.stroke && e.attributes.fill === 'none'),
    );
    for (const mark of marks) {
      for (const colour of [mark.attributes.fill, mark.attributes.stroke]) {
        if (colour && /^#[0-9a-f]{6}$/i.test(colour)) {
          // White is the halo/separator drawn under or around a dark mark.
          if (colour.toLowerCase() !== '#ffffff') expect(contrastRatio(colour, '#ffffff')).toBeGreaterThanOrEqual(3);
        }
      }
    }
  });

  it('is deterministic', () => {
    expect(render('uno', HOSTILE)).toBe(svg);
  });
});

// ---------------------------------------------------------------------------------------------
// In a real browser, when one is installed (CHROMIUM_PATH or a system Chromium): axe-core on a
// page embedding every chart, and no text running outside its chart at a 320 px viewport.

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
  (path): path is string => Boolean(path) && existsSync(path!),
);

(chromium ? describe : describe.skip)('in Chromium at 320 px', () => {
  const charts = [
    districtMap(mapOptions({ idPrefix: 'm1', href: (u) => `/distritos/${u}/`, highlight: '120101', values: { ...population, '120104': null }, points: [{ latitude: -12.07, longitude: -75.21, label: 'Obra: mejoramiento del jirón Real' }] })),
    districtMap(mapOptions({ idPrefix: 'm2' })),
    barChart({
      title: 'Presupuesto por distrito', idPrefix: 'b1', format: (v) => formatSoles(v),
      items: [
        { label: 'Huancayo', value: 12_345_678, href: '/distritos/120101/' },
        { label: 'MEJORAMIENTO DEL SERVICIO DE TRANSITABILIDAD VEHICULAR Y PEATONAL EN EL JIRÓN PUNO DEL DISTRITO DE HUANCAYO', value: 5_400_000, href: '/obras/1/' },
        { label: 'Sin dato', value: null },
      ],
      secondary: [10_000_000, 100_000, null], seriesLabels: ['Presupuesto institucional modificado', 'Devengado'],
    }),
    lineChart({ title: 'Avance', idPrefix: 'l1', series: [
      { label: 'Avance físico', points: [{ x: '2024-01-15', y: 0 }, { x: '2024-06-01', y: 40 }, { x: '2025-01-10', y: 80 }] },
      { label: 'Avance financiero', points: [{ x: '2024-02', y: 5 }, { x: '2024-12', y: 70 }] },
    ] }),
    lineChart({ title: 'Un registro', idPrefix: 'l2', series: [{ label: 'Avance físico', points: [{ x: '2024-03-15', y: 45 }] }] }),
    phaseTimeline({ title: 'Fases', idPrefix: 't1', today: '2025-04-10', phases: [
      { label: 'Convocatoria e inscripción de agentes participantes', plannedStart: '2025-01-06', plannedEnd: '2025-02-14', actualStart: '2025-01-08', actualEnd: '2025-02-20', state: 'DONE' },
      { label: 'Capacitación', plannedStart: '2025-03-04', plannedEnd: '2025-04-25', state: 'IN_PROGRESS' },
      { label: 'Talleres de trabajo', plannedStart: '2025-04-28', plannedEnd: '2025-05-30', state: 'UPCOMING' },
    ] }),
    monthlyCurve({ title: 'Ejecución mensual', idPrefix: 'c1', format: (v) => formatSoles(v), months: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, amount: (i + 1) * 1_234_567, cumulativeRate: i < 9 ? ((i + 1) * (i + 2)) / 1.56 : null })) }),
  ];
  const html =
    '<!doctype html><html lang="es-PE"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
    `<title>Gráficos</title></head><body style="margin:16px"><main><h1>Gráficos</h1>${charts.map((c) => `<figure style="margin:0 0 24px">${c}</figure>`).join('')}</main></body></html>`;

  it('has no axe-core violations and no text outside its chart', async () => {
    const { chromium: launcher } = await import('playwright-core');
    const browser = await launcher.launch({ executablePath: chromium, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
      await page.setContent(html);
      await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
      const violations = await page.evaluate(async () => {
        const result = await (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run();
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations).toEqual([]);
      const overflow = await page.evaluate(() => {
        const out: string[] = [];
        for (const svg of document.querySelectorAll('svg')) {
          const [, , width, height] = svg.getAttribute('viewBox')!.split(' ').map(Number);
          for (const text of svg.querySelectorAll('text')) {
            const box = text.getBBox();
            if (box.x < -0.5 || box.y < -0.5 || box.x + box.width > width + 0.5 || box.y + box.height > height + 0.5) out.push(`${svg.id || svg.getAttribute('aria-labelledby')}: ${text.textContent}`);
          }
        }
        return out;
      });
      expect(overflow).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    } finally {
      await browser.close();
    }
  });
});
