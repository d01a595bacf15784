/**
 * Where data enters the site: the pages read the exported dataset files (and the catalog written
 * with them) through this module only, so that what a page shows is what the download holds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SiteCatalog } from './export/write.ts';
import type { WorkRecord } from './records.ts';

type Row = Record<string, any>;

export interface SiteData {
  catalog: SiteCatalog;
  generatedAt: string;
  /** The day of the export in Peru (UTC−5), 'YYYY-MM-DD'. */
  today: string;
  works: WorkRecord[];
  workById: Map<string, WorkRecord>;
  districts: Row[];
  districtByUbigeo: Map<string, Row>;
  districtsGeo: { type: 'FeatureCollection'; features: any[] };
  /** The boundaries keyed as the map drawing expects them. */
  districtShapes: { type: 'FeatureCollection'; features: Array<{ type: 'Feature'; properties: { ubigeo_inei: string; name: string }; geometry: any }> };
  areas: Row[];
  departments: Row[];
  departmentByCode: Map<string, Row>;
  agencies: Row[];
  organizations: Row[];
  meetings: Row[];
  agreements: Row[];
  agreementById: Map<string, Row>;
  followUps: Row[];
  agreementStats: Row[];
  requestStats: Row[];
  budgets: Row[];
  proposals: Row[];
  populationRule: Row[];
  budgetLines: Row[];
  /** The JSON Schema of an intervention agencies send (docs/interventions, published under /formato/intervenciones/). */
  interventionSchema: { required: string[]; properties: Record<string, { description?: string; type?: string | string[]; enum?: string[]; $ref?: string }> };
}

let cached: SiteData | undefined;

export function workDir(): string {
  const dir = process.env.PORTAL_WORK_DIR;
  if (!dir) throw new Error('PORTAL_WORK_DIR is not set: build the site with `npm run site -w @articula/portal` (it runs the data step first)');
  return dir;
}

export function siteData(): SiteData {
  if (cached) return cached;
  const dir = workDir();
  const read = (file: string) => JSON.parse(readFileSync(path.join(dir, 'public', 'datos', file), 'utf8'));
  const catalog = JSON.parse(readFileSync(path.join(dir, 'catalog.json'), 'utf8')) as SiteCatalog;
  const works = read('obras.json') as WorkRecord[];
  const districts = read('distritos.json') as Row[];
  const departments = read('gerencias.json') as Row[];
  const agreements = read('acuerdos.json') as Row[];
  const generatedAt = catalog.meta.generatedAt;
  const districtsGeo = read('distritos.geojson');
  cached = {
    catalog,
    generatedAt,
    today: new Date(Date.parse(generatedAt) - 5 * 3600_000).toISOString().slice(0, 10),
    works,
    workById: new Map(works.map((w) => [w.id, w])),
    districts,
    districtByUbigeo: new Map(districts.map((d) => [d.ubigeo, d])),
    districtsGeo,
    districtShapes: {
      type: 'FeatureCollection',
      features: districtsGeo.features.map((f: any) => ({ type: 'Feature', properties: { ubigeo_inei: f.properties.ubigeo, name: f.properties.name }, geometry: f.geometry })),
    },
    areas: read('inversion-por-ambito.json'),
    departments,
    departmentByCode: new Map(departments.map((d) => [d.code, d])),
    agencies: read('entidades.json'),
    organizations: read('organizaciones.json'),
    meetings: read('reuniones.json'),
    agreements,
    agreementById: new Map(agreements.map((a) => [a.id, a])),
    followUps: read('acuerdos-seguimiento.json'),
    agreementStats: read('acuerdos-cumplimiento.json'),
    requestStats: read('atencion-ciudadana.json'),
    budgets: read('presupuesto-participativo.json'),
    proposals: read('presupuesto-participativo-propuestas.json'),
    populationRule: read('presupuesto-participativo-regla-poblacional.json'),
    budgetLines: read('ejecucion-presupuestal.json'),
    interventionSchema: JSON.parse(readFileSync(path.join(dir, 'public', 'formato', 'intervenciones', 'intervention.schema.json'), 'utf8')),
  };
  return cached;
}

/** The process citizens can take part in now: the newest one (its year is the coming fiscal year). */
export function currentBudget(data: SiteData): Row | undefined {
  return [...data.budgets].sort((a, b) => b.year - a.year)[0];
}
