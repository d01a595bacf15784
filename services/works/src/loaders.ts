/**
 * Per-request DataLoaders: every nested reference of a page of works (executor, department,
 * districts, progress, history, works sharing a CUI) is fetched in one statement per kind,
 * whatever the page size.
 */
import { type BaseContext, type EntityManager, byKey, groupByKey, withUuids } from '@articula/common';
import DataLoader from 'dataloader';
import type { AgencyType } from './modules/agency/agency.type.js';
import type { DepartmentType } from './modules/department/department.type.js';
import type { DistrictType } from './modules/district/district.type.js';
import { selectWorks } from './modules/work/work.sql.js';
import type { ProgressReportType, WorkChangeType, WorkType } from './modules/work/work.type.js';

export const DISTRICT_COLUMNS = `d.ubigeo::text as ubigeo, d.ubigeo_reniec::text as "ubigeoReniec", d.name, d.population, d.area_km2::float8 as "areaKm2",
  d.density::float8 as density, d.altitude_m as altitude, d.latitude::float8 as latitude, d.longitude::float8 as longitude, d.hdi::float8 as hdi,
  d.poverty_pct::float8 as "povertyRate", d.extreme_poverty_pct::float8 as "extremePovertyRate", d.food_vulnerability_index::float8 as "foodInsecurityIndex", d.area`;
export const AGENCY_COLUMNS = `a.id::text as id, a.name, a.acronym, a.level, a.is_municipality as "isMunicipality", a.website, a.ubigeo::text as ubigeo`;
export const DEPARTMENT_COLUMNS = `dep.id::text as id, dep.code, dep.name, json_build_object('name', dep.official_name, 'title', dep.official_title) as "responsibleOfficial"`;

const ph = (n: number) => Array.from({ length: n }, () => '?').join(', ');


export function createLoaders(em: EntityManager, today: string) {
  return {
    district: new DataLoader<string, DistrictType | null>(async (ubigeos) =>
      byKey(ubigeos, await em.execute<DistrictType[]>(`select ${DISTRICT_COLUMNS} from district d where d.ubigeo in (${ph(ubigeos.length)})`, [...ubigeos]), (d) => d.ubigeo),
    ),
    boundary: new DataLoader<string, object | null>(async (ubigeos) =>
      byKey(
        ubigeos,
        await em.execute<{ ubigeo: string; boundary: object }[]>(`select ubigeo::text as ubigeo, boundary from district where ubigeo in (${ph(ubigeos.length)})`, [...ubigeos]),
        (d) => d.ubigeo,
      ).map((r) => r?.boundary ?? null),
    ),
    agency: new DataLoader<string, AgencyType | null>(async (ids) =>
      byKey(ids, await withUuids(ids, (v) => em.execute<AgencyType[]>(`select ${AGENCY_COLUMNS} from agency a where a.id in (${ph(v.length)})`, v)), (a) => a.id),
    ),
    department: new DataLoader<string, DepartmentType | null>(async (ids) =>
      byKey(ids, await withUuids(ids, (v) => em.execute<DepartmentType[]>(`select ${DEPARTMENT_COLUMNS} from department dep where dep.id in (${ph(v.length)})`, v)), (d) => d.id),
    ),
    departmentByCode: new DataLoader<string, DepartmentType | null>(async (codes) =>
      byKey(codes, await em.execute<DepartmentType[]>(`select ${DEPARTMENT_COLUMNS} from department dep where dep.code in (${ph(codes.length)})`, [...codes]), (d) => d.code),
    ),
    districtsOfWork: new DataLoader<string, DistrictType[]>(async (workIds) => {
      const rows = await em.execute<(DistrictType & { workId: string })[]>(
        `select wd.work_id::text as "workId", ${DISTRICT_COLUMNS} from work_district wd join district d on d.ubigeo = wd.ubigeo
          where wd.work_id in (${ph(workIds.length)}) order by d.name`,
        [...workIds],
      );
      return groupByKey(workIds, rows, (r) => r.workId);
    }),
    progressOfWork: new DataLoader<string, ProgressReportType[]>(async (workIds) => {
      const rows = await em.execute<(ProgressReportType & { workId: string })[]>(
        `select work_id::text as "workId", id::text as id, reported_on::text as date, physical_progress::float8 as "physicalProgress", note, reported_by as "reportedBy"
           from progress_report where work_id in (${ph(workIds.length)}) order by reported_on, created_at`,
        [...workIds],
      );
      return groupByKey(workIds, rows, (r) => r.workId);
    }),
    historyOfWork: new DataLoader<string, WorkChangeType[]>(async (workIds) => {
      const rows = await em.execute<Record<string, any>[]>(
        `select work_id::text as "workId", id::text as id, changed_at as at, action, actor_kind as "actorKind",
                actor_department_id::text as "actorDepartmentId", actor_agency_id::text as "actorAgencyId", actor_key_prefix as "actorKeyPrefix", changes
           from work_change where work_id in (${ph(workIds.length)}) order by changed_at desc, id`,
        [...workIds],
      );
      const changes = rows.map((r) => ({
        ...r,
        at: new Date(r.at),
        changes: (r.changes as { field: string; from: unknown; to: unknown }[]).map((c) => ({
          field: c.field,
          from: c.from === undefined || c.from === null ? null : JSON.stringify(c.from),
          to: c.to === undefined || c.to === null ? null : JSON.stringify(c.to),
        })),
      })) as (WorkChangeType & { workId: string })[];
      return groupByKey(workIds, changes, (r) => r.workId);
    }),
    work: new DataLoader<string, WorkType | null>(async (ids) =>
      byKey(ids, await withUuids(ids, (v) => selectWorks(em, `w.id in (${ph(v.length)})`, v, today)), (w) => w.id),
    ),
    worksByCui: new DataLoader<string, WorkType[]>(async (cuis) =>
      groupByKey(cuis, await selectWorks(em, `w.cui in (${ph(cuis.length)})`, [...cuis], today, 'order by w.created_at, w.id'), (w) => w.cui!),
    ),
  };
}

export type WorksLoaders = ReturnType<typeof createLoaders>;

export interface WorksContext extends BaseContext {
  today: string;
  loaders: WorksLoaders;
  /** Coordination alerts are detected after a write commits, in the background: resolvers queue the works they wrote. */
  alerts: import('./modules/realtime/alert-detector.js').AlertDetector;
}
