/**
 * The province's district boundaries (simplified INEI limits, from ../shared/data), used to check
 * that a work's location lies inside the province. Loaded once per process.
 */
import { readFileSync } from 'node:fs';

type Ring = [number, number][];
interface Feature {
  properties: { ubigeo_inei: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: any };
}

export const DATA_DIR = new URL('../../../data/', import.meta.url);

let polygons: { ubigeo: string; rings: Ring[] }[] | undefined;

function load() {
  if (!polygons) {
    const geo = JSON.parse(readFileSync(new URL('huancayo-districts.geojson', DATA_DIR), 'utf8')) as { features: Feature[] };
    polygons = geo.features.flatMap((f) =>
      (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).map((rings: Ring[]) => ({ ubigeo: f.properties.ubigeo_inei, rings })),
    );
  }
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
