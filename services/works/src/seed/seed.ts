/**
 * Loads the reference districts when the schema has none, and the deterministic demo data when
 * there are no works and demo data is wanted. Rows go in with multi-row INSERTs, in one transaction.
 */
import { type EntityManager, insertRows, loadDistrictReference } from '@articula/common';
import { type DemoData, generateDemoData } from './demo-data.js';

export interface SeedResult {
  districts: number;
  works: number;
}

export async function seed(em: EntityManager, options: { demo: boolean; scale?: number }): Promise<SeedResult> {
  return em.transactional(async (tx) => {
    const result: SeedResult = { districts: 0, works: 0 };
    const districts = loadDistrictReference();
    const [{ n: districtCount }] = (await tx.execute<{ n: string }[]>('select count(*) as n from district')) as [{ n: string }];
    if (Number(districtCount) === 0) {
      await insertRows(
        tx,
        'district',
        ['ubigeo', 'ubigeo_reniec', 'name', 'area_km2', 'population', 'density', 'altitude_m', 'latitude', 'longitude', 'hdi', 'poverty_pct', 'extreme_poverty_pct', 'food_vulnerability_index', 'area', 'boundary'],
        districts.map((d) => [d.ubigeo, d.ubigeoReniec, d.name, d.areaKm2, d.population, d.density, d.altitudeM, d.latitude, d.longitude, d.hdi, d.povertyPct, d.extremePovertyPct, d.foodVulnerabilityIndex, d.area, JSON.stringify(d.boundary)]),
        { boundary: 'jsonb' },
      );
      result.districts = districts.length;
    }
    const [{ n: workCount }] = (await tx.execute<{ n: string }[]>('select count(*) as n from work')) as [{ n: string }];
    if (options.demo && Number(workCount) === 0) {
      const data = generateDemoData(districts, { scale: options.scale ?? 1 });
      await insertDemoData(tx, data);
      result.works = data.works.length;
    }
    return result;
  });
}

async function insertDemoData(em: EntityManager, data: DemoData) {
  const [{ n }] = (await em.execute<{ n: string }[]>('select count(*) as n from agency')) as [{ n: string }];
  if (Number(n) === 0) {
    await insertRows(em, 'agency', ['id', 'name', 'acronym', 'level', 'is_municipality', 'ubigeo', 'website'],
      data.agencies.map((a) => [a.id, a.name, a.acronym, a.level, a.isMunicipality, a.ubigeo, a.website]));
    await insertRows(em, 'department', ['id', 'code', 'name', 'official_name', 'official_title'],
      data.departments.map((d) => [d.id, d.code, d.name, d.officialName, d.officialTitle]));
  }
  await insertRows(
    em,
    'work',
    ['id', 'kind', 'cui', 'infobras_code', 'title', 'description', 'sector', 'executor_id', 'department_id', 'latitude', 'longitude', 'status', 'suspension_reason',
      'planned_start', 'planned_end', 'actual_start', 'actual_end', 'investment_cost', 'contract_amount', 'contractor_name', 'contractor_ruc', 'physical_progress', 'external_id', 'created_at', 'updated_at'],
    data.works.map((w) => [w.id, w.kind, w.cui, w.infobrasCode, w.title, w.description, w.sector, w.executorId, w.departmentId, w.latitude, w.longitude, w.status, w.suspensionReason,
      w.plannedStart, w.plannedEnd, w.actualStart, w.actualEnd, w.investmentCost, w.contractAmount, w.contractorName, w.contractorRuc, w.physicalProgress, w.externalId, w.createdAt, w.updatedAt]),
  );
  await insertRows(em, 'work_district', ['work_id', 'ubigeo'], data.workDistricts.map((d) => [d.workId, d.ubigeo]));
  await insertRows(em, 'progress_report', ['id', 'work_id', 'reported_on', 'physical_progress', 'note', 'reported_by', 'created_at'],
    data.progressReports.map((p) => [p.id, p.workId, p.reportedOn, p.physicalProgress, p.note, p.reportedBy, p.createdAt]));
  await insertRows(em, 'work_change', ['id', 'work_id', 'changed_at', 'action', 'actor_kind', 'actor_department_id', 'actor_agency_id', 'changes'],
    data.changes.map((c) => [c.id, c.workId, c.changedAt, c.action, c.actorKind, c.actorDepartmentId, c.actorAgencyId, JSON.stringify(c.changes)]), { changes: 'jsonb' });
}
