/** The works list's filters: each is a facet with values, and each value has its own static pages (no JavaScript needed). */
import type { WorkRecord } from './records.ts';
import { LEVEL, SECTOR, STATUS } from './labels.ts';
import type { SiteData } from './site-data.ts';

export interface Facet { key: string; title: string; values: Array<{ value: string; label: string; test: (w: WorkRecord) => boolean }> }

const slug = (code: string) => code.toLowerCase().replace(/_/g, '-');

export function workFacets(data: SiteData): Facet[] {
  return [
    { key: 'distrito', title: 'Distrito', values: [...data.districts].sort((a, b) => a.name.localeCompare(b.name, 'es')).map((d) => ({ value: d.ubigeo, label: d.name, test: (w) => w.district_ubigeos.includes(d.ubigeo) })) },
    { key: 'nivel', title: 'Nivel de gobierno', values: Object.entries(LEVEL).map(([code, label]) => ({ value: slug(code), label, test: (w) => w.executor_level === code })) },
    { key: 'estado', title: 'Estado', values: Object.entries(STATUS).map(([code, label]) => ({ value: slug(code), label, test: (w) => w.status === code })) },
    { key: 'sector', title: 'Sector', values: Object.entries(SECTOR).map(([code, label]) => ({ value: slug(code), label, test: (w) => w.sector === code })) },
  ];
}

export const WORKS_PAGE_SIZE = 40;
