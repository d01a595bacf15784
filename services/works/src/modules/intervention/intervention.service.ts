/**
 * Agencies' interventions, pushed by their systems with an API key (scope interventions:write).
 *
 * One call upserts up to 250 items keyed by the agency's own external id, as works executed by
 * that agency. Outcomes: UNAUTHENTICATED (no agency key), FORBIDDEN (scope missing, or an item
 * naming another executor or another agency's work: every such item listed), BAD_USER_INPUT
 * (every bad item listed with index, field, code and reason), CONFLICT (idempotency key reused
 * with other items); otherwise every item is written in one transaction and counted as created,
 * updated or unchanged. A refused call writes nothing.
 *
 * Calls of one agency are serialized by a transaction-scoped advisory lock: the idempotency check
 * and the external-id lookups then see every earlier call complete, so ten concurrent retries of
 * one key write once and all return the first answer.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  type EntityManager,
  HUANCAYO_UBIGEOS,
  type Identity,
  type InputProblem,
  InputProblems,
  badUserInput,
  conflict,
  executeBound,
  forbidden,
  insertRows,
  isCalendarDate,
  isUuid,
  normalizeDecimal,
  placeholders,
  recordAudit,
  todayInPeru,
  unauthenticated,
} from '@articula/common';
import { GraphQLError } from 'graphql';
import { AgencyEntity } from '../agency/agency.entity.js';
import type { FieldChange } from '../work/work-change.entity.js';
import { WorkEntity } from '../work/work.entity.js';
import { WorkStatus } from '../work/work.enums.js';
import { diff, draftOf } from '../work/work.service.js';
import { type WorkDraft, validateWorkDraft } from '../work/work.validation.js';
import { publishInterventionsImported, publishProgressReported, publishWorksChanged } from '../realtime/work.events.js';
import type { InterventionInput, UpsertInterventionsInput } from './intervention.input.js';
import { UpsertOutcome } from './intervention.type.js';

export const MAX_ITEMS = 250;
export const SCOPE = 'interventions:write';
/** Idempotency keys are kept at least 24 hours; older than this they are purged. */
const IDEMPOTENCY_RETENTION = '48 hours';

export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
  items: Array<{ index: number; externalId: string; workId: string; outcome: UpsertOutcome }>;
}

type Agency = Extract<Identity, { kind: 'agency' }>;

function requireAgency(identity: Identity): Agency {
  if (identity.kind === 'agency') {
    if (!identity.scopes.includes(SCOPE)) throw forbidden(`The API key ${identity.keyPrefix} lacks the scope ${SCOPE}.`);
    return identity;
  }
  if (identity.kind === 'official') throw forbidden('upsertInterventions is for agencies, with their API key; officials use createWork and updateWork.');
  throw unauthenticated('This operation needs an agency API key: send Authorization: Bearer artk_…');
}

/** The draft an item describes (its full state), with the fields a draft does not hold. */
function draftOfItem(item: InterventionInput): WorkDraft {
  return {
    kind: item.kind, cui: item.cui ?? null, infobrasCode: item.infobrasCode ?? null, title: item.title.trim(), description: item.description ?? '',
    sector: item.sector, districts: item.districts, latitude: item.location?.latitude ?? null, longitude: item.location?.longitude ?? null,
    plannedStart: item.plannedStart ?? null, plannedEnd: item.plannedEnd ?? null, actualStart: item.actualStart ?? null, actualEnd: item.actualEnd ?? null,
    investmentCost: item.investmentCost === null || item.investmentCost === undefined ? null : normalizeDecimal(item.investmentCost),
    contractAmount: item.contractAmount === null || item.contractAmount === undefined ? null : normalizeDecimal(item.contractAmount),
    contractorName: item.contractor?.name.trim() ?? null, contractorRuc: item.contractor?.ruc ?? null,
  };
}

const progressText = (p: number | null | undefined) => (Math.round((p ?? 0) * 100) / 100).toFixed(2);

/** A stable fingerprint of the items: the same payload, however it was serialized, hashes the same. */
function fingerprint(items: InterventionInput[]): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).sort().filter((k) => (value as any)[k] !== undefined).map((k) => [k, canonical((value as any)[k])]));
    }
    return value;
  };
  return createHash('sha256').update(JSON.stringify(canonical(items))).digest('hex');
}

interface Existing { work: WorkEntity; districts: string[] }

export class InterventionService {
  static async upsert(em: EntityManager, identity: Identity, input: UpsertInterventionsInput): Promise<UpsertResult> {
    const caller = requireAgency(identity);
    const shape = new InputProblems();
    shape.check(input.items.length >= 1 && input.items.length <= MAX_ITEMS, 'items', `must hold 1 to ${MAX_ITEMS} interventions (got ${input.items.length})`);
    if (input.idempotencyKey !== undefined && input.idempotencyKey !== null) {
      shape.check(/^[A-Za-z0-9._:\-]{1,200}$/.test(input.idempotencyKey), 'idempotencyKey', 'must be 1–200 characters among letters, digits and . _ : -');
    }
    shape.throwIfAny();
    const agency = await em.findOne(AgencyEntity, { id: caller.agency });
    if (!agency) throw forbidden(`The API key ${caller.keyPrefix} names an agency that does not exist.`);
    const hash = fingerprint(input.items);
    const key = input.idempotencyKey ?? null;

    return em.transactional(async (tx) => {
      await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`articula.interventions.${agency.id}`]);
      if (key !== null) {
        const [previous] = await tx.execute<{ request_hash: string; response: UpsertResult }[]>(
          'select request_hash, response from idempotency_record where agency_id = ? and key = ?', [agency.id, key]);
        if (previous) {
          if (previous.request_hash !== hash) {
            throw conflict('idempotencyKey', `The idempotency key ${key} was already used with different items; use a new key for a new batch.`);
          }
          const stored: UpsertResult = typeof previous.response === 'string' ? JSON.parse(previous.response) : previous.response;
          await recordAudit(tx, { entityType: 'AGENCY', entityId: agency.id, summary: { items: input.items.length, replayed: true } });
          return stored; // the first answer, as it was: a retry cannot tell it was one
        }
      }
      const result = await InterventionService.apply(tx, caller, agency, input.items);
      if (key !== null) {
        await tx.execute(`delete from idempotency_record where created_at < now() - interval '${IDEMPOTENCY_RETENTION}'`, []);
        await tx.execute('insert into idempotency_record (agency_id, key, request_hash, response) values (?, ?, ?, ?::jsonb)', [agency.id, key, hash, JSON.stringify(result)]);
      }
      await recordAudit(tx, {
        entityType: 'AGENCY', entityId: agency.id, summary: { items: input.items.length, created: result.created, updated: result.updated, unchanged: result.unchanged, replayed: false },
      });
      return result;
    });
  }

  /** Validates every item against the agency's current works, then writes them all (inside the caller's transaction). */
  private static async apply(tx: EntityManager, caller: Agency, agency: AgencyEntity, items: InterventionInput[]): Promise<UpsertResult> {
    const problems: InputProblem[] = [];
    const add = (index: number, field: string, code: string, reason: string) => problems.push({ index, field: `items[${index}]${field ? `.${field}` : ''}`, code, reason });

    // What exists: this agency's works by external id, and any work an item names by id.
    const externalIds = [...new Set(items.map((i) => i.externalId))];
    const namedIds = [...new Set(items.map((i) => i.workId).filter((id): id is string => !!id && isUuid(id)))];
    // One probe of the (executor, external id) key per item, forced by the lateral: left to itself,
    // the planner walked all the agency's works by executor while an import outgrew the table's
    // statistics (15 ms a batch at 100,000 works, for no rows found).
    const found = await executeBound<Record<string, unknown>>(tx,
      `select w.* from unnest($2::text[]) x(external_id)
        cross join lateral (select * from work w where w.executor_id = $1 and w.external_id = x.external_id offset 0) w`, [agency.id, externalIds]);
    if (namedIds.length) found.push(...await executeBound<Record<string, unknown>>(tx, 'select * from work where id = any($1::uuid[])', [namedIds]));
    const rows = [...new Map(found.map((r) => [r.id as string, r])).values()].map((r) => tx.map(WorkEntity, r));
    const byId = new Map(rows.map((w) => [w.id, w]));
    const byExternal = new Map(rows.filter((w) => w.executorId === agency.id && w.externalId !== null).map((w) => [w.externalId!, w]));
    const districtRows = rows.length
      ? await tx.execute<{ work_id: string; ubigeo: string }[]>(`select work_id::text as work_id, ubigeo::text as ubigeo from work_district where work_id in (${placeholders(rows.length)}) order by ubigeo`, rows.map((w) => w.id))
      : [];
    const districtsOf = new Map<string, string[]>();
    for (const r of districtRows) districtsOf.set(r.work_id, [...(districtsOf.get(r.work_id) ?? []), r.ubigeo]);

    const today = todayInPeru();
    const seenExternal = new Map<string, number>();
    const seenCui = new Map<string, number>();
    const targets: Array<Existing | null> = [];
    const drafts: WorkDraft[] = [];
    items.forEach((item, i) => {
      const externalId = item.externalId.trim();
      if (externalId.length < 1 || externalId.length > 100 || externalId !== item.externalId) add(i, 'externalId', 'INVALID', 'must be 1–100 characters without surrounding spaces');
      if (seenExternal.has(externalId)) add(i, 'externalId', 'CONFLICT', `repeats item ${seenExternal.get(externalId)}: each intervention once per call`);
      seenExternal.set(externalId, i);
      if (item.executor != null && item.executor !== agency.id) {
        add(i, 'executor', 'FORBIDDEN', `names another executor (${item.executor}); this key writes only the interventions of ${agency.name}`);
      }
      let target: Existing | null = null;
      if (item.workId != null) {
        const named = isUuid(item.workId) ? byId.get(item.workId) : undefined;
        if (!named) add(i, 'workId', 'NOT_FOUND', `there is no work with id ${item.workId}`);
        else if (named.executorId !== agency.id) add(i, 'workId', 'FORBIDDEN', `work ${named.id} is executed by another agency; this key cannot change it`);
        else if (named.externalId !== null && named.externalId !== externalId) add(i, 'workId', 'CONFLICT', `work ${named.id} has external id ${named.externalId}, not ${externalId}`);
        else target = { work: named, districts: districtsOf.get(named.id) ?? [] };
      } else {
        const existing = byExternal.get(externalId);
        if (existing) target = { work: existing, districts: districtsOf.get(existing.id) ?? [] };
      }
      targets.push(target);

      const draft = draftOfItem(item);
      drafts.push(draft);
      const own = new InputProblems();
      validateWorkDraft(draft, own, HUANCAYO_UBIGEOS, today);
      const reason = item.suspensionReason?.trim() ?? '';
      if (item.status === WorkStatus.SUSPENDED) own.check(reason.length >= 5, 'suspensionReason', 'a suspended intervention needs a reason (at least 5 characters)');
      own.check(reason.length <= 1000, 'suspensionReason', 'must be at most 1000 characters');
      if (item.physicalProgress != null) own.check(Number.isFinite(item.physicalProgress) && item.physicalProgress >= 0 && item.physicalProgress <= 100, 'physicalProgress', 'must be between 0 and 100');
      if (item.status === WorkStatus.COMPLETED) own.check((item.physicalProgress ?? 0) === 100, 'physicalProgress', 'a completed intervention is at 100');
      if (item.progressDate != null) {
        own.check(isCalendarDate(item.progressDate), 'progressDate', 'must be a date YYYY-MM-DD');
        own.check(item.progressDate <= today, 'progressDate', 'cannot be in the future');
      }
      for (const p of own.list) add(i, p.field, 'INVALID', p.reason);
      if (draft.cui) {
        if (seenCui.has(draft.cui)) add(i, 'cui', 'CONFLICT', `repeats the CUI of item ${seenCui.get(draft.cui)}: one CUI per intervention of an executor`);
        seenCui.set(draft.cui, i);
      }
    });

    // A CUI may be held by another work of this agency that this call does not touch.
    const cuis = [...seenCui.keys()];
    if (cuis.length) {
      const holders = await tx.execute<{ id: string; cui: string }[]>(
        `select id::text as id, cui from work where executor_id = ? and cui in (${placeholders(cuis.length)})`, [agency.id, ...cuis]);
      for (const h of holders) {
        const i = seenCui.get(h.cui)!;
        const mine = targets[i]?.work.id === h.id;
        const movedAway = targets.some((t, j) => t?.work.id === h.id && drafts[j]!.cui !== h.cui);
        if (!mine && !movedAway) add(i, 'cui', 'CONFLICT', `CUI ${h.cui} is already registered by ${agency.name} for work ${h.id}`);
      }
    }

    if (problems.length) {
      problems.sort((a, b) => a.index! - b.index!);
      if (problems.some((p) => p.code === 'FORBIDDEN')) {
        const error = badUserInput(problems);
        throw new GraphQLError(`Refused: ${problems.filter((p) => p.code === 'FORBIDDEN').map((p) => `${p.field}: ${p.reason}`).join('; ')}`, {
          extensions: { ...error.extensions, code: 'FORBIDDEN', reason: 'items name another agency\'s interventions; nothing was written' },
        });
      }
      throw badUserInput(problems);
    }

    // Write: new works in bulk; changed ones one by one; history and progress reports in bulk.
    const now = new Date();
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0, items: [] };
    const newWorks: unknown[][] = [];
    const newDistricts: unknown[][] = [];
    const reports: unknown[][] = [];
    const history: unknown[][] = [];
    const record = (workId: string, action: 'CREATED' | 'UPDATED', changes: FieldChange[]) =>
      history.push([randomUUID(), workId, now, action, 'AGENCY', agency.id, caller.keyPrefix, JSON.stringify(changes)]);

    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const draft = drafts[i]!;
      const target = targets[i];
      const status = item.status;
      const suspension = status === WorkStatus.SUSPENDED ? item.suspensionReason!.trim() : null;
      const progress = progressText(item.physicalProgress);
      const progressDate = item.progressDate ?? today;
      if (!target) {
        const id = randomUUID();
        newWorks.push([
          id, draft.kind, draft.cui, draft.infobrasCode, draft.title, draft.description, draft.sector, agency.id, null,
          draft.latitude === null ? null : draft.latitude.toFixed(6), draft.longitude === null ? null : draft.longitude.toFixed(6), status, suspension,
          draft.plannedStart, draft.plannedEnd, draft.actualStart, draft.actualEnd, draft.investmentCost, draft.contractAmount, draft.contractorName, draft.contractorRuc,
          progress, item.externalId, now, now,
        ]);
        for (const u of draft.districts) newDistricts.push([id, u]);
        if (Number(progress) > 0) reports.push([randomUUID(), id, progressDate, progress, null, agency.id, now]);
        record(id, 'CREATED', [...diff({}, draft), { field: 'status', from: null, to: status }, { field: 'physicalProgress', from: null, to: Number(progress) }]);
        result.created++;
        result.items.push({ index: i, externalId: item.externalId, workId: id, outcome: UpsertOutcome.CREATED });
        continue;
      }
      const { work } = target;
      const before = draftOf(work, target.districts);
      const changes = diff(before, draft);
      if (work.status !== status) changes.push({ field: 'status', from: work.status, to: status });
      if ((work.suspensionReason ?? null) !== suspension) changes.push({ field: 'suspensionReason', from: work.suspensionReason, to: suspension });
      const progressChanged = Number(work.physicalProgress) !== Number(progress);
      if (progressChanged) changes.push({ field: 'physicalProgress', from: Number(work.physicalProgress), to: Number(progress) });
      if (work.externalId === null) changes.push({ field: 'externalId', from: null, to: item.externalId });
      if (changes.length === 0) {
        result.unchanged++;
        result.items.push({ index: i, externalId: item.externalId, workId: work.id, outcome: UpsertOutcome.UNCHANGED });
        continue;
      }
      await tx.execute(
        `update work set kind = ?, cui = ?, infobras_code = ?, title = ?, description = ?, sector = ?, latitude = ?, longitude = ?, status = ?, suspension_reason = ?,
           planned_start = ?, planned_end = ?, actual_start = ?, actual_end = ?, investment_cost = ?, contract_amount = ?, contractor_name = ?, contractor_ruc = ?,
           physical_progress = ?, external_id = ?, updated_at = ? where id = ?`,
        [draft.kind, draft.cui, draft.infobrasCode, draft.title, draft.description, draft.sector,
          draft.latitude === null ? null : draft.latitude.toFixed(6), draft.longitude === null ? null : draft.longitude.toFixed(6), status, suspension,
          draft.plannedStart, draft.plannedEnd, draft.actualStart, draft.actualEnd, draft.investmentCost, draft.contractAmount, draft.contractorName, draft.contractorRuc,
          progress, item.externalId, now, work.id],
      );
      if (changes.some((c) => c.field === 'districts')) {
        await tx.execute('delete from work_district where work_id = ?', [work.id]);
        for (const u of draft.districts) newDistricts.push([work.id, u]);
      }
      if (progressChanged) reports.push([randomUUID(), work.id, progressDate, progress, null, agency.id, now]);
      record(work.id, 'UPDATED', changes);
      result.updated++;
      result.items.push({ index: i, externalId: item.externalId, workId: work.id, outcome: UpsertOutcome.UPDATED });
    }
    await insertRows(tx, 'work', ['id', 'kind', 'cui', 'infobras_code', 'title', 'description', 'sector', 'executor_id', 'department_id', 'latitude', 'longitude', 'status',
      'suspension_reason', 'planned_start', 'planned_end', 'actual_start', 'actual_end', 'investment_cost', 'contract_amount', 'contractor_name', 'contractor_ruc',
      'physical_progress', 'external_id', 'created_at', 'updated_at'], newWorks);
    await insertRows(tx, 'work_district', ['work_id', 'ubigeo'], newDistricts);
    await insertRows(tx, 'progress_report', ['id', 'work_id', 'reported_on', 'physical_progress', 'note', 'reported_by', 'created_at'], reports);
    await insertRows(tx, 'work_change', ['id', 'work_id', 'changed_at', 'action', 'actor_kind', 'actor_agency_id', 'actor_key_prefix', 'changes'], history, { changes: 'jsonb' });

    // Told at commit: each created or updated work, each progress figure, and the batch (new coincidences are found after commit: AlertDetector).
    const changed = (outcome: UpsertOutcome) => result.items.filter((x) => x.outcome === outcome)
      .map((x) => ({ id: x.workId, status: items[x.index]!.status, level: agency.level, districts: drafts[x.index]!.districts }));
    const created = changed(UpsertOutcome.CREATED);
    const updated = changed(UpsertOutcome.UPDATED);
    await publishWorksChanged(tx, created, 'CREATED');
    await publishWorksChanged(tx, updated, 'UPDATED');
    const districtsOfWork = new Map(result.items.map((x) => [x.workId, drafts[x.index]!.districts]));
    await publishProgressReported(tx, reports.map((r) => ({ workId: r[1] as string, date: r[2] as string, physicalProgress: Number(r[3]), districts: districtsOfWork.get(r[1] as string) })));
    await publishInterventionsImported(tx, agency.id, caller.keyPrefix, result, [...created, ...updated].map((w) => w.id));
    return result;
  }
}
