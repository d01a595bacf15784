/**
 * A contractor is public when it is a legal entity (RUC 20…), as SEACE publishes it. A natural
 * person's RUC (10…, or 15/17 for other identity documents) contains their DNI, and their name is
 * personal data: both are shown to the municipality's officials only, on the work and in its
 * history. The same rule as the portal's open data (portal/src/lib/records.ts) and the works CSV.
 */
import type { Identity } from '@articula/common';
import type { ContractorType, WorkChangeType } from './work.type.js';

export const isLegalEntityRuc = (ruc: string) => ruc.startsWith('20');

export function contractorFor(identity: Identity, name: string | null, ruc: string | null): ContractorType | null {
  if (!name) return null;
  if (ruc && !isLegalEntityRuc(ruc) && identity.kind !== 'official') return null;
  return { name, ruc };
}

const CONTRACTOR_FIELDS = new Set(['contractorName', 'contractorRuc']);

/**
 * The history as `identity` may read it. If the work has, or ever had, a natural person as its
 * contractor, the contractor's changes are left out of every entry for all but officials (a name
 * change alone does not say whose RUC it was under, so the whole work is treated alike).
 */
export function historyFor(identity: Identity, currentRuc: string | null, history: WorkChangeType[]): WorkChangeType[] {
  if (identity.kind === 'official') return history;
  const natural = (json: string | null) => {
    if (json === null) return false;
    const ruc = JSON.parse(json) as unknown;
    return typeof ruc === 'string' && !isLegalEntityRuc(ruc);
  };
  const everNatural = (currentRuc !== null && !isLegalEntityRuc(currentRuc))
    || history.some((h) => h.changes.some((c) => c.field === 'contractorRuc' && (natural(c.from) || natural(c.to))));
  if (!everNatural) return history;
  return history.map((h) => ({ ...h, changes: h.changes.filter((c) => !CONTRACTOR_FIELDS.has(c.field)) }));
}
