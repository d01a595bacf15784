/**
 * Loads the deterministic demo data when the schema has no organizations and demo data is wanted.
 * Rows go in with multi-row INSERTs in one transaction.
 */
import { DEMO_DEPARTMENT_CODES, type EntityManager, insertRows, loadDistrictReference, stableId, todayInPeru } from '@articula/common';
import type { ParticipationConfig } from '../loaders.js';
import { dueDate } from '../modules/request/request.service.js';
import { generateParticipationDemoData } from './demo-data.js';

/** The generator names departments by their works-subgraph ids; participation keys them by code. */
const codeOf = new Map(DEMO_DEPARTMENT_CODES.map((code) => [stableId('department', code), code]));
const code = (id: string | null) => (id === null ? null : (codeOf.get(id) ?? id));

export async function seed(em: EntityManager, options: { demo: boolean; scale?: number; config: ParticipationConfig }): Promise<{ organizations: number; requests: number }> {
  if (!options.demo) return { organizations: 0, requests: 0 };
  return em.transactional(async (tx) => {
    const [{ n }] = (await tx.execute<{ n: string }[]>('select count(*) as n from organization')) as [{ n: string }];
    if (Number(n) > 0) return { organizations: 0, requests: 0 };
    const d = generateParticipationDemoData(loadDistrictReference(), {
      scale: options.scale ?? 1,
      dueOn: (kind, submittedOn) => dueDate(options.config, kind, submittedOn),
    });
    await insertRows(tx, 'organization', ['id', 'name', 'type', 'ubigeo', 'registration_number', 'registration_date', 'registration_status', 'created_at', 'updated_at'],
      d.organizations.map((o) => [o.id, o.name, o.type, o.ubigeo, o.registrationNumber, o.registrationDate, o.registrationStatus, o.createdAt, o.updatedAt]));
    await insertRows(tx, 'organization_representative', ['id', 'organization_id', 'name', 'role', 'position'],
      d.representatives.map((r) => [r.id, r.organizationId, r.name, r.role, r.position]));
    await insertRows(tx, 'meeting', ['id', 'kind', 'title', 'starts_at', 'ubigeo', 'place', 'convening_department', 'attendance_count', 'agenda', 'minutes_summary', 'status', 'series_id', 'created_at', 'updated_at'],
      d.meetings.map((m) => [m.id, m.kind, m.title, m.startsAt, m.ubigeo, m.place, code(m.conveningDepartmentId), m.attendanceCount, m.agenda, m.minutesSummary, m.status, m.seriesId, m.createdAt, m.updatedAt]));
    await insertRows(tx, 'meeting_organization', ['meeting_id', 'organization_id'], d.meetingOrganizations.map((r) => [r.meetingId, r.organizationId]));
    await insertRows(tx, 'meeting_department', ['meeting_id', 'department'], d.meetingDepartments.map((r) => [r.meetingId, code(r.departmentId)]));
    await insertRows(tx, 'agreement', ['id', 'meeting_id', 'text', 'responsible_department', 'due_date', 'status', 'fulfilled_on', 'cancellation_reason', 'created_at', 'updated_at'],
      d.agreements.map((a) => [a.id, a.meetingId, a.text, code(a.responsibleDepartmentId), a.dueDate, a.status, a.fulfilledOn, a.cancellationReason, a.createdAt, a.updatedAt]));
    // The demo's history is not news: what is already overdue counts as announced, or the overdue
    // ticker's first round would send subscribers hundreds of OVERDUE events at once.
    const today = todayInPeru();
    await tx.execute(`update agreement set overdue_notified_on = ? where status in ('PENDING', 'IN_PROGRESS') and due_date < ?`, [today, today]);
    await insertRows(tx, 'agreement_party', ['agreement_id', 'party_kind', 'party_key'],
      d.agreementParties.map((p) => [p.agreementId, p.partyKind, p.partyKind === 'DEPARTMENT' ? code(p.partyId) : p.partyId]));
    await insertRows(tx, 'agreement_work', ['agreement_id', 'work_id'], d.agreementWorks.map((w) => [w.agreementId, w.workId]));
    await insertRows(tx, 'agreement_follow_up', ['id', 'agreement_id', 'reported_on', 'note', 'evidence_url', 'progress_pct', 'department', 'created_at'],
      d.followUps.map((f) => [f.id, f.agreementId, f.reportedOn, f.note, f.evidenceUrl, f.progressPct, code(f.departmentId), f.createdAt]));
    await insertRows(tx, 'citizen_request', ['id', 'tracking_code', 'kind', 'category', 'ubigeo', 'description', 'work_id', 'status', 'assigned_department', 'submitted_at', 'due_on', 'closed_at', 'rejection_reason', 'public_response', 'updated_at'],
      d.requests.map((r) => [r.id, r.trackingCode, r.kind, r.category, r.ubigeo, r.description, r.workId, r.status, code(r.assignedDepartmentId), r.submittedAt, r.dueOn, r.closedAt, r.rejectionReason, r.publicResponse, r.updatedAt]));
    await insertRows(tx, 'request_submitter', ['request_id', 'full_name', 'dni', 'phone', 'email', 'address'],
      d.submitters.filter((s) => s.fullName || s.dni || s.phone || s.email || s.address).map((s) => [s.requestId, s.fullName, s.dni, s.phone, s.email, s.address]));
    await insertRows(tx, 'request_event', ['id', 'request_id', 'at', 'from_status', 'to_status', 'department', 'note'],
      d.requestEvents.map((e) => [e.id, e.requestId, e.at, e.fromStatus, e.toStatus, code(e.departmentId), e.note]));
    return { organizations: d.organizations.length, requests: d.requests.length };
  });
}
