import { addBusinessDays, loadDistrictReference, stableId, DEMO_DEPARTMENT_CODES } from '@articula/common';
import {
  AgreementStatus,
  MeetingKind,
  MeetingStatus,
  OrganizationType,
  PartyKind,
  REQUEST_TRANSITIONS,
  RegistrationStatus,
  RequestCategory,
  RequestKind,
  RequestStatus,
} from '../enums.js';
import { DEMO_REFERENCE_DATE, type DistrictInfo, generateParticipationDemoData, type ParticipationDemoData } from './demo-data.js';

/** The shared reference districts (services/common/data), as the seed passes them to the generator. */
const loadDistricts = (): DistrictInfo[] => loadDistrictReference();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const PERCENT = /^\d{1,3}\.\d{2}$/;
const UBIGEO = /^1201[0-9]{2}$/;
const TRACKING = /^HYO-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const DAY_MS = 86_400_000;
const NOW = Date.parse(`${DEMO_REFERENCE_DATE}T05:00:00Z`); // midnight in Huancayo
const DEPARTMENT_CODES: string[] = DEMO_DEPARTMENT_CODES;
const DEPARTMENT_IDS = new Set(DEPARTMENT_CODES.map((c) => stableId('department', c)));
/** Agency names of the works subgraph that agreements may name as parties (copied independently). */
const AGENCY_NAMES = [
  'Provías Descentralizado - Ministerio de Transportes y Comunicaciones', 'Programa Nacional de Saneamiento Rural', 'Programa Nacional de Saneamiento Urbano',
  'Programa Nacional de Infraestructura Educativa', 'Fondo de Cooperación para el Desarrollo Social', 'Ministerio de Vivienda, Construcción y Saneamiento',
  'Programa de Desarrollo Productivo Agrario Rural', 'Dirección General de Electrificación Rural - Ministerio de Energía y Minas', 'Gobierno Regional de Junín',
  'Dirección Regional de Transportes y Comunicaciones Junín', 'Dirección Regional de Agricultura Junín', 'Municipalidad Distrital de El Tambo',
  'Municipalidad Distrital de Chilca', 'Municipalidad Distrital de Pilcomayo', 'Municipalidad Distrital de Sapallanga',
  'Municipalidad Distrital de San Agustín de Cajas', 'Municipalidad Distrital de Pariahuanca',
];
const AGENCY_IDS = new Set(AGENCY_NAMES.map((n) => stableId('agency', n)));
const WORK_IDS = new Set(Array.from({ length: 640 }, (_, i) => stableId('work', String(i))));

const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const validDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const validTimestamp = (s: string) => TIMESTAMP.test(s) && !Number.isNaN(Date.parse(s));
const R = day(DEMO_REFERENCE_DATE);

/** The rows failing a check (at most 5, to keep failures readable). */
function failing<T>(rows: readonly T[], ok: (row: T) => boolean): T[] {
  const bad: T[] = [];
  for (const row of rows) if (!ok(row) && bad.push(row) >= 5) break;
  return bad;
}
function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup: string[] = [];
  for (const v of values) if (seen.has(v)) dup.push(v); else seen.add(v);
  return dup.slice(0, 5);
}
const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const districts = loadDistricts();
const areaOf = new Map(districts.map((d) => [d.ubigeo, d.area]));
let data: ParticipationDemoData;

beforeAll(() => {
  data = generateParticipationDemoData(districts);
});

describe('participation demo data', () => {
  it('is deterministic', () => {
    const again = generateParticipationDemoData(districts);
    expect(again).toEqual(data);
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
  });

  it('does not depend on the order of the districts', () => {
    expect(generateParticipationDemoData([...districts].reverse())).toEqual(data);
  });

  it('at scale 1 is a prefix of scale 2 (ids and rows)', () => {
    const double = generateParticipationDemoData(districts, { scale: 2 });
    for (const key of Object.keys(data) as (keyof ParticipationDemoData)[]) {
      const small = data[key] as unknown[];
      const large = double[key] as unknown[];
      expect(large.length).toBeGreaterThan(small.length);
      const ids = (rows: unknown[]) => rows.map((row) => (row as { id?: string }).id).filter((id) => id !== undefined);
      expect(ids(large).slice(0, ids(small).length)).toEqual(ids(small));
      expect(large.slice(0, small.length)).toEqual(small);
    }
    expect(double.organizations.length).toBe(2 * data.organizations.length);
    expect(double.requests.length).toBe(2 * data.requests.length);
  });

  it('has the expected volumes', () => {
    expect(data.organizations.length).toBeGreaterThanOrEqual(500);
    expect(data.organizations.length).toBeLessThanOrEqual(700);
    expect(data.meetings.length).toBeGreaterThanOrEqual(200);
    expect(data.meetings.length).toBeLessThanOrEqual(300);
    expect(data.agreements.length).toBeGreaterThanOrEqual(700);
    expect(data.agreements.length).toBeLessThanOrEqual(900);
    expect(data.requests.length).toBeGreaterThanOrEqual(4500);
    expect(data.requests.length).toBeLessThanOrEqual(5500);
    expect(data.submitters.length).toBe(data.requests.length);

    const committee = data.meetings.filter((m) => m.kind === MeetingKind.COORDINATION_COMMITTEE);
    expect(committee.length).toBeGreaterThanOrEqual(90);
    const series = new Set(committee.map((m) => m.seriesId));
    expect(series.size).toBe(1);
    expect([...series][0]).toBe(stableId('meeting-series', 'coordination-committee'));
    for (const kind of Object.values(MeetingKind)) expect(data.meetings.some((m) => m.kind === kind)).toBe(true);
    const hearingsHeld = data.meetings.filter((m) => m.kind === MeetingKind.PUBLIC_HEARING && m.status === MeetingStatus.HELD);
    expect(hearingsHeld.length).toBe(4);
    for (const status of Object.values(MeetingStatus)) expect(data.meetings.some((m) => m.status === status)).toBe(true);
    for (const status of Object.values(AgreementStatus)) expect(data.agreements.some((a) => a.status === status)).toBe(true);
    for (const status of Object.values(RequestStatus)) expect(data.requests.some((r) => r.status === status)).toBe(true);
    for (const kind of Object.values(RequestKind)) expect(data.requests.some((r) => r.kind === kind)).toBe(true);
    for (const category of Object.values(RequestCategory)) expect(data.requests.some((r) => r.category === category)).toBe(true);
    for (const type of Object.values(OrganizationType)) expect(data.organizations.some((o) => o.type === type)).toBe(true);
  });

  it('covers every district with organizations and requests', () => {
    for (const d of districts) {
      const orgs = data.organizations.filter((o) => o.ubigeo === d.ubigeo).length;
      expect({ district: d.name, enough: orgs >= 3 }).toEqual({ district: d.name, enough: true });
      expect({ district: d.name, requests: data.requests.some((r) => r.ubigeo === d.ubigeo) }).toEqual({ district: d.name, requests: true });
    }
    const huancayo = data.organizations.filter((o) => o.ubigeo === '120101').length;
    const carhuacallanga = data.organizations.filter((o) => o.ubigeo === '120104').length;
    expect(huancayo).toBeGreaterThan(4 * carhuacallanga);
    const rural = data.organizations.filter((o) => areaOf.get(o.ubigeo) === 'RURAL');
    const urban = data.organizations.filter((o) => areaOf.get(o.ubigeo) === 'URBAN');
    const share = (rows: typeof rural, type: OrganizationType) => rows.filter((o) => o.type === type).length / rows.length;
    expect(share(rural, OrganizationType.PEASANT_COMMUNITY)).toBeGreaterThan(share(urban, OrganizationType.PEASANT_COMMUNITY));
    expect(share(urban, OrganizationType.NEIGHBOURHOOD_BOARD)).toBeGreaterThan(share(rural, OrganizationType.NEIGHBOURHOOD_BOARD));
  });

  it('satisfies the constraints of organization and organization_representative', () => {
    const { organizations, representatives } = data;
    expect(duplicates(organizations.map((o) => o.id))).toEqual([]);
    expect(duplicates(organizations.map((o) => o.registrationNumber))).toEqual([]);
    expect(failing(organizations, (o) => UUID.test(o.id) && o.name.trim().length >= 3 && o.name.trim().length <= 300
      && (Object.values(OrganizationType) as string[]).includes(o.type) && UBIGEO.test(o.ubigeo) && /^RUOS-\d{4}-\d{4}$/.test(o.registrationNumber)
      && validDate(o.registrationDate) && o.registrationDate >= '2010-01-01' && day(o.registrationDate) < R
      && o.registrationNumber.slice(5, 9) === o.registrationDate.slice(0, 4)
      && (Object.values(RegistrationStatus) as string[]).includes(o.registrationStatus)
      && validTimestamp(o.createdAt) && validTimestamp(o.updatedAt) && o.createdAt <= o.updatedAt && Date.parse(o.updatedAt) < NOW)).toEqual([]);
    expect(organizations.filter((o) => o.registrationStatus === RegistrationStatus.ACTIVE).length).toBeGreaterThan(organizations.length / 2);

    const orgIds = new Set(organizations.map((o) => o.id));
    expect(duplicates(representatives.map((r) => r.id))).toEqual([]);
    expect(duplicates(representatives.map((r) => `${r.organizationId}:${r.position}`))).toEqual([]);
    expect(failing(representatives, (r) => UUID.test(r.id) && orgIds.has(r.organizationId) && r.name.trim().length > 0 && r.role.trim().length > 0
      && Number.isInteger(r.position) && r.position >= 0 && r.position <= 32767)).toEqual([]);
    const perOrg = new Map<string, number>();
    for (const r of representatives) perOrg.set(r.organizationId, (perOrg.get(r.organizationId) ?? 0) + 1);
    expect(perOrg.size).toBe(organizations.length);
    expect(Math.max(...perOrg.values())).toBeLessThanOrEqual(3);
  });

  it('satisfies the constraints of meeting, meeting_organization and meeting_department', () => {
    const { meetings, meetingOrganizations, meetingDepartments, organizations } = data;
    expect(duplicates(meetings.map((m) => m.id))).toEqual([]);
    expect(failing(meetings, (m) => UUID.test(m.id) && (Object.values(MeetingKind) as string[]).includes(m.kind) && m.title.trim().length > 0
      && validTimestamp(m.startsAt) && UBIGEO.test(m.ubigeo) && m.place.trim().length > 0 && DEPARTMENT_IDS.has(m.conveningDepartmentId)
      && (m.attendanceCount === null || (Number.isInteger(m.attendanceCount) && m.attendanceCount >= 0)) && typeof m.agenda === 'string'
      && (Object.values(MeetingStatus) as string[]).includes(m.status) && (m.seriesId === null || UUID.test(m.seriesId))
      && validTimestamp(m.createdAt) && validTimestamp(m.updatedAt) && m.createdAt <= m.updatedAt && Date.parse(m.updatedAt) < NOW)).toEqual([]);
    // Status semantics.
    expect(failing(meetings, (m) => m.status !== MeetingStatus.HELD
      || (Date.parse(m.startsAt) < NOW && m.attendanceCount !== null && m.attendanceCount > 0 && m.minutesSummary !== null && m.minutesSummary.length > 0))).toEqual([]);
    expect(failing(meetings, (m) => m.status !== MeetingStatus.SCHEDULED || (Date.parse(m.startsAt) >= NOW && m.attendanceCount === null && m.minutesSummary === null))).toEqual([]);
    expect(failing(meetings, (m) => m.status !== MeetingStatus.CANCELLED || (Date.parse(m.startsAt) < NOW && m.attendanceCount === null))).toEqual([]);
    expect(failing(meetings, (m) => Date.parse(m.startsAt) >= NOW - 731 * DAY_MS && Date.parse(m.startsAt) <= NOW + 90 * DAY_MS)).toEqual([]);
    // The weekly committee.
    const gm = stableId('department', 'GM');
    expect(failing(meetings.filter((m) => m.kind === MeetingKind.COORDINATION_COMMITTEE), (m) => new Date(m.startsAt).getUTCDay() === 1
      && m.startsAt.slice(11, 16) === '14:00' && m.place === 'Palacio Municipal – Sala de Regidores' && m.ubigeo === '120101' && m.conveningDepartmentId === gm)).toEqual([]);
    const committeeIds = new Set(meetings.filter((m) => m.kind === MeetingKind.COORDINATION_COMMITTEE).map((m) => m.id));
    expect(meetingOrganizations.filter((mo) => committeeIds.has(mo.meetingId))).toEqual([]);
    expect(meetings.filter((m) => m.seriesId !== null && m.kind !== MeetingKind.COORDINATION_COMMITTEE)).toEqual([]);
    expect(meetings.filter((m) => m.status === MeetingStatus.SCHEDULED).length).toBeGreaterThanOrEqual(3);

    const meetingById = new Map(meetings.map((m) => [m.id, m]));
    const orgById = new Map(organizations.map((o) => [o.id, o]));
    expect(duplicates(meetingOrganizations.map((mo) => `${mo.meetingId}:${mo.organizationId}`))).toEqual([]);
    expect(failing(meetingOrganizations, (mo) => meetingById.has(mo.meetingId) && orgById.has(mo.organizationId)
      && orgById.get(mo.organizationId)!.ubigeo === meetingById.get(mo.meetingId)!.ubigeo)).toEqual([]);
    expect(duplicates(meetingDepartments.map((md) => `${md.meetingId}:${md.departmentId}`))).toEqual([]);
    expect(failing(meetingDepartments, (md) => meetingById.has(md.meetingId) && DEPARTMENT_IDS.has(md.departmentId))).toEqual([]);
    const committeeDepartments = meetingDepartments.filter((md) => committeeIds.has(md.meetingId)).length;
    expect(committeeDepartments / committeeIds.size).toBeGreaterThan(5);
    const dialogues = meetings.filter((m) => m.kind === MeetingKind.DIALOGUE_TABLE && m.status === MeetingStatus.HELD);
    const withOrgs = new Set(meetingOrganizations.map((mo) => mo.meetingId));
    expect(dialogues.filter((m) => withOrgs.has(m.id)).length).toBeGreaterThan(dialogues.length * 0.8);
  });

  it('satisfies the constraints of agreement, agreement_party, agreement_work and agreement_follow_up', () => {
    const { meetings, agreements, agreementParties, agreementWorks, followUps, organizations } = data;
    const meetingById = new Map(meetings.map((m) => [m.id, m]));
    expect(duplicates(agreements.map((a) => a.id))).toEqual([]);
    expect(failing(agreements, (a) => {
      const m = meetingById.get(a.meetingId);
      if (!m || m.status !== MeetingStatus.HELD) return false;
      const meetingDay = Math.floor((Date.parse(m.startsAt) - 5 * 3_600_000) / DAY_MS);
      const span = day(a.dueDate) - meetingDay;
      return UUID.test(a.id) && a.text.trim().length >= 5 && a.text.trim().length <= 4000 && DEPARTMENT_IDS.has(a.responsibleDepartmentId)
        && validDate(a.dueDate) && span >= 15 && span <= 180 && (Object.values(AgreementStatus) as string[]).includes(a.status)
        && ((a.status === AgreementStatus.FULFILLED) === (a.fulfilledOn !== null))
        && (a.status !== AgreementStatus.CANCELLED || (a.cancellationReason ?? '').trim() !== '')
        && (a.status === AgreementStatus.CANCELLED || a.cancellationReason === null)
        && (a.fulfilledOn === null || (validDate(a.fulfilledOn) && day(a.fulfilledOn) > meetingDay && day(a.fulfilledOn) < R))
        && validTimestamp(a.createdAt) && validTimestamp(a.updatedAt) && a.createdAt <= a.updatedAt && a.createdAt >= m.startsAt && Date.parse(a.updatedAt) < NOW;
    })).toEqual([]);
    const committeeIds = new Set(meetings.filter((m) => m.kind === MeetingKind.COORDINATION_COMMITTEE).map((m) => m.id));
    expect(agreements.filter((a) => committeeIds.has(a.meetingId)).length).toBeGreaterThan(100);
    expect(agreements.filter((a) => !committeeIds.has(a.meetingId)).length).toBeGreaterThan(400);

    // Parties.
    const agreementById = new Map(agreements.map((a) => [a.id, a]));
    const orgIds = new Set(organizations.map((o) => o.id));
    expect(duplicates(agreementParties.map((p) => `${p.agreementId}:${p.partyKind}:${p.partyId}`))).toEqual([]);
    expect(failing(agreementParties, (p) => agreementById.has(p.agreementId) && (Object.values(PartyKind) as string[]).includes(p.partyKind)
      && (p.partyKind === PartyKind.DEPARTMENT ? DEPARTMENT_IDS.has(p.partyId) : p.partyKind === PartyKind.ORGANIZATION ? orgIds.has(p.partyId) : AGENCY_IDS.has(p.partyId)))).toEqual([]);
    const responsibleParty = new Set(agreementParties.filter((p) => p.partyKind === PartyKind.DEPARTMENT).map((p) => `${p.agreementId}:${p.partyId}`));
    expect(failing(agreements, (a) => responsibleParty.has(`${a.id}:${a.responsibleDepartmentId}`))).toEqual([]);
    expect(agreementParties.filter((p) => p.partyKind === PartyKind.ORGANIZATION).length).toBeGreaterThan(200);
    expect(agreementParties.filter((p) => p.partyKind === PartyKind.AGENCY).length).toBeGreaterThan(20);
    // Organizations that are parties attended the meeting.
    const attended = new Set(data.meetingOrganizations.map((mo) => `${mo.meetingId}:${mo.organizationId}`));
    expect(failing(agreementParties.filter((p) => p.partyKind === PartyKind.ORGANIZATION),
      (p) => attended.has(`${agreementById.get(p.agreementId)!.meetingId}:${p.partyId}`))).toEqual([]);

    // Works.
    expect(duplicates(agreementWorks.map((w) => `${w.agreementId}:${w.workId}`))).toEqual([]);
    expect(failing(agreementWorks, (w) => agreementById.has(w.agreementId) && WORK_IDS.has(w.workId))).toEqual([]);
    const worksPerAgreement = new Map<string, number>();
    for (const w of agreementWorks) worksPerAgreement.set(w.agreementId, (worksPerAgreement.get(w.agreementId) ?? 0) + 1);
    expect(Math.max(...worksPerAgreement.values())).toBeLessThanOrEqual(3);
    expect(worksPerAgreement.size).toBeGreaterThan(50);

    // Follow-ups.
    expect(duplicates(followUps.map((f) => f.id))).toEqual([]);
    expect(failing(followUps, (f) => {
      const a = agreementById.get(f.agreementId);
      if (!a) return false;
      const m = meetingById.get(a.meetingId)!;
      const pct = Number(f.progressPct);
      const end = a.fulfilledOn ?? DEMO_REFERENCE_DATE;
      return UUID.test(f.id) && validDate(f.reportedOn) && f.note.trim().length >= 3 && f.note.trim().length <= 4000
        && (f.evidenceUrl === null || /^https?:\/\//.test(f.evidenceUrl)) && PERCENT.test(f.progressPct) && pct >= 0 && pct <= 100
        && f.departmentId === a.responsibleDepartmentId && f.reportedOn > m.startsAt.slice(0, 10) && f.reportedOn <= end && f.reportedOn < DEMO_REFERENCE_DATE
        && validTimestamp(f.createdAt) && f.createdAt >= a.createdAt && f.createdAt <= a.updatedAt;
    })).toEqual([]);
    const byAgreement = new Map<string, typeof followUps>();
    for (const f of followUps) byAgreement.set(f.agreementId, [...(byAgreement.get(f.agreementId) ?? []), f]);
    expect(failing([...byAgreement.values()], (list) => list.every((f, k) => k === 0
      || (f.reportedOn > list[k - 1]!.reportedOn && Number(f.progressPct) >= Number(list[k - 1]!.progressPct))))).toEqual([]);
    expect(failing([...byAgreement.values()], (list) => list.length <= 5)).toEqual([]);
    expect(failing(agreements.filter((a) => a.status === AgreementStatus.FULFILLED), (a) => {
      const list = byAgreement.get(a.id) ?? [];
      return list.length > 0 && list.at(-1)!.progressPct === '100.00' && list.at(-1)!.reportedOn === a.fulfilledOn;
    })).toEqual([]);
    expect(failing(agreements.filter((a) => a.status !== AgreementStatus.FULFILLED), (a) => (byAgreement.get(a.id) ?? []).every((f) => f.progressPct !== '100.00'))).toEqual([]);
    expect(followUps.some((f) => f.evidenceUrl !== null)).toBe(true);
    expect(followUps.some((f) => f.evidenceUrl === null)).toBe(true);
  });

  it('has agreements fulfilled late and agreements overdue', () => {
    const late = data.agreements.filter((a) => a.status === AgreementStatus.FULFILLED && a.fulfilledOn! > a.dueDate);
    const onTime = data.agreements.filter((a) => a.status === AgreementStatus.FULFILLED && a.fulfilledOn! <= a.dueDate);
    const overdue = data.agreements.filter((a) => (a.status === AgreementStatus.PENDING || a.status === AgreementStatus.IN_PROGRESS) && a.dueDate < DEMO_REFERENCE_DATE);
    expect(late.length).toBeGreaterThanOrEqual(20);
    expect(onTime.length).toBeGreaterThanOrEqual(20);
    expect(overdue.length).toBeGreaterThanOrEqual(20);
    expect(overdue.filter((a) => a.status === AgreementStatus.PENDING).length).toBeGreaterThan(0);
    expect(data.agreements.filter((a) => a.status === AgreementStatus.CANCELLED).length).toBeGreaterThanOrEqual(10);
  });

  it('satisfies the constraints of citizen_request and request_submitter', () => {
    const { requests, submitters } = data;
    expect(duplicates(requests.map((r) => r.id))).toEqual([]);
    expect(duplicates(requests.map((r) => r.trackingCode))).toEqual([]);
    expect(failing(requests, (r) => UUID.test(r.id) && TRACKING.test(r.trackingCode) && (Object.values(RequestKind) as string[]).includes(r.kind)
      && (Object.values(RequestCategory) as string[]).includes(r.category) && UBIGEO.test(r.ubigeo)
      && r.description.trim().length >= 10 && r.description.trim().length <= 4000 && (r.workId === null || WORK_IDS.has(r.workId))
      && (Object.values(RequestStatus) as string[]).includes(r.status)
      && (r.status === RequestStatus.RECEIVED || r.assignedDepartmentId !== null)
      && (r.assignedDepartmentId === null || DEPARTMENT_IDS.has(r.assignedDepartmentId))
      && ((r.status === RequestStatus.RESOLVED || r.status === RequestStatus.REJECTED) === (r.closedAt !== null))
      && (r.status !== RequestStatus.REJECTED || (r.rejectionReason ?? '').trim() !== '')
      && validTimestamp(r.submittedAt) && Date.parse(r.submittedAt) < NOW && Date.parse(r.submittedAt) >= NOW - 731 * DAY_MS
      && validDate(r.dueOn) && (r.closedAt === null || (validTimestamp(r.closedAt) && r.closedAt > r.submittedAt && Date.parse(r.closedAt) < NOW))
      && validTimestamp(r.updatedAt) && r.updatedAt >= r.submittedAt && Date.parse(r.updatedAt) < NOW
      && ((r.status === RequestStatus.RESOLVED || r.status === RequestStatus.REJECTED) === (r.publicResponse !== null)))).toEqual([]);
    // Default deadline: 42 calendar days after the submission date in Huancayo.
    expect(failing(requests, (r) => day(r.dueOn) - Math.floor((Date.parse(r.submittedAt) - 5 * 3_600_000) / DAY_MS) === 42)).toEqual([]);
    expect(requests.filter((r) => r.workId !== null).length).toBeGreaterThan(50);
    expect(requests.filter((r) => r.status !== RequestStatus.RESOLVED && r.status !== RequestStatus.REJECTED && r.dueOn < DEMO_REFERENCE_DATE).length).toBeGreaterThan(20);
    const old = requests.filter((r) => Date.parse(r.submittedAt) < NOW - 180 * DAY_MS);
    expect(old.filter((r) => r.status === RequestStatus.RESOLVED).length).toBeGreaterThan(old.length * 0.8);
    expect(requests.filter((r) => r.status === RequestStatus.REJECTED).length).toBeGreaterThan(100);

    // Departments fit the categories (triage and reassignment aside).
    const dept = (code: string) => stableId('department', code);
    const fits: Partial<Record<RequestCategory, string[]>> = {
      [RequestCategory.ROADS_AND_TRANSPORT]: [dept('GOP'), dept('GTT')],
      [RequestCategory.WATER_AND_SANITATION]: [dept('GSP')],
      [RequestCategory.WASTE_AND_CLEANING]: [dept('GGA')],
      [RequestCategory.PUBLIC_SAFETY]: [dept('GSC')],
      [RequestCategory.SOCIAL_PROGRAMS]: [dept('GDS')],
      [RequestCategory.PROCEDURES_AND_TAXES]: [dept('GAT'), dept('GDU'), dept('GDE')],
    };
    const resolved = requests.filter((r) => r.status === RequestStatus.RESOLVED && fits[r.category]);
    expect(failing(resolved, (r) => fits[r.category]!.includes(r.assignedDepartmentId!))).toEqual([]);

    const requestIds = new Set(requests.map((r) => r.id));
    expect(duplicates(submitters.map((s) => s.requestId))).toEqual([]);
    expect(failing(submitters, (s) => requestIds.has(s.requestId) && (s.dni === null || /^[0-9]{8}$/.test(s.dni))
      && (s.phone === null || /^9[0-9]{8}$/.test(s.phone)) && (s.email === null || EMAIL.test(s.email)))).toEqual([]);
    const anonymous = submitters.filter((s) => s.fullName === null && s.dni === null && s.phone === null && s.email === null && s.address === null).length;
    expect(anonymous / submitters.length).toBeGreaterThan(0.05);
    expect(anonymous / submitters.length).toBeLessThan(0.15);
    expect(failing(submitters.filter((s) => s.email !== null), (s) => s.email === s.email!.toLowerCase() && /@(gmail|hotmail)\.com$/.test(s.email!))).toEqual([]);
    expect(submitters.filter((s) => s.address !== null && /^(Jr\.|Av\.|Calle|Psje\.|Anexo) .+, .+$/.test(s.address)).length)
      .toBe(submitters.filter((s) => s.address !== null).length);
  });

  it('has request events that follow REQUEST_TRANSITIONS and end at the request status', () => {
    const { requests, requestEvents } = data;
    expect(duplicates(requestEvents.map((e) => e.id))).toEqual([]);
    const byRequest = new Map<string, typeof requestEvents>();
    for (const e of requestEvents) {
      const list = byRequest.get(e.requestId);
      if (list) list.push(e); else byRequest.set(e.requestId, [e]);
    }
    expect(byRequest.size).toBe(requests.length);
    expect(failing(requestEvents, (e) => UUID.test(e.id) && validTimestamp(e.at) && Date.parse(e.at) < NOW && (e.departmentId === null || DEPARTMENT_IDS.has(e.departmentId)))).toEqual([]);
    expect(failing(requests, (r) => {
      const events = byRequest.get(r.id) ?? [];
      if (events.length === 0 || events[0]!.fromStatus !== null || events[0]!.toStatus !== RequestStatus.RECEIVED || events[0]!.at !== r.submittedAt) return false;
      for (let k = 1; k < events.length; k++) {
        const prev = events[k - 1]!;
        const e = events[k]!;
        if (e.fromStatus !== prev.toStatus || !REQUEST_TRANSITIONS[e.fromStatus].includes(e.toStatus) || e.at < prev.at || e.departmentId === null) return false;
      }
      const last = events.at(-1)!;
      return last.toStatus === r.status && last.at === r.updatedAt && (r.closedAt === null || r.closedAt === last.at);
    })).toEqual([]);
    expect(requestEvents.some((e) => e.fromStatus === RequestStatus.ASSIGNED && e.toStatus === RequestStatus.ASSIGNED)).toBe(true);
    expect(requestEvents.some((e) => e.fromStatus === RequestStatus.RECEIVED && e.toStatus === RequestStatus.REJECTED)).toBe(true);
  });

  it('resolves requests later in rural districts than in urban ones', () => {
    const days = { URBAN: [] as number[], RURAL: [] as number[] };
    for (const r of data.requests) {
      if (r.status !== RequestStatus.RESOLVED) continue;
      days[areaOf.get(r.ubigeo)!].push((Date.parse(r.closedAt!) - Date.parse(r.submittedAt)) / DAY_MS);
    }
    expect(days.RURAL.length).toBeGreaterThan(300);
    expect(median(days.RURAL)).toBeGreaterThan(median(days.URBAN) * 1.5);
    expect(median(days.URBAN)).toBeGreaterThan(5);
    expect(median(days.URBAN)).toBeLessThan(20);
  });

  it('keeps personal data in request_submitter only', () => {
    const patterns = [/\b\d{8}\b/, /\b9\d{8}\b/, /@/];
    const { submitters, ...rest } = data;
    const leaks: string[] = [];
    for (const [table, rows] of Object.entries(rest) as unknown as [string, Record<string, unknown>[]][]) {
      for (const row of rows) {
        for (const [field, value] of Object.entries(row)) {
          if (typeof value !== 'string' || UUID.test(value)) continue; // ids: hex, not personal data
          if (patterns.some((p) => p.test(value)) && leaks.push(`${table}.${field}: ${value}`) >= 5) break;
        }
      }
    }
    expect(leaks).toEqual([]);
    // A request's texts never carry its own submitter's data.
    const submitterOf = new Map(submitters.map((s) => [s.requestId, s]));
    const notesOf = new Map<string, string[]>();
    for (const e of data.requestEvents) if (e.note) notesOf.set(e.requestId, [...(notesOf.get(e.requestId) ?? []), e.note]);
    expect(failing(data.requests, (r) => {
      const s = submitterOf.get(r.id)!;
      const texts = [r.description, r.publicResponse ?? '', r.rejectionReason ?? '', ...(notesOf.get(r.id) ?? [])].join('\n');
      return [s.fullName, s.dni, s.phone, s.email, s.address].every((v) => v === null || !texts.includes(v));
    })).toEqual([]);
    // Submitters have real-shaped data.
    expect(submitters.filter((s) => s.dni !== null).length).toBeGreaterThan(submitters.length * 0.8);
    expect(duplicates(submitters.flatMap((s) => (s.dni ? [s.dni] : [])))).toEqual([]);
  });

  it('references departments, agencies and works only by their derived ids', () => {
    const departmentValues = [
      ...data.meetings.map((m) => m.conveningDepartmentId), ...data.meetingDepartments.map((m) => m.departmentId),
      ...data.agreements.map((a) => a.responsibleDepartmentId), ...data.followUps.map((f) => f.departmentId),
      ...data.agreementParties.filter((p) => p.partyKind === PartyKind.DEPARTMENT).map((p) => p.partyId),
      ...data.requests.flatMap((r) => (r.assignedDepartmentId ? [r.assignedDepartmentId] : [])),
      ...data.requestEvents.flatMap((e) => (e.departmentId ? [e.departmentId] : [])),
    ];
    expect(departmentValues.filter((id) => !DEPARTMENT_IDS.has(id))).toEqual([]);
    expect(new Set(departmentValues).size).toBe(14);
    expect(data.agreementParties.filter((p) => p.partyKind === PartyKind.AGENCY && !AGENCY_IDS.has(p.partyId))).toEqual([]);
    const works = [...data.agreementWorks.map((w) => w.workId), ...data.requests.flatMap((r) => (r.workId ? [r.workId] : []))];
    expect(works.filter((id) => !WORK_IDS.has(id))).toEqual([]);
  });

  it('uses the deadline calendar it is given', () => {
    const businessDays = (kind: RequestKind) => (kind === RequestKind.INFORMATION_REQUEST ? 10 : 30);
    const calls: string[] = [];
    const custom = generateParticipationDemoData(districts.slice(0, 5), {
      dueOn: (kind, submittedOn) => {
        calls.push(kind);
        return addBusinessDays(submittedOn, businessDays(kind));
      },
    });
    expect(calls.length).toBe(custom.requests.length);
    const limaDate = (ts: string) => new Date(Date.parse(ts) - 5 * 3_600_000).toISOString().slice(0, 10);
    expect(failing(custom.requests, (r) => r.dueOn === addBusinessDays(limaDate(r.submittedAt), businessDays(r.kind)))).toEqual([]);
    expect(new Set(custom.requests.map((r) => r.ubigeo)).size).toBe(5);
  });

  it('validates its options', () => {
    expect(() => generateParticipationDemoData(districts, { scale: 0 })).toThrow(RangeError);
    expect(() => generateParticipationDemoData(districts, { scale: 1.5 })).toThrow(RangeError);
    expect(() => generateParticipationDemoData(districts, { referenceDate: '2026-02-30' })).toThrow(RangeError);
    expect(() => generateParticipationDemoData([])).toThrow(RangeError);
  });

  it('generates scale 10 quickly and linearly', () => {
    const started = performance.now();
    const large = generateParticipationDemoData(districts, { scale: 10 });
    const elapsed = performance.now() - started;
    expect(large.organizations.length).toBe(10 * data.organizations.length);
    expect(large.requests.length).toBe(10 * data.requests.length);
    expect(large.agreements.length).toBeGreaterThan(6 * data.agreements.length);
    expect(duplicates(large.requests.map((r) => r.trackingCode))).toEqual([]);
    expect(elapsed).toBeLessThan(15_000);
  });
});
