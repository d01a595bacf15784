/**
 * The audit trail: who wrote what, when, through which request. Each service keeps an `audit_log`
 * in its own schema (AUDIT_LOG_SQL, applied by one of its migrations) and every mutation writes
 * exactly one row there, from inside the transaction of the write it describes: a rolled-back
 * write leaves none, a committed one exactly one. A row names the caller (an official's department
 * and user id, an agency and its key's public prefix, or anonymous), never a citizen's personal
 * data, and carries a small summary of codes, ids, counts and field names, never free text.
 *
 * The table is insert-only twice over: the service's role is granted SELECT and INSERT only
 * (db-roles.ts), and a trigger refuses UPDATE, DELETE and TRUNCATE to anyone, its owner included.
 *
 * Which mutation runs, for whom and in which request is known where the GraphQL field is resolved,
 * not deep in the service code that writes: buildFederatedSchema wraps every Mutation field in an
 * AuditScope, which AsyncLocalStorage carries down to recordAudit. Service code only says what it
 * wrote. Writing outside a scope, outside a transaction, or twice in one scope throws; a mutation
 * that succeeds without its row is logged as an error.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Identity } from './identity.js';
import type { Logger } from './logger.js';

/**
 * The audit table, its indexes and its insert-only trigger, for a service's migration (search_path
 * is the service's schema). Frozen: a migration that ran it must keep running the same SQL, so a
 * change to the table is a new migration, never an edit here.
 */
export const AUDIT_LOG_SQL = `
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  request_id text check (length(request_id) <= 200),
  actor_kind text not null check (actor_kind in ('OFFICIAL', 'AGENCY', 'ANONYMOUS', 'SYSTEM')),
  actor_department text,
  actor_user text,
  actor_agency text,
  actor_key_prefix text,
  operation text not null,
  entity_type text not null,
  entity_id text,
  summary jsonb not null default '{}',
  constraint audit_log_actor check (case actor_kind
    when 'OFFICIAL' then actor_department is not null and actor_agency is null and actor_key_prefix is null
    when 'AGENCY' then actor_agency is not null and actor_department is null and actor_user is null
    when 'ANONYMOUS' then actor_department is null and actor_user is null and actor_agency is null and actor_key_prefix is null
    else true end)
);
create index audit_log_at_idx on audit_log (at);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);

create function audit_log_insert_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is insert-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_no_change before update or delete on audit_log for each row execute function audit_log_insert_only();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_insert_only();
`;

export const AUDIT_TABLE = 'audit_log';

/** What a service says about its write; the operation and the caller come from the scope. */
export interface AuditEntry {
  /** The kind of record written (`WORK`, `REQUEST`, `BUDGET_LINE`, …). */
  entityType: string;
  /** The record's id, when the write concerns one. */
  entityId?: string | null;
  /** Codes, ids, counts, field names: short values only (64 characters at most), never free text. */
  summary?: Record<string, AuditValue>;
}
export type AuditValue = string | number | boolean | null | readonly (string | number | boolean | null)[];

/** The caller as the audit row names it. */
export interface AuditActor {
  kind: 'OFFICIAL' | 'AGENCY' | 'ANONYMOUS' | 'SYSTEM';
  department: string | null;
  user: string | null;
  agency: string | null;
  keyPrefix: string | null;
}

export function auditActor(identity: Identity | { kind: 'system'; name: string }): AuditActor {
  switch (identity.kind) {
    case 'official':
      return { kind: 'OFFICIAL', department: identity.department, user: identity.subject, agency: null, keyPrefix: null };
    case 'agency':
      return { kind: 'AGENCY', department: null, user: null, agency: identity.agency, keyPrefix: identity.keyPrefix };
    case 'system':
      return { kind: 'SYSTEM', department: null, user: identity.name, agency: null, keyPrefix: null };
    default:
      return { kind: 'ANONYMOUS', department: null, user: null, agency: null, keyPrefix: null };
  }
}

/** One audited operation: a mutation call (or a write of a script, with a `system` caller). */
export class AuditScope {
  /** Rows recorded in this scope: exactly one once the operation succeeded. */
  recorded = 0;
  constructor(
    readonly operation: string,
    readonly identity: Identity | { kind: 'system'; name: string },
    readonly requestId: string | null = null,
  ) {}

  run<T>(fn: () => T): T {
    return scopes.run(this, fn);
  }
}

const scopes = new AsyncLocalStorage<AuditScope>();

const MAX_SUMMARY_TEXT = 64;

function checkSummary(summary: Record<string, AuditValue>): void {
  const short = (v: unknown) => v === null || typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length <= MAX_SUMMARY_TEXT);
  for (const [key, value] of Object.entries(summary)) {
    if (!(Array.isArray(value) ? value.length <= 60 && value.every(short) : short(value))) {
      throw new TypeError(`Audit summary field ${key} must be a short value (codes, ids, counts), not free text.`);
    }
  }
}

/**
 * Writes the audit row of the running operation, through the EntityManager of its write
 * transaction. `em` is a transactional EntityManager (`?` placeholders, as MikroORM's `execute`).
 */
export async function recordAudit(
  em: { execute(sql: string, params: unknown[]): Promise<unknown>; isInTransaction(): boolean },
  entry: AuditEntry,
): Promise<void> {
  const scope = scopes.getStore();
  if (!scope) throw new Error('recordAudit runs inside an audited operation: a Mutation field, or AuditScope.run.');
  if (!em.isInTransaction()) throw new Error(`${scope.operation}: the audit row is written inside the transaction of the write it describes.`);
  if (scope.recorded > 0) throw new Error(`${scope.operation} already recorded its audit row: one per operation.`);
  const summary = entry.summary ?? {};
  checkSummary(summary);
  scope.recorded += 1;
  const actor = auditActor(scope.identity);
  await em.execute(
    `insert into audit_log (request_id, actor_kind, actor_department, actor_user, actor_agency, actor_key_prefix, operation, entity_type, entity_id, summary)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)`,
    [scope.requestId?.slice(0, 200) ?? null, actor.kind, actor.department, actor.user, actor.agency, actor.keyPrefix, scope.operation, entry.entityType,
      entry.entityId ?? null, JSON.stringify(summary)],
  );
}

type FieldResolver = (root: unknown, args: unknown, context: any, info: any) => unknown;

/**
 * Wraps a Mutation field's resolver in an AuditScope named after the field, with the caller and
 * request id of the GraphQL context; once the mutation succeeded, a count other than one is logged.
 */
export function auditedMutation(operation: string, resolve: FieldResolver): FieldResolver {
  return (root, args, context: { identity?: Identity; requestId?: string; logger?: Logger }, info) => {
    const scope = new AuditScope(operation, context?.identity ?? { kind: 'anonymous' }, context?.requestId ?? null);
    return scope.run(async () => {
      const result = await resolve(root, args, context, info);
      if (scope.recorded !== 1) context?.logger?.error('mutation succeeded without exactly one audit row', { operation, recorded: scope.recorded });
      return result;
    });
  };
}
