import { type Identity, forbidden, officialOrThrow } from '@articula/common';
import type { BudgetConfig } from '../loaders.js';

/** The process and the budget are managed by the planning and budget department only. */
export function requireBudgetOfficial(identity: Identity, config: BudgetConfig): string {
  const official = officialOrThrow(identity);
  if (official.department !== config.budgetDepartment) {
    throw forbidden(`Only ${config.budgetDepartment} (planeamiento y presupuesto) manages the budget; the caller acts for ${official.department}.`);
  }
  return official.department;
}

/** A change-history entry, in the same transaction as the change. */
export async function recordChange(em: { execute: (sql: string, params: unknown[]) => Promise<unknown> }, entityType: string, entityId: string, action: string, actor: string, changes: unknown[]) {
  await em.execute(`insert into change_log (id, entity_type, entity_id, action, actor_kind, actor, changes) values (gen_random_uuid(), ?, ?, ?, 'DEPARTMENT', ?, ?::jsonb)`,
    [entityType, entityId, action, actor, JSON.stringify(changes)]);
}
