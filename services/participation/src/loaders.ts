/**
 * Per-request DataLoaders and the column lists of participation's public read models. A page of
 * agreements with its meetings, parties, works and follow-ups costs one statement per kind.
 * Nothing here ever reads request_submitter: that is SubmitterService's alone.
 */
import { type BaseContext, type EntityManager, byKey, groupByKey, withUuids } from '@articula/common';
import DataLoader from 'dataloader';
import type { AgreementGql, AgreementPartyGql, FollowUpGql } from './modules/agreement/agreement.type.js';
import type { MeetingGql } from './modules/meeting/meeting.type.js';
import type { OrganizationGql, RepresentativeType } from './modules/organization/organization.type.js';
import { requestStatsByDistrict } from './modules/request/request.queries.js';
import type { RequestStatsGql, RequestStatusChangeGql } from './modules/request/request.type.js';

const ph = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export const ORGANIZATION_COLUMNS = `o.id::text as id, o.name, o.type, json_build_object('ubigeo', o.ubigeo) as district,
  o.registration_number as "registrationNumber", o.registration_date::text as "registrationDate", o.registration_status as "registrationStatus"`;
export const MEETING_COLUMNS = `m.id::text as id, m.kind, m.title, m.starts_at as "startsAt", json_build_object('ubigeo', m.ubigeo) as district, m.place,
  json_build_object('code', m.convening_department) as "conveningDepartment", m.attendance_count as "attendanceCount", m.agenda,
  m.minutes_summary as "minutesSummary", m.status, m.series_id::text as "seriesId"`;
/** Needs `today` as its first parameter. */
export const AGREEMENT_COLUMNS = `a.id::text as id, a.text, json_build_object('code', a.responsible_department) as "responsibleDepartment",
  a.due_date::text as "dueDate", a.status, (a.status in ('PENDING', 'IN_PROGRESS') and a.due_date < ?::date) as overdue,
  a.fulfilled_on::text as "fulfilledOn", case when a.status = 'FULFILLED' then a.fulfilled_on > a.due_date end as "fulfilledLate",
  a.cancellation_reason as "cancellationReason", a.meeting_id::text as "meetingId",
  case when a.status = 'FULFILLED' then 100 else coalesce((select f.progress_pct from agreement_follow_up f where f.agreement_id = a.id
    order by f.reported_on desc, f.created_at desc limit 1), 0) end::float8 as progress`;

export const toMeeting = (r: any): MeetingGql => ({ ...r, startsAt: new Date(r.startsAt) });


export function createLoaders(em: EntityManager, today: string) {
  return {
    organization: new DataLoader<string, OrganizationGql | null>(async (ids) =>
      byKey(ids, await withUuids(ids, (v) => em.execute<OrganizationGql[]>(`select ${ORGANIZATION_COLUMNS} from organization o where o.id in (${ph(v.length)})`, v)), (o) => o.id),
    ),
    representativesOf: new DataLoader<string, RepresentativeType[]>(async (ids) =>
      groupByKey(ids, await em.execute<(RepresentativeType & { organizationId: string })[]>(
        `select organization_id::text as "organizationId", name, role from organization_representative where organization_id in (${ph(ids.length)}) order by position, name`, [...ids]),
      (r) => r.organizationId),
    ),
    meeting: new DataLoader<string, MeetingGql | null>(async (ids) =>
      byKey(ids, (await withUuids(ids, (v) => em.execute(`select ${MEETING_COLUMNS} from meeting m where m.id in (${ph(v.length)})`, v))).map(toMeeting), (m) => m.id),
    ),
    organizationsOfMeeting: new DataLoader<string, OrganizationGql[]>(async (ids) =>
      groupByKey(ids, await em.execute<(OrganizationGql & { meetingId: string })[]>(
        `select mo.meeting_id::text as "meetingId", ${ORGANIZATION_COLUMNS} from meeting_organization mo join organization o on o.id = mo.organization_id
          where mo.meeting_id in (${ph(ids.length)}) order by o.name`, [...ids]),
      (r) => r.meetingId),
    ),
    departmentsOfMeeting: new DataLoader<string, { code: string }[]>(async (ids) =>
      groupByKey(ids, await em.execute<{ meetingId: string; code: string }[]>(
        `select meeting_id::text as "meetingId", department as code from meeting_department where meeting_id in (${ph(ids.length)}) order by department`, [...ids]),
      (r) => r.meetingId).map((rows) => rows.map((r) => ({ code: r.code }))),
    ),
    agreement: new DataLoader<string, AgreementGql | null>(async (ids) =>
      byKey(ids, await withUuids(ids, (v) => em.execute<AgreementGql[]>(`select ${AGREEMENT_COLUMNS} from agreement a where a.id in (${ph(v.length)})`, [today, ...v])), (a) => a.id),
    ),
    agreementsOfMeeting: new DataLoader<string, AgreementGql[]>(async (ids) =>
      groupByKey(ids, await em.execute<AgreementGql[]>(`select ${AGREEMENT_COLUMNS} from agreement a where a.meeting_id in (${ph(ids.length)}) order by a.created_at, a.id`, [today, ...ids]),
      (a) => a.meetingId),
    ),
    agreementsOfWork: new DataLoader<string, AgreementGql[]>(async (ids) => {
      const rows = await withUuids(ids, (v) => em.execute<(AgreementGql & { workId: string })[]>(
        `select aw.work_id::text as "workId", ${AGREEMENT_COLUMNS} from agreement_work aw join agreement a on a.id = aw.agreement_id
          where aw.work_id in (${ph(v.length)}) order by a.due_date, a.id`, [today, ...v]));
      return groupByKey(ids, rows, (r) => r.workId);
    }),
    requestCountOfWork: new DataLoader<string, number>(async (ids) => {
      const rows = await withUuids(ids, (v) => em.execute<{ workId: string; n: number }[]>(
        `select work_id::text as "workId", count(*)::int as n from citizen_request where work_id in (${ph(v.length)}) group by work_id`, v));
      return byKey(ids, rows, (r) => r.workId).map((r) => r?.n ?? 0);
    }),
    partiesOf: new DataLoader<string, AgreementPartyGql[]>(async (ids) =>
      groupByKey(ids, await em.execute<(AgreementPartyGql & { agreementId: string })[]>(
        `select agreement_id::text as "agreementId", party_kind as kind, party_key as "partyId" from agreement_party
          where agreement_id in (${ph(ids.length)}) order by party_kind, party_key`, [...ids]),
      (r) => r.agreementId),
    ),
    worksOf: new DataLoader<string, { id: string }[]>(async (ids) =>
      groupByKey(ids, await em.execute<{ agreementId: string; id: string }[]>(
        `select agreement_id::text as "agreementId", work_id::text as id from agreement_work where agreement_id in (${ph(ids.length)}) order by work_id`, [...ids]),
      (r) => r.agreementId).map((rows) => rows.map((r) => ({ id: r.id }))),
    ),
    followUpsOf: new DataLoader<string, FollowUpGql[]>(async (ids) =>
      groupByKey(ids, await em.execute<(FollowUpGql & { agreementId: string })[]>(
        `select agreement_id::text as "agreementId", id::text as id, reported_on::text as date, note, evidence_url as "evidenceUrl", progress_pct::float8 as progress
           from agreement_follow_up where agreement_id in (${ph(ids.length)}) order by reported_on, created_at`, [...ids]),
      (r) => r.agreementId),
    ),
    requestStatsOfDistrict: new DataLoader<string, RequestStatsGql>((ubigeos) => requestStatsByDistrict(em, ubigeos, today)),
    historyOfRequest: new DataLoader<string, RequestStatusChangeGql[]>(async (ids) =>
      groupByKey(ids, (await em.execute<any[]>(
        `select request_id::text as "requestId", at, to_status as status from request_event where request_id in (${ph(ids.length)}) order by at, id`, [...ids]))
        .map((r) => ({ ...r, at: new Date(r.at) })),
      (r: any) => r.requestId),
    ),
  };
}

export type ParticipationLoaders = ReturnType<typeof createLoaders>;

export interface ParticipationContext extends BaseContext {
  today: string;
  loaders: ParticipationLoaders;
  config: ParticipationConfig;
}

export interface ParticipationConfig {
  /** The department that triages incoming requests (assigns or rejects them). */
  triageDepartment: string;
  /** Deadline of each kind of request, in business days. */
  deadlineDays: Record<string, number>;
}
