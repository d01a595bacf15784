import { loadDistrictReference } from '@articula/common';
import { STATUS_TRANSITIONS, Sector, WorkKind, WorkStatus } from '../modules/work/work.enums.js';
import { type DemoData, DEMO_REFERENCE_DATE, type DistrictInfo, generateDemoData, MUNICIPALITY_NAME } from './demo-data.js';

/** The shared reference districts, as the seed passes them to the generator. */
const loadDistricts = (): DistrictInfo[] => loadDistrictReference();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const MONEY = /^\d{1,12}\.\d{2}$/;
const PERCENT = /^\d{1,3}\.\d{2}$/;
const COORD = /^-?\d{1,3}\.\d{6}$/;

function rucIsValid(ruc: string): boolean {
  if (!/^(10|15|17|20)[0-9]{9}$/.test(ruc)) return false;
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(ruc[i]), 0);
  const digit = 11 - (sum % 11);
  return (digit === 10 ? 0 : digit === 11 ? 1 : digit) === Number(ruc[10]);
}

/** Pairs of non-cancelled works by different executors in the same district and sector, with overlapping planned periods. */
function overlapPairs(data: DemoData): Set<string> {
  const byId = new Map(data.works.map((w) => [w.id, w]));
  const groups = new Map<string, string[]>();
  for (const wd of data.workDistricts) {
    const w = byId.get(wd.workId)!;
    if (w.status === WorkStatus.CANCELLED || !w.plannedStart || !w.plannedEnd) continue;
    const key = `${wd.ubigeo}|${w.sector}`;
    const group = groups.get(key) ?? [];
    group.push(w.id);
    groups.set(key, group);
  }
  const pairs = new Set<string>();
  for (const ids of groups.values()) {
    for (let a = 0; a < ids.length; a++) {
      for (let b = a + 1; b < ids.length; b++) {
        const x = byId.get(ids[a]!)!;
        const y = byId.get(ids[b]!)!;
        if (x.executorId === y.executorId) continue;
        if (x.plannedStart! <= y.plannedEnd! && y.plannedStart! <= x.plannedEnd!) pairs.add([x.id, y.id].sort().join('|'));
      }
    }
  }
  return pairs;
}

/** CUIs reported by more than one executor. */
function sharedCuis(data: DemoData): string[] {
  const executors = new Map<string, Set<string>>();
  for (const w of data.works) {
    if (!w.cui) continue;
    const set = executors.get(w.cui) ?? new Set();
    set.add(w.executorId);
    executors.set(w.cui, set);
  }
  return [...executors].filter(([, set]) => set.size > 1).map(([cui]) => cui);
}

function delayedWorks(data: DemoData, referenceDate = DEMO_REFERENCE_DATE) {
  return data.works.filter((w) => w.plannedEnd !== null && w.plannedEnd < referenceDate && w.status !== WorkStatus.COMPLETED && w.status !== WorkStatus.CANCELLED);
}

function expectUnique(values: string[], what: string) {
  const seen = new Set<string>();
  const duplicates = values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
  expect({ what, duplicates: duplicates.slice(0, 5) }).toEqual({ what, duplicates: [] });
}

/** Every constraint of the migration, plus the generator's own promises. Collects failures to report them all at once. */
function constraintViolations(data: DemoData, districts: DistrictInfo[], referenceDate: string): string[] {
  const errors: string[] = [];
  const fail = (message: string) => { if (errors.length < 50) errors.push(message); };
  const districtByUbigeo = new Map(districts.map((d) => [d.ubigeo, d]));
  const agencyById = new Map(data.agencies.map((a) => [a.id, a]));
  const departmentById = new Map(data.departments.map((d) => [d.id, d]));
  const municipality = data.agencies.find((a) => a.isMunicipality)!;

  // agency
  for (const a of data.agencies) {
    if (!UUID.test(a.id)) fail(`agency id ${a.id}`);
    if (!['NATIONAL', 'REGIONAL', 'LOCAL', 'PRIVATE'].includes(a.level)) fail(`agency level ${a.name}`);
    if (a.ubigeo !== null && !districtByUbigeo.has(a.ubigeo)) fail(`agency ubigeo ${a.name} ${a.ubigeo}`);
  }
  expectUnique(data.agencies.map((a) => a.id), 'agency ids');
  expectUnique(data.agencies.map((a) => a.name), 'agency names');

  // department
  for (const d of data.departments) {
    if (!UUID.test(d.id)) fail(`department id ${d.id}`);
    if (!/^[A-Z][A-Z0-9-]{1,15}$/.test(d.code)) fail(`department code ${d.code}`);
    if (!d.officialName.trim() || !d.officialTitle.trim()) fail(`department official ${d.code}`);
  }
  expectUnique(data.departments.map((d) => d.id), 'department ids');
  expectUnique(data.departments.map((d) => d.code), 'department codes');
  expectUnique(data.departments.map((d) => d.name), 'department names');

  // work
  const districtsOfWork = new Map<string, string[]>();
  for (const wd of data.workDistricts) {
    const list = districtsOfWork.get(wd.workId) ?? [];
    list.push(wd.ubigeo);
    districtsOfWork.set(wd.workId, list);
    if (!districtByUbigeo.has(wd.ubigeo)) fail(`work_district ubigeo ${wd.ubigeo}`);
  }
  const workIds = new Set(data.works.map((w) => w.id));
  for (const wd of data.workDistricts) if (!workIds.has(wd.workId)) fail(`work_district work ${wd.workId}`);
  expectUnique(data.workDistricts.map((wd) => `${wd.workId}|${wd.ubigeo}`), 'work_district primary key');

  for (const w of data.works) {
    const at = `work ${w.id} (${w.title})`;
    const executor = agencyById.get(w.executorId);
    const isMuni = w.executorId === municipality.id;
    if (!UUID.test(w.id)) fail(`${at}: id`);
    if (!Object.values(WorkKind).includes(w.kind)) fail(`${at}: kind`);
    if (!Object.values(Sector).includes(w.sector)) fail(`${at}: sector`);
    if (!Object.values(WorkStatus).includes(w.status)) fail(`${at}: status`);
    if (w.cui !== null && !/^[0-9]{7}$/.test(w.cui)) fail(`${at}: cui ${w.cui}`);
    if (w.kind === WorkKind.PROJECT && w.cui === null) fail(`${at}: project without CUI`);
    if ((w.kind === WorkKind.ACTIVITY || w.kind === WorkKind.ACTION) && w.cui !== null) fail(`${at}: activity with CUI`);
    if (w.title.length < 3 || w.title.length > 500) fail(`${at}: title length`);
    if (!w.description.trim()) fail(`${at}: description`);
    if (!executor) fail(`${at}: executor FK`);
    if (w.departmentId !== null && !departmentById.has(w.departmentId)) fail(`${at}: department FK`);
    if (isMuni !== (w.departmentId !== null)) fail(`${at}: departmentId must be set exactly for the municipality's works`);
    if (isMuni !== (w.externalId === null)) fail(`${at}: externalId must be null exactly for the municipality's works`);
    if ((w.latitude === null) !== (w.longitude === null)) fail(`${at}: location pair`);
    const ubigeos = districtsOfWork.get(w.id) ?? [];
    if (ubigeos.length < 1 || ubigeos.length > 3) fail(`${at}: ${ubigeos.length} districts`);
    if (w.latitude !== null && w.longitude !== null) {
      if (!COORD.test(w.latitude) || !COORD.test(w.longitude)) fail(`${at}: coordinate format`);
      const first = districtByUbigeo.get(ubigeos[0]!);
      if (first && (Math.abs(Number(w.latitude) - first.latitude) > 0.0100001 || Math.abs(Number(w.longitude) - first.longitude) > 0.0100001)) fail(`${at}: location far from ${first.name}`);
    }
    // status, suspension, progress
    if (w.status === WorkStatus.SUSPENDED ? !w.suspensionReason?.trim() : w.suspensionReason !== null) fail(`${at}: suspension reason`);
    if (!PERCENT.test(w.physicalProgress)) fail(`${at}: progress format ${w.physicalProgress}`);
    const progress = Number(w.physicalProgress);
    const bounds: Record<WorkStatus, [number, number]> = {
      PLANNED: [0, 0], IN_PREPARATION: [0, 0], CANCELLED: [0, 0], IN_EXECUTION: [5, 95], SUSPENDED: [10, 80], COMPLETED: [100, 100],
    };
    const [lo, hi] = bounds[w.status];
    if (progress < lo || progress > hi) fail(`${at}: progress ${progress} for ${w.status}`);
    // dates
    for (const [field, value] of [['plannedStart', w.plannedStart], ['plannedEnd', w.plannedEnd], ['actualStart', w.actualStart], ['actualEnd', w.actualEnd]] as const) {
      if (value !== null && !DATE.test(value)) fail(`${at}: ${field} format`);
    }
    if (w.plannedStart && w.plannedEnd && w.plannedEnd < w.plannedStart) fail(`${at}: planned period`);
    if (w.actualStart && w.actualEnd && w.actualEnd < w.actualStart) fail(`${at}: actual period`);
    const started = w.status === WorkStatus.IN_EXECUTION || w.status === WorkStatus.SUSPENDED || w.status === WorkStatus.COMPLETED;
    if (started !== (w.actualStart !== null)) fail(`${at}: actualStart vs status`);
    if ((w.status === WorkStatus.COMPLETED) !== (w.actualEnd !== null)) fail(`${at}: actualEnd vs status`);
    if (w.actualStart && w.actualStart > referenceDate) fail(`${at}: actualStart after reference date`);
    if (w.actualEnd && w.actualEnd > referenceDate) fail(`${at}: actualEnd after reference date`);
    if (started && w.plannedStart! > referenceDate) fail(`${at}: started work planned in the future`);
    if ((w.status === WorkStatus.COMPLETED || w.status === WorkStatus.CANCELLED) && w.plannedEnd! > referenceDate) fail(`${at}: finished work with planned dates in the future`);
    for (const ts of [w.createdAt, w.updatedAt]) if (!TIMESTAMP.test(ts) || ts.slice(0, 10) > referenceDate) fail(`${at}: timestamp ${ts}`);
    if (w.updatedAt < w.createdAt) fail(`${at}: updatedAt before createdAt`);
    // money, contractor
    for (const [field, value] of [['investmentCost', w.investmentCost], ['contractAmount', w.contractAmount]] as const) {
      if (value !== null && !MONEY.test(value)) fail(`${at}: ${field} format ${value}`);
    }
    const cost = Number(w.investmentCost);
    const [minCost, maxCost] = { ACTION: [5e3, 3e5], ACTIVITY: [5e3, 3e5], WORK: [1.5e5, 1.5e7], PROJECT: [5e5, 6e7] }[w.kind];
    if (cost < minCost || cost > maxCost) fail(`${at}: cost ${cost} for ${w.kind}`);
    if (w.contractAmount !== null) {
      const ratio = Number(w.contractAmount) / cost;
      if (ratio < 0.849 || ratio > 0.981) fail(`${at}: contract ratio ${ratio}`);
    }
    if ((w.contractorName === null) !== (w.contractorRuc === null) || (w.contractorName === null) !== (w.contractAmount === null)) fail(`${at}: contractor fields`);
    if (w.contractorRuc !== null && !(w.contractorRuc.startsWith('20') && rucIsValid(w.contractorRuc))) fail(`${at}: RUC ${w.contractorRuc}`);
  }
  expectUnique(data.works.map((w) => w.id), 'work ids');
  expectUnique(data.works.map((w) => w.title), 'work titles');
  expectUnique(data.works.filter((w) => w.cui !== null).map((w) => `${w.executorId}|${w.cui}`), 'work (executor_id, cui)');
  expectUnique(data.works.filter((w) => w.externalId !== null).map((w) => `${w.executorId}|${w.externalId}`), 'work (executor_id, external_id)');

  // progress_report
  const workById = new Map(data.works.map((w) => [w.id, w]));
  const reportsOf = new Map<string, typeof data.progressReports>();
  for (const p of data.progressReports) {
    const list = reportsOf.get(p.workId) ?? [];
    list.push(p);
    reportsOf.set(p.workId, list);
  }
  expectUnique(data.progressReports.map((p) => p.id), 'progress report ids');
  for (const p of data.progressReports) {
    if (!UUID.test(p.id)) fail(`report id ${p.id}`);
    if (!workById.has(p.workId)) fail(`report ${p.id}: work FK`);
    if (!DATE.test(p.reportedOn) || !TIMESTAMP.test(p.createdAt)) fail(`report ${p.id}: date formats`);
    if (!PERCENT.test(p.physicalProgress) || Number(p.physicalProgress) < 0 || Number(p.physicalProgress) > 100) fail(`report ${p.id}: progress ${p.physicalProgress}`);
    if (!p.reportedBy.trim()) fail(`report ${p.id}: reportedBy`);
  }
  for (const w of data.works) {
    const reports = reportsOf.get(w.id) ?? [];
    const at = `reports of ${w.id}`;
    const started = w.status === WorkStatus.IN_EXECUTION || w.status === WorkStatus.SUSPENDED || w.status === WorkStatus.COMPLETED;
    if (!started) {
      if (reports.length > 0) fail(`${at}: reports for a work that has not started`);
      continue;
    }
    if (reports.length < 2 || reports.length > 8) fail(`${at}: ${reports.length} reports`);
    const until = w.actualEnd && w.actualEnd < referenceDate ? w.actualEnd : referenceDate;
    for (let k = 0; k < reports.length; k++) {
      const p = reports[k]!;
      if (p.reportedOn < w.actualStart! || p.reportedOn > until) fail(`${at}: reportedOn ${p.reportedOn} outside ${w.actualStart}..${until}`);
      if (p.createdAt.slice(0, 10) !== p.reportedOn) fail(`${at}: createdAt day`);
      if (k > 0 && !(Number(p.physicalProgress) > Number(reports[k - 1]!.physicalProgress) && p.reportedOn > reports[k - 1]!.reportedOn)) fail(`${at}: not increasing`);
    }
    if (reports.at(-1)!.physicalProgress !== w.physicalProgress) fail(`${at}: last report ${reports.at(-1)!.physicalProgress} != ${w.physicalProgress}`);
    const department = w.departmentId ? departmentById.get(w.departmentId)! : null;
    const executor = agencyById.get(w.executorId)!;
    const expected = department ? department.code : (executor.acronym ?? executor.id);
    if (reports.some((p) => p.reportedBy !== expected)) fail(`${at}: reportedBy should be ${expected}`);
  }

  // work_change
  expectUnique(data.changes.map((c) => c.id), 'change ids');
  const changesOf = new Map<string, typeof data.changes>();
  for (const c of data.changes) {
    if (!UUID.test(c.id)) fail(`change id ${c.id}`);
    if (!workById.has(c.workId)) fail(`change ${c.id}: work FK`);
    if (!['CREATED', 'UPDATED', 'PROGRESS_REPORTED', 'STATUS_CHANGED', 'IMPORTED'].includes(c.action)) fail(`change ${c.id}: action`);
    if (!['DEPARTMENT', 'AGENCY', 'SYSTEM'].includes(c.actorKind)) fail(`change ${c.id}: actorKind`);
    if (c.actorDepartmentId !== null && !departmentById.has(c.actorDepartmentId)) fail(`change ${c.id}: actor department FK`);
    if (c.actorAgencyId !== null && !agencyById.has(c.actorAgencyId)) fail(`change ${c.id}: actor agency FK`);
    if (!TIMESTAMP.test(c.changedAt) || c.changedAt.slice(0, 10) > referenceDate) fail(`change ${c.id}: changedAt ${c.changedAt}`);
    const list = changesOf.get(c.workId) ?? [];
    list.push(c);
    changesOf.set(c.workId, list);
  }
  for (const w of data.works) {
    const at = `changes of ${w.id}`;
    const list = changesOf.get(w.id) ?? [];
    const sorted = [...list].sort((a, b) => a.changedAt.localeCompare(b.changedAt));
    if (sorted.map((c) => c.id).join() !== list.map((c) => c.id).join()) fail(`${at}: not in chronological order`);
    if (list[0]?.action !== 'CREATED' || list[0].changedAt !== w.createdAt) fail(`${at}: first change must be CREATED at createdAt`);
    if (list.filter((c) => c.action === 'CREATED').length !== 1) fail(`${at}: one CREATED`);
    if (list.at(-1)!.changedAt !== w.updatedAt) fail(`${at}: updatedAt is the last change`);
    const isMuni = w.executorId === municipality.id;
    for (const c of list) {
      const ok = isMuni
        ? c.actorKind === 'DEPARTMENT' && c.actorDepartmentId === w.departmentId && c.actorAgencyId === null
        : c.actorKind === 'AGENCY' && c.actorAgencyId === w.executorId && c.actorDepartmentId === null;
      if (!ok) fail(`${at}: actor of ${c.id}`);
    }
    // Status history follows the allowed transitions and ends at the work's status.
    let status: WorkStatus | null = null;
    for (const c of list) {
      const change = c.changes.find((x) => x.field === 'status');
      if (!change) continue;
      if (change.from !== status) fail(`${at}: status from ${String(change.from)} but was ${status}`);
      if (status !== null && !STATUS_TRANSITIONS[status].includes(change.to as WorkStatus)) fail(`${at}: ${status} -> ${String(change.to)} not allowed`);
      status = change.to as WorkStatus;
    }
    if (status !== w.status) fail(`${at}: history ends at ${status}, work is ${w.status}`);
    if ((w.status === WorkStatus.SUSPENDED || w.status === WorkStatus.COMPLETED) && !list.some((c) => c.action === 'STATUS_CHANGED' && c.changes.some((x) => x.field === 'status' && x.to === w.status))) fail(`${at}: STATUS_CHANGED to ${w.status}`);
    const progressChanges = list.filter((c) => c.action === 'PROGRESS_REPORTED');
    const reports = reportsOf.get(w.id) ?? [];
    if (progressChanges.length !== reports.length) fail(`${at}: one PROGRESS_REPORTED per report`);
    progressChanges.forEach((c, k) => {
      const expected = [{ field: 'physicalProgress', from: k === 0 ? '0.00' : reports[k - 1]!.physicalProgress, to: reports[k]!.physicalProgress }];
      if (JSON.stringify(c.changes) !== JSON.stringify(expected)) fail(`${at}: progress change ${k}`);
      if (c.changedAt !== reports[k]!.createdAt) fail(`${at}: progress change ${k} time`);
    });
  }
  return errors;
}

describe('generateDemoData', () => {
  const districts = loadDistricts();
  const data = generateDemoData(districts);

  it('reads the 28 districts of the province, urban and rural', () => {
    expect(districts).toHaveLength(28);
    expect(districts.some((d) => d.area === 'URBAN')).toBe(true);
    expect(districts.some((d) => d.area === 'RURAL')).toBe(true);
  });

  it('is deterministic', () => {
    const again = generateDemoData(districts);
    expect(again).toEqual(data);
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
  });

  it('is prefix-stable across scales', () => {
    const double = generateDemoData(districts, { scale: 2 });
    expect(double.works).toHaveLength(2 * data.works.length);
    expect(double.works.slice(0, data.works.length).map((w) => w.id)).toEqual(data.works.map((w) => w.id));
    expect(double.works.slice(0, data.works.length)).toEqual(data.works);
    expect(double.agencies.map((a) => a.id)).toEqual(data.agencies.map((a) => a.id));
    expect(double.departments.map((d) => d.id)).toEqual(data.departments.map((d) => d.id));
  });

  it('rejects a scale that is not a positive integer and a malformed reference date', () => {
    expect(() => generateDemoData(districts, { scale: 0 })).toThrow(RangeError);
    expect(() => generateDemoData(districts, { scale: 1.5 })).toThrow(RangeError);
    expect(() => generateDemoData(districts, { referenceDate: '2026-02-30' })).toThrow(RangeError);
  });

  it('has the municipality, its departments and the other agencies', () => {
    const municipalities = data.agencies.filter((a) => a.isMunicipality);
    expect(municipalities).toHaveLength(1);
    expect(municipalities[0]).toMatchObject({ name: MUNICIPALITY_NAME, level: 'LOCAL', acronym: 'MPH', ubigeo: '120101' });
    for (const level of ['NATIONAL', 'REGIONAL', 'LOCAL', 'PRIVATE'] as const) expect(data.agencies.some((a) => a.level === level && !a.isMunicipality)).toBe(true);
    expect(data.agencies.length).toBeGreaterThanOrEqual(18);
    expect(data.departments.map((d) => d.code)).toEqual(expect.arrayContaining(['GOP', 'GDS']));
    expect(data.departments.length).toBeGreaterThanOrEqual(12);
  });

  it('generates at least 600 works in every district, urban and rural', () => {
    expect(data.works.length).toBeGreaterThanOrEqual(600);
    const withWorks = new Set(data.workDistricts.map((wd) => wd.ubigeo));
    for (const d of districts) expect({ district: d.name, hasWorks: withWorks.has(d.ubigeo) }).toEqual({ district: d.name, hasWorks: true });
    expect(districts.some((d) => d.area === 'RURAL' && withWorks.has(d.ubigeo))).toBe(true);
    expect(districts.some((d) => d.area === 'URBAN' && withWorks.has(d.ubigeo))).toBe(true);
  });

  it('has a realistic mix of kinds, statuses and executors', () => {
    const count = <T extends string>(values: T[]) => values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<T, number>());
    const statuses = count(data.works.map((w) => w.status));
    for (const status of Object.values(WorkStatus)) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
    const suspended = statuses.get(WorkStatus.SUSPENDED)! / data.works.length;
    expect(suspended).toBeGreaterThan(0.02);
    expect(suspended).toBeLessThan(0.1);
    const kinds = count(data.works.map((w) => w.kind));
    for (const kind of Object.values(WorkKind)) expect(kinds.get(kind) ?? 0).toBeGreaterThan(0);
    expect(kinds.get(WorkKind.WORK)! + kinds.get(WorkKind.PROJECT)!).toBeGreaterThan(data.works.length / 2);
    const municipality = data.agencies.find((a) => a.isMunicipality)!;
    const municipal = data.works.filter((w) => w.executorId === municipality.id).length / data.works.length;
    expect(municipal).toBeGreaterThan(0.4);
    expect(municipal).toBeLessThan(0.7);
    expect(data.works.some((w) => w.infobrasCode !== null)).toBe(true);
    expect(data.works.some((w) => w.contractorRuc !== null)).toBe(true);
    expect(data.workDistricts.length).toBeGreaterThan(data.works.length);
  });

  it('satisfies every constraint of the schema (scale 1)', () => {
    expect(constraintViolations(data, districts, DEMO_REFERENCE_DATE)).toEqual([]);
  });

  it('satisfies every constraint of the schema (scale 5, another reference date)', () => {
    const big = generateDemoData(districts, { scale: 5, referenceDate: '2025-06-30' });
    expect(big.works).toHaveLength(3200);
    expect(constraintViolations(big, districts, '2025-06-30')).toEqual([]);
  });

  it('plants coordination alerts: overlapping works and shared CUIs across executors', () => {
    expect(overlapPairs(data).size).toBeGreaterThanOrEqual(15);
    expect(sharedCuis(data).length).toBeGreaterThanOrEqual(5);
  });

  it('has delayed works', () => {
    expect(delayedWorks(data).length).toBeGreaterThanOrEqual(40);
  });
});
