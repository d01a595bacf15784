/**
 * Writes to works, for an official of the work's responsible department. Each operation checks,
 * in order: identity (UNAUTHENTICATED), existence (NOT_FOUND), ownership (FORBIDDEN), input
 * (BAD_USER_INPUT, every problem at once), uniqueness (CONFLICT); then writes the change and its
 * history entry in one transaction. A refused call writes nothing.
 */
import { randomUUID } from 'node:crypto';
import {
  type EntityManager,
  HUANCAYO_UBIGEOS,
  type Identity,
  InputProblems,
  conflict,
  forbidden,
  isUuid,
  normalizeDecimal,
  notFound,
  officialOrThrow,
  recordAudit,
  todayInPeru,
} from '@articula/common';
import { DepartmentEntity } from '../department/department.entity.js';
import { AgencyEntity } from '../agency/agency.entity.js';
import { ProgressReportEntity } from './progress-report.entity.js';
import { type FieldChange, type WorkChangeAction, WorkChangeEntity } from './work-change.entity.js';
import { WorkEntity } from './work.entity.js';
import { STATUS_TRANSITIONS, WorkStatus } from './work.enums.js';
import type { CreateWorkInput, ProgressReportInput, UpdateWorkInput } from './work.input.js';
import { type WorkDraft, validateWorkDraft } from './work.validation.js';
import { changedWorks, publishProgressReported, publishWorksChanged } from '../realtime/work.events.js';

type Official = Extract<Identity, { kind: 'official' }>;

async function requireOfficial(em: EntityManager, identity: Identity): Promise<{ official: Official; department: DepartmentEntity }> {
  const official = officialOrThrow(identity);
  const department = await em.findOne(DepartmentEntity, { code: official.department });
  if (!department) throw forbidden(`Department ${official.department} does not exist: the token names no department of the municipality.`);
  return { official, department };
}

async function loadOwnWork(em: EntityManager, identity: Identity, workId: string) {
  const { department } = await requireOfficial(em, identity);
  const work = isUuid(workId) ? await em.findOne(WorkEntity, { id: workId }) : null;
  if (!work) throw notFound('id', `There is no work with id ${workId}.`);
  if (work.departmentId !== department.id) {
    throw forbidden(`Work ${workId} is not under department ${department.code}: only its responsible department may change it.`);
  }
  return { work, department };
}

async function districtsOf(em: EntityManager, workId: string): Promise<string[]> {
  const rows = await em.execute<{ ubigeo: string }[]>('select ubigeo::text as ubigeo from work_district where work_id = ? order by ubigeo', [workId]);
  return rows.map((r) => r.ubigeo);
}

const TRACKED: (keyof WorkDraft)[] = [
  'kind', 'cui', 'infobrasCode', 'title', 'description', 'sector', 'districts', 'latitude', 'longitude', 'plannedStart', 'plannedEnd',
  'actualStart', 'actualEnd', 'investmentCost', 'contractAmount', 'contractorName', 'contractorRuc',
];

export function diff(before: Partial<WorkDraft>, after: WorkDraft): FieldChange[] {
  return TRACKED.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null)).map((field) => ({
    field,
    from: before[field] ?? null,
    to: after[field] ?? null,
  }));
}

export function draftOf(work: WorkEntity, districts: string[]): WorkDraft {
  return {
    kind: work.kind, cui: work.cui, infobrasCode: work.infobrasCode, title: work.title, description: work.description, sector: work.sector, districts,
    latitude: work.latitude === null ? null : Number(work.latitude), longitude: work.longitude === null ? null : Number(work.longitude),
    plannedStart: work.plannedStart, plannedEnd: work.plannedEnd, actualStart: work.actualStart, actualEnd: work.actualEnd,
    investmentCost: work.investmentCost === null ? null : normalizeDecimal(work.investmentCost),
    contractAmount: work.contractAmount === null ? null : normalizeDecimal(work.contractAmount),
    contractorName: work.contractorName, contractorRuc: work.contractorRuc,
  };
}


/** Applies the given input fields on top of a draft: absent fields keep their value, null clears. */
function applyInput(base: WorkDraft, input: UpdateWorkInput | CreateWorkInput): WorkDraft {
  const next = { ...base };
  const set = <K extends keyof WorkDraft>(key: K, value: WorkDraft[K] | undefined) => {
    if (value !== undefined) next[key] = value;
  };
  set('kind', input.kind ?? undefined);
  set('title', input.title ?? undefined);
  set('sector', input.sector ?? undefined);
  set('description', input.description === null ? '' : input.description);
  set('cui', input.cui);
  set('infobrasCode', input.infobrasCode);
  set('districts', input.districts === null ? [] : input.districts);
  if (input.location !== undefined) {
    next.latitude = input.location?.latitude ?? null;
    next.longitude = input.location?.longitude ?? null;
  }
  set('plannedStart', input.plannedStart);
  set('plannedEnd', input.plannedEnd);
  set('actualStart', input.actualStart);
  set('actualEnd', input.actualEnd);
  set('investmentCost', input.investmentCost === undefined || input.investmentCost === null ? input.investmentCost : normalizeDecimal(input.investmentCost));
  set('contractAmount', input.contractAmount === undefined || input.contractAmount === null ? input.contractAmount : normalizeDecimal(input.contractAmount));
  if (input.contractor !== undefined) {
    next.contractorName = input.contractor?.name.trim() ?? null;
    next.contractorRuc = input.contractor?.ruc ?? null;
  }
  return next;
}

function writeDraft(work: WorkEntity, draft: WorkDraft): void {
  Object.assign(work, {
    kind: draft.kind, cui: draft.cui, infobrasCode: draft.infobrasCode, title: draft.title.trim(), description: draft.description, sector: draft.sector,
    latitude: draft.latitude === null ? null : draft.latitude.toFixed(6), longitude: draft.longitude === null ? null : draft.longitude.toFixed(6),
    plannedStart: draft.plannedStart, plannedEnd: draft.plannedEnd, actualStart: draft.actualStart, actualEnd: draft.actualEnd,
    investmentCost: draft.investmentCost, contractAmount: draft.contractAmount, contractorName: draft.contractorName, contractorRuc: draft.contractorRuc,
  });
}

async function assertCuiFree(em: EntityManager, executorId: string, cui: string | null, exceptWorkId?: string) {
  if (!cui) return;
  const clash = await em.findOne(WorkEntity, { executorId, cui, ...(exceptWorkId ? { id: { $ne: exceptWorkId } } : {}) });
  if (clash) throw conflict('cui', `CUI ${cui} is already registered by this executor for work ${clash.id}.`);
}

function historyEntry(workId: string, department: DepartmentEntity, action: WorkChangeAction, changes: FieldChange[], at: Date): WorkChangeEntity {
  return Object.assign(new WorkChangeEntity(), {
    id: randomUUID(), workId, changedAt: at, action, actorKind: 'DEPARTMENT' as const, actorDepartmentId: department.id, actorAgencyId: null, changes,
  });
}

async function replaceDistricts(em: EntityManager, workId: string, districts: string[]): Promise<void> {
  await em.execute('delete from work_district where work_id = ?', [workId]);
  await em.execute(`insert into work_district (work_id, ubigeo) values ${districts.map(() => '(?, ?)').join(', ')}`, districts.flatMap((u) => [workId, u]));
}

export class WorkService {
  /** Creates a work of the official's department, executed by the municipality. Returns its id. */
  static async create(em: EntityManager, identity: Identity, input: CreateWorkInput): Promise<string> {
    const { department } = await requireOfficial(em, identity);
    const empty: WorkDraft = {
      kind: input.kind, cui: null, infobrasCode: null, title: input.title, description: '', sector: input.sector, districts: [],
      latitude: null, longitude: null, plannedStart: null, plannedEnd: null, actualStart: null, actualEnd: null,
      investmentCost: null, contractAmount: null, contractorName: null, contractorRuc: null,
    };
    const draft = applyInput(empty, input);
    const problems = new InputProblems();
    validateWorkDraft(draft, problems, HUANCAYO_UBIGEOS, todayInPeru());
    problems.throwIfAny();
    const municipality = await em.findOne(AgencyEntity, { isMunicipality: true });
    if (!municipality) throw new Error('the municipality agency is missing: the database was not seeded');
    await assertCuiFree(em, municipality.id, draft.cui);

    const id = randomUUID();
    const now = new Date();
    await em.transactional(async (tx) => {
      const work = Object.assign(new WorkEntity(), {
        id, executorId: municipality.id, departmentId: department.id, status: WorkStatus.PLANNED, suspensionReason: null,
        physicalProgress: '0.00', externalId: null, createdAt: now, updatedAt: now,
      });
      writeDraft(work, draft);
      tx.persist(work);
      await tx.flush();
      await replaceDistricts(tx, id, draft.districts);
      tx.persist(historyEntry(id, department, 'CREATED', diff({}, draft), now));
      await tx.flush();
      await recordAudit(tx, { entityType: 'WORK', entityId: id, summary: { kind: draft.kind, sector: draft.sector, districts: draft.districts } });
      await publishWorksChanged(tx, await changedWorks(tx, [id]), 'CREATED');
    });
    return id;
  }

  /** Changes the given fields of a work of the official's department. */
  static async update(em: EntityManager, identity: Identity, workId: string, input: UpdateWorkInput): Promise<string> {
    const { work, department } = await loadOwnWork(em, identity, workId);
    const before = draftOf(work, await districtsOf(em, work.id));
    const draft = applyInput(before, input);
    const problems = new InputProblems();
    if (input.title === null) problems.add('title', 'cannot be cleared');
    validateWorkDraft(draft, problems, HUANCAYO_UBIGEOS, todayInPeru());
    problems.throwIfAny();
    await assertCuiFree(em, work.executorId, draft.cui, work.id);
    const changes = diff(before, draft);
    const audit = { entityType: 'WORK', entityId: work.id, summary: { fields: changes.map((c) => c.field) } };
    if (changes.length === 0) {
      // Nothing to write, but the call succeeded: the audit trail still says who asked.
      await em.transactional((tx) => recordAudit(tx, audit));
      return work.id;
    }
    const now = new Date();
    await em.transactional(async (tx) => {
      writeDraft(work, draft);
      work.updatedAt = now;
      tx.persist(work);
      if (changes.some((c) => c.field === 'districts')) await replaceDistricts(tx, work.id, draft.districts);
      tx.persist(historyEntry(work.id, department, 'UPDATED', changes, now));
      await tx.flush();
      await recordAudit(tx, audit);
      await publishWorksChanged(tx, await changedWorks(tx, [work.id]), 'UPDATED');
    });
    return work.id;
  }

  /** Records a dated physical-progress report; the work's progress becomes its latest report's. */
  static async reportProgress(em: EntityManager, identity: Identity, workId: string, input: ProgressReportInput): Promise<string> {
    const { work, department } = await loadOwnWork(em, identity, workId);
    const problems = new InputProblems();
    const today = todayInPeru();
    problems.check([WorkStatus.IN_EXECUTION, WorkStatus.SUSPENDED, WorkStatus.COMPLETED].includes(work.status), 'workId', `progress can only be reported on a work in execution, suspended or completed; this one is ${work.status}`);
    problems.check(Number.isFinite(input.physicalProgress) && input.physicalProgress >= 0 && input.physicalProgress <= 100, 'physicalProgress', 'must be between 0 and 100');
    problems.check(input.date <= today, 'date', 'cannot be in the future');
    const started = work.actualStart ?? work.plannedStart;
    if (started) problems.check(input.date >= started, 'date', `cannot be before the work started (${started})`);
    problems.check((input.note ?? '').length <= 2000, 'note', 'must be at most 2000 characters');
    problems.throwIfAny();

    const now = new Date();
    const progress = (Math.round(input.physicalProgress * 100) / 100).toFixed(2);
    await em.transactional(async (tx) => {
      tx.persist(Object.assign(new ProgressReportEntity(), {
        id: randomUUID(), workId: work.id, reportedOn: input.date, physicalProgress: progress, note: input.note ?? null, reportedBy: department.code, createdAt: now,
      }));
      await tx.flush();
      // The latest report (by date, then by when it was recorded) sets the work's progress.
      const [latest] = await tx.execute<{ p: string }[]>(
        'select physical_progress::text as p from progress_report where work_id = ? order by reported_on desc, created_at desc limit 1',
        [work.id],
      );
      const before = Number(work.physicalProgress);
      work.physicalProgress = latest!.p;
      work.updatedAt = now;
      tx.persist(work);
      tx.persist(historyEntry(work.id, department, 'PROGRESS_REPORTED', [{ field: 'physicalProgress', from: before, to: Number(latest!.p) }, { field: 'report', from: null, to: { date: input.date, physicalProgress: Number(progress) } }], now));
      await tx.flush();
      await recordAudit(tx, { entityType: 'WORK', entityId: work.id, summary: { date: input.date, physicalProgress: Number(progress) } });
      await publishProgressReported(tx, [{ workId: work.id, date: input.date, physicalProgress: Number(progress) }]);
      await publishWorksChanged(tx, await changedWorks(tx, [work.id]), 'PROGRESS_REPORTED');
    });
    return work.id;
  }

  /** Moves a work to another status along the allowed transitions; a suspension needs a reason. */
  static async changeStatus(em: EntityManager, identity: Identity, workId: string, status: WorkStatus, reason: string | null | undefined, date: string | null | undefined): Promise<string> {
    const { work, department } = await loadOwnWork(em, identity, workId);
    const problems = new InputProblems();
    const today = todayInPeru();
    const effective = date ?? today;
    const allowed = STATUS_TRANSITIONS[work.status];
    problems.check(allowed.includes(status), 'status', `cannot go from ${work.status} to ${status}; allowed: ${allowed.join(', ') || 'none (final status)'}`);
    const why = reason?.trim() ?? '';
    if (status === WorkStatus.SUSPENDED) problems.check(why.length >= 5, 'reason', 'a suspension needs a reason (at least 5 characters)');
    problems.check(why.length <= 1000, 'reason', 'must be at most 1000 characters');
    problems.check(effective <= today, 'date', 'cannot be in the future');
    if (status === WorkStatus.COMPLETED) {
      problems.check(Number(work.physicalProgress) === 100, 'status', `a work is completed at 100% physical progress; report it first (now ${Number(work.physicalProgress)}%)`);
      if (work.actualStart) problems.check(effective >= work.actualStart, 'date', `cannot be before the actual start (${work.actualStart})`);
    }
    problems.throwIfAny();

    const changes: FieldChange[] = [{ field: 'status', from: work.status, to: status }];
    const now = new Date();
    if (status === WorkStatus.SUSPENDED) {
      changes.push({ field: 'suspensionReason', from: work.suspensionReason, to: why });
      work.suspensionReason = why;
    } else if (work.suspensionReason !== null) {
      changes.push({ field: 'suspensionReason', from: work.suspensionReason, to: null });
      work.suspensionReason = null;
    }
    if (status === WorkStatus.IN_EXECUTION && !work.actualStart) {
      changes.push({ field: 'actualStart', from: null, to: effective });
      work.actualStart = effective;
    }
    if (status === WorkStatus.COMPLETED) {
      changes.push({ field: 'actualEnd', from: work.actualEnd, to: effective });
      work.actualEnd = effective;
    }
    const from = work.status;
    work.status = status;
    work.updatedAt = now;
    await em.transactional(async (tx) => {
      tx.persist(work);
      tx.persist(historyEntry(work.id, department, 'STATUS_CHANGED', changes, now));
      await tx.flush();
      await recordAudit(tx, { entityType: 'WORK', entityId: work.id, summary: { from, to: status } });
      await publishWorksChanged(tx, await changedWorks(tx, [work.id]), 'STATUS_CHANGED');
    });
    return work.id;
  }
}
