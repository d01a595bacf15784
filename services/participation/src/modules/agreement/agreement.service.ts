/**
 * Agreements and their follow-ups, for officials. An agreement is made in a held meeting by its
 * convening department or by the department made responsible; only the responsible department
 * updates it and reports follow-ups. Outcomes: UNAUTHENTICATED, NOT_FOUND, FORBIDDEN,
 * BAD_USER_INPUT (all problems at once), or the agreement's id.
 */
import { randomUUID } from 'node:crypto';
import { DEPARTMENT_CODE, type EntityManager, type Identity, InputProblems, isCalendarDate, isUuid, notFound, recordAudit, todayInPeru } from '@articula/common';
import { AgreementChangeKind, AgreementStatus, MeetingStatus, PartyKind } from '../../enums.js';
import { publishAgreementChanged } from '../../events.js';
import { requireDepartment, requireOfficial } from '../authorization.js';
import { type FieldChange, changeEntry } from '../history/change-log.entity.js';
import { MeetingEntity } from '../meeting/meeting.entity.js';
import { AgreementEntity, FollowUpEntity } from './agreement.entity.js';
import type { CreateAgreementInput, FollowUpInput, UpdateAgreementInput } from './agreement.type.js';

const AGREEMENT_TRANSITIONS: Record<AgreementStatus, AgreementStatus[]> = {
  PENDING: [AgreementStatus.PENDING, AgreementStatus.IN_PROGRESS, AgreementStatus.FULFILLED, AgreementStatus.CANCELLED],
  IN_PROGRESS: [AgreementStatus.IN_PROGRESS, AgreementStatus.FULFILLED, AgreementStatus.CANCELLED],
  FULFILLED: [AgreementStatus.FULFILLED],
  CANCELLED: [AgreementStatus.CANCELLED],
};

const meetingDate = (meeting: MeetingEntity) => todayInPeru(meeting.startsAt);

function checkWorkIds(ids: string[], problems: InputProblems) {
  ids.forEach((id, i) => problems.check(isUuid(id), `workIds[${i}]`, 'is not a work id'));
  problems.check(new Set(ids).size === ids.length, 'workIds', 'names a work twice');
}

async function replaceWorks(tx: EntityManager, agreementId: string, workIds: string[]) {
  await tx.execute('delete from agreement_work where agreement_id = ?', [agreementId]);
  if (workIds.length) await tx.execute(`insert into agreement_work (agreement_id, work_id) values ${workIds.map(() => '(?, ?)').join(', ')}`, workIds.flatMap((w) => [agreementId, w]));
}

async function loadOwnAgreement(em: EntityManager, identity: Identity, id: string) {
  const official = requireOfficial(identity);
  const agreement = isUuid(id) ? await em.findOne(AgreementEntity, { id }) : null;
  if (!agreement) throw notFound('id', `There is no agreement with id ${id}.`);
  requireDepartment(official, [agreement.responsibleDepartment], 'change this agreement (its responsible department)');
  const meeting = await em.findOneOrFail(MeetingEntity, { id: agreement.meetingId });
  return { official, agreement, meeting };
}

export class AgreementService {
  static async create(em: EntityManager, identity: Identity, input: CreateAgreementInput): Promise<string> {
    const official = requireOfficial(identity);
    const meeting = isUuid(input.meetingId) ? await em.findOne(MeetingEntity, { id: input.meetingId }) : null;
    if (!meeting) throw notFound('meetingId', `There is no meeting with id ${input.meetingId}.`);
    const responsible = input.responsibleDepartment ?? official.department;
    // The convening department records the meeting's agreements; a department that took part may
    // record those it is made responsible for.
    const attended = (await em.execute<{ n: number }[]>('select count(*)::int as n from meeting_department where meeting_id = ? and department = ?', [meeting.id, official.department]))[0]!.n > 0;
    requireDepartment(official, [meeting.conveningDepartment, attended && responsible === official.department ? responsible : null], 'record an agreement of this meeting (its convening department, or a participating department for its own commitments)');

    const problems = new InputProblems();
    problems.check(meeting.status === MeetingStatus.HELD, 'meetingId', `agreements are made in held meetings; this one is ${meeting.status}`);
    problems.check(input.text.trim().length >= 5 && input.text.trim().length <= 4000, 'text', 'must be between 5 and 4000 characters');
    problems.check(DEPARTMENT_CODE.test(responsible), 'responsibleDepartment', 'is not a department code');
    problems.check(input.dueDate >= meetingDate(meeting), 'dueDate', `cannot be before the meeting (${meetingDate(meeting)})`);
    const organizationKeys: string[] = [];
    input.parties.forEach((party, i) => {
      if (party.kind === PartyKind.DEPARTMENT) problems.check(DEPARTMENT_CODE.test(party.key), `parties[${i}].key`, 'is not a department code');
      else problems.check(isUuid(party.key), `parties[${i}].key`, `is not an ${party.kind === PartyKind.AGENCY ? 'agency' : 'organization'} id`);
      if (party.kind === PartyKind.ORGANIZATION && isUuid(party.key)) organizationKeys.push(party.key);
    });
    if (organizationKeys.length) {
      const found = new Set((await em.execute<{ id: string }[]>(`select id::text as id from organization where id in (${organizationKeys.map(() => '?').join(', ')})`, organizationKeys)).map((r) => r.id));
      input.parties.forEach((party, i) => {
        if (party.kind === PartyKind.ORGANIZATION && isUuid(party.key)) problems.check(found.has(party.key), `parties[${i}].key`, 'is not a registered organization');
      });
    }
    checkWorkIds(input.workIds, problems);
    problems.throwIfAny();

    const parties = new Map<string, { kind: PartyKind; key: string }>();
    for (const party of [{ kind: PartyKind.DEPARTMENT, key: responsible }, ...input.parties]) parties.set(`${party.kind}:${party.key}`, party);
    const id = randomUUID();
    const now = new Date();
    await em.transactional(async (tx) => {
      tx.persist(Object.assign(new AgreementEntity(), {
        id, meetingId: meeting.id, text: input.text.trim(), responsibleDepartment: responsible, dueDate: input.dueDate, status: AgreementStatus.PENDING,
        fulfilledOn: null, cancellationReason: null, overdueNotifiedOn: null, createdAt: now, updatedAt: now,
      }));
      await tx.flush();
      const list = [...parties.values()];
      await tx.execute(`insert into agreement_party (agreement_id, party_kind, party_key) values ${list.map(() => '(?, ?, ?)').join(', ')}`, list.flatMap((p) => [id, p.kind, p.key]));
      await replaceWorks(tx, id, input.workIds);
      tx.persist(changeEntry('AGREEMENT', id, 'CREATED', { department: official.department }, [
        { field: 'text', from: null, to: input.text.trim() }, { field: 'responsibleDepartment', from: null, to: responsible }, { field: 'dueDate', from: null, to: input.dueDate },
      ], now));
      await tx.flush();
      await recordAudit(tx, { entityType: 'AGREEMENT', entityId: id, summary: { meetingId: meeting.id, responsibleDepartment: responsible, dueDate: input.dueDate, works: input.workIds.length } });
      await publishAgreementChanged(tx, { agreementId: id, change: AgreementChangeKind.CREATED, department: responsible, district: meeting.ubigeo }, now);
    });
    return id;
  }

  static async update(em: EntityManager, identity: Identity, id: string, input: UpdateAgreementInput): Promise<string> {
    const { official, agreement, meeting } = await loadOwnAgreement(em, identity, id);
    const problems = new InputProblems();
    const today = todayInPeru();
    const status = input.status ?? agreement.status;
    if (input.text !== undefined) problems.check(input.text.trim().length >= 5 && input.text.trim().length <= 4000, 'text', 'must be between 5 and 4000 characters');
    if (input.dueDate !== undefined) problems.check(input.dueDate >= meetingDate(meeting), 'dueDate', `cannot be before the meeting (${meetingDate(meeting)})`);
    problems.check(AGREEMENT_TRANSITIONS[agreement.status].includes(status), 'status', `cannot go from ${agreement.status} to ${status}`);
    const fulfilledOn = status === AgreementStatus.FULFILLED && agreement.status !== AgreementStatus.FULFILLED ? (input.fulfilledOn ?? today) : undefined;
    if (input.fulfilledOn !== undefined) problems.check(status === AgreementStatus.FULFILLED, 'fulfilledOn', 'is only given when the status becomes FULFILLED');
    if (fulfilledOn) {
      problems.check(isCalendarDate(fulfilledOn) && fulfilledOn <= today, 'fulfilledOn', 'cannot be in the future');
      problems.check(fulfilledOn >= meetingDate(meeting), 'fulfilledOn', `cannot be before the meeting (${meetingDate(meeting)})`);
    }
    if (status === AgreementStatus.CANCELLED && agreement.status !== AgreementStatus.CANCELLED) {
      problems.check((input.cancellationReason ?? '').trim().length >= 5, 'cancellationReason', 'a cancellation needs a reason (at least 5 characters)');
    }
    if (input.workIds) checkWorkIds(input.workIds, problems);
    problems.throwIfAny();

    const changes: FieldChange[] = [];
    const set = <K extends keyof AgreementEntity>(field: K, value: AgreementEntity[K] | undefined) => {
      if (value !== undefined && value !== agreement[field]) {
        changes.push({ field, from: agreement[field], to: value });
        agreement[field] = value;
      }
    };
    set('text', input.text?.trim());
    // A due date moved to today or later lets the agreement fall overdue again, and be announced
    // again; one moved into the past keeps its announcement (or gets it on the ticker's next round).
    if (input.dueDate !== undefined && input.dueDate !== agreement.dueDate && input.dueDate >= today) agreement.overdueNotifiedOn = null;
    set('dueDate', input.dueDate);
    set('status', input.status);
    set('fulfilledOn', fulfilledOn);
    if (status === AgreementStatus.CANCELLED) set('cancellationReason', input.cancellationReason?.trim());
    if (input.workIds) changes.push({ field: 'workIds', from: null, to: [...input.workIds].sort() });
    const audit = { entityType: 'AGREEMENT', entityId: agreement.id, summary: { fields: changes.map((c) => c.field), status: agreement.status } };
    if (changes.length === 0) {
      // Nothing to write, but the call succeeded: the audit trail still says who asked.
      await em.transactional((tx) => recordAudit(tx, audit));
      return agreement.id;
    }
    agreement.updatedAt = new Date();
    await em.transactional(async (tx) => {
      tx.persist(agreement);
      if (input.workIds) await replaceWorks(tx, agreement.id, input.workIds);
      tx.persist(changeEntry('AGREEMENT', agreement.id, 'UPDATED', { department: official.department }, changes));
      await tx.flush();
      await recordAudit(tx, audit);
      await publishAgreementChanged(tx, { agreementId: agreement.id, change: AgreementChangeKind.UPDATED, department: agreement.responsibleDepartment, district: meeting.ubigeo }, agreement.updatedAt);
    });
    return agreement.id;
  }

  static async addFollowUp(em: EntityManager, identity: Identity, agreementId: string, input: FollowUpInput): Promise<string> {
    const { official, agreement, meeting } = await loadOwnAgreement(em, identity, agreementId);
    const problems = new InputProblems();
    const today = todayInPeru();
    problems.check(agreement.status !== AgreementStatus.CANCELLED, 'agreementId', 'a cancelled agreement takes no follow-ups');
    problems.check(input.date <= today, 'date', 'cannot be in the future');
    problems.check(input.date >= meetingDate(meeting), 'date', `cannot be before the meeting (${meetingDate(meeting)})`);
    problems.check(Number.isFinite(input.progress) && input.progress >= 0 && input.progress <= 100, 'progress', 'must be between 0 and 100');
    problems.check(input.note.trim().length >= 3 && input.note.trim().length <= 4000, 'note', 'must be between 3 and 4000 characters');
    if (input.evidenceUrl !== undefined) {
      let ok = false;
      try {
        ok = ['http:', 'https:'].includes(new URL(input.evidenceUrl).protocol);
      } catch {
        ok = false;
      }
      problems.check(ok, 'evidenceUrl', 'must be an http(s) link');
    }
    problems.throwIfAny();

    const id = randomUUID();
    const now = new Date();
    const progress = (Math.round(input.progress * 100) / 100).toFixed(2);
    await em.transactional(async (tx) => {
      tx.persist(Object.assign(new FollowUpEntity(), {
        id, agreementId: agreement.id, reportedOn: input.date, note: input.note.trim(), evidenceUrl: input.evidenceUrl ?? null, progressPct: progress, department: official.department, createdAt: now,
      }));
      tx.persist(changeEntry('FOLLOW_UP', id, 'CREATED', { department: official.department }, [
        { field: 'agreementId', from: null, to: agreement.id }, { field: 'date', from: null, to: input.date }, { field: 'progress', from: null, to: Number(progress) },
      ], now));
      await tx.flush();
      await recordAudit(tx, { entityType: 'AGREEMENT', entityId: agreement.id, summary: { followUpId: id, date: input.date, progress: Number(progress) } });
      await publishAgreementChanged(tx, { agreementId: agreement.id, change: AgreementChangeKind.FOLLOW_UP, department: agreement.responsibleDepartment, district: meeting.ubigeo }, now);
    });
    return agreement.id;
  }
}
