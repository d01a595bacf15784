/**
 * Owns turning WGS84 polygons into compact SVG path data: an equirectangular projection with
 * longitude scaled by cos(mean latitude) (the province spans one degree, so nothing fancier is
 * needed), Douglas–Peucker simplification that keeps shared borders shared, and path strings in
 * tenths of a unit with relative commands.
 *
 * Simplifying each district on its own would move a shared border differently on either side and
 * open slivers between neighbours; instead rings are cut into arcs at junctions (vertices where
 * more than two borders meet) and each arc is simplified once and reused by both districts.
 */

export type Position = number[];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}

export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface Bounds {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}

type Point = [number, number];

/** The polygons of a geometry as lists of rings (first the outer ring, then holes). */
export function polygonsOf(geometry: AreaGeometry | null | undefined): Position[][][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  throw new Error(`Unsupported geometry type: ${(geometry as { type: string }).type}`);
}

export function boundsOf(positions: Iterable<Position>): Bounds {
  const bounds: Bounds = { minLon: Infinity, maxLon: -Infinity, minLat: Infinity, maxLat: -Infinity };
  for (const [lon, lat] of positions) {
    bounds.minLon = Math.min(bounds.minLon, lon);
    bounds.maxLon = Math.max(bounds.maxLon, lon);
    bounds.minLat = Math.min(bounds.minLat, lat);
    bounds.maxLat = Math.max(bounds.maxLat, lat);
  }
  return bounds;
}

export interface Projection {
  project(lon: number, lat: number): Point;
  /** Height of the projected bounds plus margins, for a given width. */
  height: number;
}

/**
 * Fits the bounds into a box `width` wide (and at most `maxHeight` tall) with `margin` on every
 * side, centring the shorter dimension.
 */
export function fitProjection(bounds: Bounds, width: number, maxHeight: number, margin: number): Projection {
  const kx = Math.cos((((bounds.minLat + bounds.maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((bounds.maxLon - bounds.minLon) * kx, 1e-9);
  const spanY = Math.max(bounds.maxLat - bounds.minLat, 1e-9);
  const scale = Math.min((width - 2 * margin) / spanX, (maxHeight - 2 * margin) / spanY);
  const height = spanY * scale + 2 * margin;
  const offsetX = (width - spanX * scale) / 2;
  return {
    height,
    project: (lon, lat) => [offsetX + (lon - bounds.minLon) * kx * scale, margin + (bounds.maxLat - lat) * scale],
  };
}

function key(point: Point): string {
  return `${point[0]},${point[1]}`;
}

function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker on an open polyline; both ends are kept. */
export function simplifyLine(points: readonly Point[], tolerance: number): Point[] {
  if (points.length <= 2 || tolerance <= 0) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let distance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance(points[i], points[first], points[last]);
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/** A closed arc has no fixed ends: split it at the vertex farthest from its start. */
function simplifyClosed(points: readonly Point[], tolerance: number): Point[] {
  let farthest = 0;
  let distance = -1;
  for (let i = 1; i < points.length; i++) {
    const d = Math.hypot(points[i][0] - points[0][0], points[i][1] - points[0][1]);
    if (d > distance) {
      distance = d;
      farthest = i;
    }
  }
  const first = simplifyLine([...points.slice(0, farthest + 1)], tolerance);
  const second = simplifyLine([...points.slice(farthest), points[0]], tolerance);
  return [...first, ...second.slice(1, -1)];
}

/** Projected rings without the closing repeat of the first vertex. */
export type Ring = Point[];

/**
 * Simplifies all rings of all shapes together so that a border shared by two rings (same
 * vertices, either direction) comes out identical in both.
 */
export function simplifyShared(rings: readonly Ring[], tolerance: number): Ring[] {
  const neighbours = new Map<string, Set<string>>();
  for (const ring of rings) {
    ring.forEach((point, i) => {
      const k = key(point);
      let set = neighbours.get(k);
      if (!set) neighbours.set(k, (set = new Set()));
      set.add(key(ring[(i + ring.length - 1) % ring.length]));
      set.add(key(ring[(i + 1) % ring.length]));
    });
  }
  const isJunction = (point: Point) => (neighbours.get(key(point))?.size ?? 0) > 2;
  const cache = new Map<string, Point[]>();

  // One result per arc whatever the direction it is walked in, so both neighbours agree.
  const simplifyArc = (arc: Point[], closed: boolean): Point[] => {
    const forward = arc.map(key).join(';');
    // A closed arc keeps its start vertex when walked the other way.
    const reversedArc = closed ? [arc[0], ...arc.slice(1).reverse()] : [...arc].reverse();
    const backward = reversedArc.map(key).join(';');
    const canonical = forward <= backward ? arc : reversedArc;
    const cacheKey = `${closed ? 'c' : 'o'}${forward <= backward ? forward : backward}`;
    let simplified = cache.get(cacheKey);
    if (!simplified) {
      simplified = closed ? simplifyClosed(canonical, tolerance) : simplifyLine(canonical, tolerance);
      cache.set(cacheKey, simplified);
    }
    if (canonical === arc) return simplified;
    return closed ? [simplified[0], ...simplified.slice(1).reverse()] : [...simplified].reverse();
  };

  return rings.map((ring) => {
    if (ring.length < 3) return [...ring];
    const junctions = ring.map((point, i) => (isJunction(point) ? i : -1)).filter((i) => i >= 0);
    if (junctions.length === 0) {
      // Start at the smallest vertex so a ring shared whole (an enclave and its hole) aligns.
      let start = 0;
      ring.forEach((point, i) => {
        if (point[0] < ring[start][0] || (point[0] === ring[start][0] && point[1] < ring[start][1])) start = i;
      });
      return simplifyArc([...ring.slice(start), ...ring.slice(0, start)], true);
    }
    const result: Point[] = [];
    for (let j = 0; j < junctions.length; j++) {
      const from = junctions[j];
      const to = junctions[(j + 1) % junctions.length];
      const arc: Point[] = [];
      for (let i = from; ; i = (i + 1) % ring.length) {
        arc.push(ring[i]);
        if (arc.length > 1 && i === to) break;
      }
      result.push(...simplifyArc(arc, false).slice(0, -1));
    }
    return result;
  });
}

/** Integer tenths of a unit: rounding once here keeps relative steps exact. */
export type TenthsRing = Array<[number, number]>;

function signedArea(ring: TenthsRing): number {
  let area = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    area += x1 * y2 - x2 * y1;
  }
  return area / 2;
}

/** Rounds to tenths, drops repeated vertices, and returns null for a ring with no area left. */
export function roundRing(ring: Ring): TenthsRing | null {
  const rounded: TenthsRing = [];
  for (const [x, y] of ring) {
    const point: [number, number] = [Math.round(x * 10), Math.round(y * 10)];
    const previous = rounded[rounded.length - 1];
    if (!previous || previous[0] !== point[0] || previous[1] !== point[1]) rounded.push(point);
  }
  while (rounded.length > 1 && rounded[0][0] === rounded[rounded.length - 1][0] && rounded[0][1] === rounded[rounded.length - 1][1]) {
    rounded.pop();
  }
  return rounded.length >= 3 && signedArea(rounded) !== 0 ? rounded : null;
}

/** Prints integer tenths as the shortest decimal: 5 → ".5", -15 → "-1.5", 20 → "2". */
function tenths(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const whole = Math.floor(abs / 10);
  const fraction = abs % 10;
  if (fraction === 0) return `${sign}${whole}`;
  return `${sign}${whole === 0 ? '' : whole}.${fraction}`;
}

/** An open or closed run of vertices in integer tenths. */
export interface Polyline {
  points: TenthsRing;
  closed: boolean;
}

/**
 * Writes polylines as one path: the first vertex absolute, everything else relative, numbers
 * separated only where the parser needs it ("1.5.3" is 1.5 then .3; "1-2" is 1 then -2).
 */
export function polylinesToPath(lines: readonly Polyline[]): string {
  let out = '';
  let needsSeparator = false;
  let lastHadDot = false;
  const command = (letter: string) => {
    out += letter;
    needsSeparator = false;
    lastHadDot = false;
  };
  const number = (value: number) => {
    const token = tenths(value);
    if (needsSeparator && !token.startsWith('-') && !(token.startsWith('.') && lastHadDot)) out += ' ';
    out += token;
    needsSeparator = true;
    lastHadDot = token.includes('.');
  };
  let current: [number, number] | null = null;
  for (const { points, closed } of lines) {
    if (points.length < 2) continue;
    if (current === null) {
      command('M');
      number(points[0][0]);
      number(points[0][1]);
    } else {
      command('m');
      number(points[0][0] - current[0]);
      number(points[0][1] - current[1]);
    }
    command('l');
    for (let i = 1; i < points.length; i++) {
      number(points[i][0] - points[i - 1][0]);
      number(points[i][1] - points[i - 1][1]);
    }
    if (closed) command('z');
    // After "z" the pen is back at the start of the subpath.
    current = closed ? points[0] : points[points.length - 1];
  }
  return out;
}

export function ringsToPath(rings: readonly TenthsRing[]): string {
  return polylinesToPath(rings.map((points) => ({ points, closed: true })));
}

/**
 * The edges of the rings that belong to one ring only: the outer edge of the whole set of shapes.
 * Shared borders are identical after simplifyShared, so they cancel out exactly.
 */
export function exteriorEdges(rings: readonly TenthsRing[]): Polyline[] {
  const edgeKey = (a: [number, number], b: [number, number]) => {
    const [p, q] = a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]) ? [a, b] : [b, a];
    return `${p[0]},${p[1]},${q[0]},${q[1]}`;
  };
  const uses = new Map<string, number>();
  for (const ring of rings) {
    ring.forEach((point, i) => {
      const k = edgeKey(point, ring[(i + 1) % ring.length]);
      uses.set(k, (uses.get(k) ?? 0) + 1);
    });
  }
  const lines: Polyline[] = [];
  for (const ring of rings) {
    const exterior = ring.map((point, i) => uses.get(edgeKey(point, ring[(i + 1) % ring.length])) === 1);
    if (exterior.every(Boolean)) {
      lines.push({ points: ring, closed: true });
      continue;
    }
    // Start right after a shared edge so every run of exterior edges is written in one piece.
    const start = exterior.findIndex((isExterior, i) => isExterior && !exterior[(i + ring.length - 1) % ring.length]);
    if (start === -1) continue;
    let run: TenthsRing = [];
    for (let step = 0; step < ring.length; step++) {
      const i = (start + step) % ring.length;
      if (exterior[i]) {
        if (run.length === 0) run.push(ring[i]);
        run.push(ring[(i + 1) % ring.length]);
      } else if (run.length > 0) {
        lines.push({ points: run, closed: false });
        run = [];
      }
    }
    if (run.length > 0) lines.push({ points: run, closed: false });
  }
  return lines;
}
