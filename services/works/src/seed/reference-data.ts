/**
 * The 28 districts of the province, from the reference data copied from ../shared/data (see
 * data/README.md for sources and attribution). URBAN/RURAL is derived here: a district is URBAN
 * at 500 inhabitants per km² or more.
 */
import { readFileSync } from 'node:fs';
import { DATA_DIR } from '../modules/district/province-geometry.js';
import type { DistrictInfo } from './demo-data.js';

export const URBAN_DENSITY_THRESHOLD = 500;

export interface DistrictRecord extends DistrictInfo {
  ubigeoReniec: string;
  areaKm2: string;
  density: string;
  altitudeM: number;
  hdi: string;
  povertyPct: number;
  extremePovertyPct: string;
  foodVulnerabilityIndex: string;
  boundary: object;
}

export function loadDistricts(): DistrictRecord[] {
  const [header, ...lines] = readFileSync(new URL('huancayo-districts.csv', DATA_DIR), 'utf8').trim().split('\n');
  const columns = header!.split(',');
  const geo = JSON.parse(readFileSync(new URL('huancayo-districts.geojson', DATA_DIR), 'utf8')) as {
    features: { properties: { ubigeo_inei: string }; geometry: object }[];
  };
  const boundaries = new Map(geo.features.map((f) => [f.properties.ubigeo_inei, f.geometry]));
  return lines.map((line) => {
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
}
