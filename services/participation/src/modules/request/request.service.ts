/**
 * Citizen requests. Anyone submits one (no account) and gets a tracking code; the triage
 * department assigns or rejects incoming ones; the assigned department works them through
 * REQUEST_TRANSITIONS. The submitter's personal data goes to its own table and comes back only
 * through `submitterOf`, for officials of the assigned department. Public texts (responses,
 * reasons) are refused when they look like they carry personal data.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  DEPARTMENT_CODE, type EntityManager, HUANCAYO_UBIGEOS, type Identity, InputProblems, addBusinessDays, forbidden, isUuid, notFound, recordAudit, todayInPeru,
} from '@articula/common';
import { REQUEST_TRANSITIONS, RequestStatus } from '../../enums.js';
import { publishRequestStatusChanged } from '../../events.js';
import type { ParticipationConfig } from '../../loaders.js';
import { requireDepartment, requireOfficial } from '../authorization.js';
import { type FieldChange, changeEntry } from '../history/change-log.entity.js';
import { CitizenRequestEntity, RequestEventEntity, RequestSubmitterEntity } from './request.entity.js';
import type { SubmitRequestInput } from './request.type.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** HYO-XXXX-XXXX-XXXX: 60 random bits in Crockford base32, so codes cannot be guessed or enumerated. */
export function newTrackingCode(): string {
  const bytes = randomBytes(8);
  let value = bytes.readBigUInt64BE() >> 4n;
  let chars = '';
  for (let i = 0; i < 12; i++) {
    chars = CROCKFORD[Number(value & 31n)] + chars;
    value >>= 5n;
  }
  return `HYO-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

const TRACKING_CODE = /^HYO-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** A code as newTrackingCode makes them (after normalizeTrackingCode). */
export const isTrackingCode = (code: string) => TRACKING_CODE.test(code);

/** Accepts what a person may type: lower case, spaces, O for 0, I/L for 1. */
export function normalizeTrackingCode(code: string): string {
  const raw = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const body = raw.startsWith('HY0') ? raw.slice(3) : raw;
  return body.length === 12 ? `HYO-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8, 12)}` : code;
}

/** Shapes of personal data that must not appear in public texts. */
export const PERSONAL_DATA_PATTERNS = [/(?<!\d)\d{8}(?!\d)/, /(?<!\d)9\d{8}(?!\d)/, /[^\s@]+@[^\s@]+\.[^\s@]+/];
const looksPersonal = (text: string) => PERSONAL_DATA_PATTERNS.some((p) => p.test(text));

export function dueDate(config: ParticipationConfig, kind: string, submittedOn: string): string {
  return addBusinessDays(submittedOn, config.deadlineDays[kind] ?? 30);
}

export interface MoveRequestInput {
  to: RequestStatus;
  department?: string;
  note?: string;
  publicResponse?: string;
  rejectionReason?: string;
}

export class RequestService {
  static async submit(em: EntityManager, identity: Identity, config: ParticipationConfig, input: SubmitRequestInput) {
    const problems = new InputProblems();
    problems.check(HUANCAYO_UBIGEOS.has(input.district), 'district', 'is not the UBIGEO of a district of the province of Huancayo');
    const description = input.description.trim();
    problems.check(description.length >= 10 && description.length <= 4000, 'description', 'must be between 10 and 4000 characters');
    if (input.workId !== undefined && input.workId !== null) problems.check(isUuid(input.workId), 'workId', 'is not a work id');
    const s = input.submitter;
    if (s) {
      // Reasons never repeat the value: it is personal data.
      if (s.dni !== undefined) problems.check(/^\d{8}$/.test(s.dni), 'submitter.dni', 'must be 8 digits');
      if (s.phone !== undefined) problems.check(/^9\d{8}$/.test(s.phone), 'submitter.phone', 'must be a mobile number: 9 digits starting with 9');
      if (s.email !== undefined) problems.check(/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s.email) && s.email.length <= 200, 'submitter.email', 'is not an e-mail address');
      if (s.fullName !== undefined) problems.check(s.fullName.trim().length >= 2 && s.fullName.length <= 200, 'submitter.fullName', 'must be between 2 and 200 characters');
      if (s.address !== undefined) problems.check(s.address.length <= 300, 'submitter.address', 'must be at most 300 characters');
    }
    problems.throwIfAny();

    const id = randomUUID();
    const now = new Date();
    const trackingCode = newTrackingCode();
    const due = dueDate(config, input.kind, todayInPeru(now));
    const contact = !!s && [s.fullName, s.dni, s.phone, s.email, s.address].some((v) => v !== undefined && v !== null && v !== '');
    await em.transactional(async (tx) => {
      tx.persist(Object.assign(new CitizenRequestEntity(), {
        id, trackingCode, kind: input.kind, category: input.category, ubigeo: input.district, description, workId: input.workId ?? null,
        status: RequestStatus.RECEIVED, assignedDepartment: null, submittedAt: now, dueOn: due, closedAt: null, rejectionReason: null, publicResponse: null, updatedAt: now,
      }));
      await tx.flush();
      if (s && contact) {
        tx.persist(Object.assign(new RequestSubmitterEntity(), {
          requestId: id, fullName: s.fullName?.trim() ?? null, dni: s.dni ?? null, phone: s.phone ?? null, email: s.email?.toLowerCase() ?? null, address: s.address ?? null,
        }));
      }
      tx.persist(Object.assign(new RequestEventEntity(), { id: randomUUID(), requestId: id, at: now, fromStatus: null, toStatus: RequestStatus.RECEIVED, department: null, note: null }));
      // The history names the public facts only, never the submitter.
      tx.persist(changeEntry('REQUEST', id, 'SUBMITTED', 'CITIZEN', [
        { field: 'kind', from: null, to: input.kind }, { field: 'category', from: null, to: input.category }, { field: 'district', from: null, to: input.district },
      ], now));
      await tx.flush();
      // Whether contact data was left, never the data itself.
      await recordAudit(tx, { entityType: 'REQUEST', entityId: id, summary: { kind: input.kind, category: input.category, district: input.district, contact } });
    });
    return { trackingCode, dueOn: due, status: RequestStatus.RECEIVED };
  }

  /** Moves a request along the workflow. Returns its id. */
  static async move(em: EntityManager, identity: Identity, config: ParticipationConfig, trackingCode: string, input: MoveRequestInput): Promise<string> {
    const official = requireOfficial(identity);
    const request = await em.findOne(CitizenRequestEntity, { trackingCode: normalizeTrackingCode(trackingCode) });
    if (!request) throw notFound('trackingCode', 'There is no request with this tracking code.');
    const from = request.status;
    const triage = config.triageDepartment;
    // Who may act: the triage department on incoming requests (and to reassign), the assigned department on its own.
    const allowed = from === RequestStatus.RECEIVED ? [triage] : input.to === RequestStatus.ASSIGNED ? [triage, request.assignedDepartment] : [request.assignedDepartment];
    requireDepartment(official, allowed, `move this request from ${from}`);

    const problems = new InputProblems();
    const legal = REQUEST_TRANSITIONS[from];
    problems.check(legal.includes(input.to), 'to', `cannot go from ${from} to ${input.to}; allowed: ${legal.join(', ') || 'none (closed)'}`);
    if (input.to === RequestStatus.ASSIGNED) {
      problems.check(!!input.department && DEPARTMENT_CODE.test(input.department), 'department', 'assigning needs the code of the department that will handle it');
      if (from === RequestStatus.ASSIGNED) problems.check(input.department !== request.assignedDepartment, 'department', 'is already the assigned department');
    } else {
      problems.check(input.department === undefined, 'department', 'is only given when assigning');
    }
    if (input.to === RequestStatus.RESOLVED) problems.check((input.publicResponse ?? '').trim().length >= 10, 'publicResponse', 'resolving needs a public response (at least 10 characters)');
    if (input.to === RequestStatus.REJECTED) problems.check((input.rejectionReason ?? '').trim().length >= 10, 'rejectionReason', 'rejecting needs a reason (at least 10 characters)');
    for (const field of ['publicResponse', 'rejectionReason', 'note'] as const) {
      const text = input[field];
      if (text === undefined) continue;
      problems.check(text.length <= 4000, field, 'must be at most 4000 characters');
      if (field !== 'note') problems.check(!looksPersonal(text), field, 'is public and must not contain personal data (a DNI, a phone number or an e-mail address)');
    }
    problems.throwIfAny();

    const now = new Date();
    const changes: FieldChange[] = [{ field: 'status', from, to: input.to }];
    if (input.to === RequestStatus.ASSIGNED) {
      changes.push({ field: 'assignedDepartment', from: request.assignedDepartment, to: input.department });
      request.assignedDepartment = input.department!;
    }
    if (input.to === RequestStatus.REJECTED && request.assignedDepartment === null) {
      // Rejected at triage: the triage department is the one that handled it.
      changes.push({ field: 'assignedDepartment', from: null, to: official.department });
      request.assignedDepartment = official.department;
    }
    if (input.to === RequestStatus.RESOLVED) request.publicResponse = input.publicResponse!.trim();
    if (input.to === RequestStatus.REJECTED) request.rejectionReason = input.rejectionReason!.trim();
    if (input.to === RequestStatus.RESOLVED || input.to === RequestStatus.REJECTED) request.closedAt = now;
    request.status = input.to;
    request.updatedAt = now;
    await em.transactional(async (tx) => {
      tx.persist(request);
      tx.persist(Object.assign(new RequestEventEntity(), { id: randomUUID(), requestId: request.id, at: now, fromStatus: from, toStatus: input.to, department: official.department, note: input.note?.trim() ?? null }));
      tx.persist(changeEntry('REQUEST', request.id, 'MOVED', { department: official.department }, changes, now));
      await tx.flush();
      await recordAudit(tx, { entityType: 'REQUEST', entityId: request.id, summary: { from, to: input.to, assignedDepartment: request.assignedDepartment } });
      await publishRequestStatusChanged(tx, { requestId: request.id, trackingCode: request.trackingCode, status: input.to, department: request.assignedDepartment }, now);
    });
    return request.id;
  }

  /**
   * The submitter of a request, for an official of its assigned department only. The database
   * checks it again: row-level security shows the service's role a submitter only in a transaction
   * that declared the caller's department, and only when the request is assigned to it.
   */
  static async submitterOf(em: EntityManager, identity: Identity, requestId: string): Promise<RequestSubmitterEntity | null> {
    const official = requireOfficial(identity);
    const request = await em.findOne(CitizenRequestEntity, { id: requestId });
    if (!request || request.assignedDepartment !== official.department) {
      throw forbidden('Personal data of a request is for the department assigned to it only.');
    }
    return em.transactional(async (tx) => {
      await tx.execute(`select set_config('articula.department', ?, true)`, [official.department]);
      const [row] = await tx.execute<any[]>(
        `select request_id::text as "requestId", full_name as "fullName", dni, phone, email, address from request_submitter where request_id = ?`, [requestId]);
      return row ? Object.assign(new RequestSubmitterEntity(), row) : null;
    });
  }
}
