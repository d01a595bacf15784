/**
 * Meetings, for officials: the convening department schedules and updates them. Outcomes:
 * UNAUTHENTICATED, NOT_FOUND, FORBIDDEN, BAD_USER_INPUT (all problems at once), or the meeting(s).
 */
import { randomUUID } from 'node:crypto';
import { DEPARTMENT_CODE, type EntityManager, HUANCAYO_UBIGEOS, type Identity, InputProblems, isUuid, notFound, recordAudit } from '@articula/common';
import { MeetingKind, MeetingStatus } from '../../enums.js';
import { requireDepartment, requireOfficial } from '../authorization.js';
import { type FieldChange, changeEntry } from '../history/change-log.entity.js';
import { MeetingEntity } from './meeting.entity.js';
import type { ScheduleMeetingInput, UpdateMeetingInput } from './meeting.type.js';

const MEETING_TRANSITIONS: Record<MeetingStatus, MeetingStatus[]> = {
  SCHEDULED: [MeetingStatus.SCHEDULED, MeetingStatus.HELD, MeetingStatus.CANCELLED],
  HELD: [MeetingStatus.HELD],
  CANCELLED: [MeetingStatus.CANCELLED, MeetingStatus.SCHEDULED],
};

async function checkOrganizations(em: EntityManager, ids: string[], problems: InputProblems, field: string) {
  const valid = ids.filter(isUuid);
  const found = valid.length
    ? new Set((await em.execute<{ id: string }[]>(`select id::text as id from organization where id in (${valid.map(() => '?').join(', ')})`, valid)).map((r) => r.id))
    : new Set<string>();
  ids.forEach((id, i) => problems.check(found.has(id), `${field}[${i}]`, 'is not a registered organization'));
}

function checkText(problems: InputProblems, field: string, value: string | undefined, min: number, max: number) {
  if (value === undefined) return;
  const length = value.trim().length;
  problems.check(length >= min && length <= max, field, `must be between ${min} and ${max} characters`);
}

export class MeetingService {
  static async schedule(em: EntityManager, identity: Identity, input: ScheduleMeetingInput): Promise<string[]> {
    const official = requireOfficial(identity);
    const problems = new InputProblems();
    checkText(problems, 'title', input.title, 3, 300);
    checkText(problems, 'place', input.place, 3, 300);
    checkText(problems, 'agenda', input.agenda, 0, 4000);
    problems.check(HUANCAYO_UBIGEOS.has(input.district), 'district', 'is not the UBIGEO of a district of the province of Huancayo');
    problems.check(!Number.isNaN(input.startsAt.getTime()), 'startsAt', 'is not a valid date and time');
    problems.check(Number.isInteger(input.weeks) && input.weeks >= 1 && input.weeks <= 52, 'weeks', 'must be between 1 and 52');
    if (input.weeks > 1) problems.check(input.kind === MeetingKind.COORDINATION_COMMITTEE, 'weeks', 'only the coordination committee meets as a weekly series');
    input.departments.forEach((code, i) => problems.check(DEPARTMENT_CODE.test(code), `departments[${i}]`, 'is not a department code'));
    await checkOrganizations(em, input.organizationIds, problems, 'organizationIds');
    problems.throwIfAny();

    const seriesId = input.weeks > 1 ? randomUUID() : null;
    const departments = [...new Set([official.department, ...input.departments])];
    const organizations = [...new Set(input.organizationIds)];
    const now = new Date();
    const ids = Array.from({ length: input.weeks }, () => randomUUID());
    await em.transactional(async (tx) => {
      ids.forEach((id, week) => {
        const meeting = Object.assign(new MeetingEntity(), {
          id, kind: input.kind, title: input.title.trim(), startsAt: new Date(input.startsAt.getTime() + week * 7 * 86_400_000), ubigeo: input.district,
          place: input.place.trim(), conveningDepartment: official.department, attendanceCount: null, agenda: input.agenda, minutesSummary: null,
          status: MeetingStatus.SCHEDULED, seriesId, createdAt: now, updatedAt: now,
        });
        tx.persist(meeting);
        tx.persist(changeEntry('MEETING', id, 'SCHEDULED', { department: official.department }, [
          { field: 'kind', from: null, to: input.kind }, { field: 'startsAt', from: null, to: meeting.startsAt.toISOString() }, { field: 'district', from: null, to: input.district },
        ], now));
      });
      await tx.flush();
      for (const id of ids) {
        await tx.execute(`insert into meeting_department (meeting_id, department) values ${departments.map(() => '(?, ?)').join(', ')}`, departments.flatMap((d) => [id, d]));
        if (organizations.length) {
          await tx.execute(`insert into meeting_organization (meeting_id, organization_id) values ${organizations.map(() => '(?, ?)').join(', ')}`, organizations.flatMap((o) => [id, o]));
        }
      }
      await recordAudit(tx, { entityType: 'MEETING', entityId: ids[0], summary: { kind: input.kind, district: input.district, meetings: ids.length, seriesId } });
    });
    return ids;
  }

  static async update(em: EntityManager, identity: Identity, id: string, input: UpdateMeetingInput): Promise<string> {
    const official = requireOfficial(identity);
    const meeting = isUuid(id) ? await em.findOne(MeetingEntity, { id }) : null;
    if (!meeting) throw notFound('id', `There is no meeting with id ${id}.`);
    requireDepartment(official, [meeting.conveningDepartment], 'change this meeting (its convening department)');

    const problems = new InputProblems();
    checkText(problems, 'title', input.title, 3, 300);
    checkText(problems, 'place', input.place, 3, 300);
    checkText(problems, 'agenda', input.agenda, 0, 4000);
    checkText(problems, 'minutesSummary', input.minutesSummary, 3, 8000);
    if (input.startsAt) problems.check(!Number.isNaN(input.startsAt.getTime()), 'startsAt', 'is not a valid date and time');
    if (input.attendanceCount !== undefined) problems.check(Number.isInteger(input.attendanceCount) && input.attendanceCount >= 0 && input.attendanceCount <= 100_000, 'attendanceCount', 'must be between 0 and 100000');
    const status = input.status ?? meeting.status;
    problems.check(MEETING_TRANSITIONS[meeting.status].includes(status), 'status', `cannot go from ${meeting.status} to ${status}`);
    const startsAt = input.startsAt ?? meeting.startsAt;
    if (status === MeetingStatus.HELD) {
      problems.check(startsAt.getTime() <= Date.now(), 'status', 'a meeting cannot be held before it starts');
      problems.check((input.attendanceCount ?? meeting.attendanceCount) !== null, 'attendanceCount', 'a held meeting records how many attended');
    }
    if (input.organizationIds) await checkOrganizations(em, input.organizationIds, problems, 'organizationIds');
    problems.throwIfAny();

    const changes: FieldChange[] = [];
    const set = <K extends keyof MeetingEntity>(field: K, value: MeetingEntity[K] | undefined) => {
      if (value === undefined) return;
      const before = meeting[field] instanceof Date ? (meeting[field] as Date).toISOString() : meeting[field];
      const after = value instanceof Date ? value.toISOString() : value;
      if (before !== after) {
        changes.push({ field, from: before, to: after });
        meeting[field] = value;
      }
    };
    set('title', input.title?.trim());
    set('startsAt', input.startsAt);
    set('place', input.place?.trim());
    set('agenda', input.agenda);
    set('status', input.status);
    set('attendanceCount', input.attendanceCount);
    set('minutesSummary', input.minutesSummary);
    if (input.organizationIds) changes.push({ field: 'organizations', from: null, to: [...new Set(input.organizationIds)] });
    const audit = { entityType: 'MEETING', entityId: meeting.id, summary: { fields: changes.map((c) => c.field), status: meeting.status } };
    if (changes.length === 0) {
      // Nothing to write, but the call succeeded: the audit trail still says who asked.
      await em.transactional((tx) => recordAudit(tx, audit));
      return meeting.id;
    }
    meeting.updatedAt = new Date();
    await em.transactional(async (tx) => {
      tx.persist(meeting);
      tx.persist(changeEntry('MEETING', meeting.id, 'UPDATED', { department: official.department }, changes));
      await recordAudit(tx, audit);
      if (input.organizationIds) {
        const organizations = [...new Set(input.organizationIds)];
        await tx.execute('delete from meeting_organization where meeting_id = ?', [meeting.id]);
        if (organizations.length) {
          await tx.execute(`insert into meeting_organization (meeting_id, organization_id) values ${organizations.map(() => '(?, ?)').join(', ')}`, organizations.flatMap((o) => [meeting.id, o]));
        }
      }
    });
    return meeting.id;
  }
}
