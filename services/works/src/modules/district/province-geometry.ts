/**
 * Point-in-province checks against the districts' boundaries (simplified INEI limits from the
 * shared reference data), used to check that a work's location lies inside the province.
 */
import { loadDistrictReference } from '@articula/common';

type Ring = [number, number][];
let polygons: { ubigeo: string; rings: Ring[] }[] | undefined;

function load() {
  polygons ??= loadDistrictReference().flatMap((d) =>
    (d.boundary.type === 'Polygon' ? [d.boundary.coordinates] : d.boundary.coordinates).map((rings: Ring[]) => ({ ubigeo: d.ubigeo, rings })),
  );
  return polygons;
}

function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The UBIGEO of the district containing the point, or undefined when it is outside the province. */
export function districtAt(latitude: number, longitude: number): string | undefined {
  for (const { ubigeo, rings } of load()) {
    const [outer, ...holes] = rings;
    if (outer && inRing(longitude, latitude, outer) && !holes.some((h) => inRing(longitude, latitude, h))) return ubigeo;
  }
  return undefined;
}
