/**
 * The reference data of the province's 28 districts (data/, see its README for sources and
 * attribution): INEI codes, population, area, poverty and boundaries. Static public data that any
 * service may read; the works subgraph owns the district records the API serves.
 */
import { readFileSync } from 'node:fs';

export const REFERENCE_DATA_DIR = new URL('../data/', import.meta.url);
/** A district is URBAN at this population density (inhabitants/km²) or more. */
export const URBAN_DENSITY_THRESHOLD = 500;

export interface DistrictReference {
  ubigeo: string;
  ubigeoReniec: string;
  name: string;
  areaKm2: string;
  density: string;
  population: number;
  altitudeM: number;
  latitude: number;
  longitude: number;
  hdi: string;
  povertyPct: number;
  extremePovertyPct: string;
  foodVulnerabilityIndex: string;
  area: 'URBAN' | 'RURAL';
  boundary: { type: 'Polygon' | 'MultiPolygon'; coordinates: any };
}

let cache: DistrictReference[] | undefined;

export function loadDistrictReference(): DistrictReference[] {
  if (cache) return cache;
  const [header, ...lines] = readFileSync(new URL('huancayo-districts.csv', REFERENCE_DATA_DIR), 'utf8').trim().split('\n');
  const columns = header!.split(',');
  const geo = JSON.parse(readFileSync(new URL('huancayo-districts.geojson', REFERENCE_DATA_DIR), 'utf8')) as {
    features: { properties: { ubigeo_inei: string }; geometry: DistrictReference['boundary'] }[];
  };
  const boundaries = new Map(geo.features.map((f) => [f.properties.ubigeo_inei, f.geometry]));
  cache = lines.map((line) => {
    const v = Object.fromEntries(line.split(',').map((cell, i) => [columns[i]!, cell.trim()]));
    const boundary = boundaries.get(v.ubigeo_inei!);
    if (!boundary) throw new Error(`no boundary for district ${v.ubigeo_inei}`);
    return {
      ubigeo: v.ubigeo_inei!,
      ubigeoReniec: v.ubigeo_reniec!,
      name: v.name!,
      areaKm2: v.area_km2!,
      density: v.population_density_2020!,
      population: Number(v.population_2020_estimate),
      altitudeM: Number(v.altitude_m),
      latitude: Number(v.latitude),
      longitude: Number(v.longitude),
      hdi: v.hdi_2019!,
      povertyPct: Number(v.poverty_pct),
      extremePovertyPct: v.extreme_poverty_pct!,
      foodVulnerabilityIndex: v.food_insecurity_vulnerability_index!,
      area: Number(v.population_density_2020) >= URBAN_DENSITY_THRESHOLD ? 'URBAN' : 'RURAL',
      boundary,
    };
  });
  return cache;
}
