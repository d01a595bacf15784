import { type Identity, forbidden, officialOrThrow } from '@articula/common';

export type Official = Extract<Identity, { kind: 'official' }>;

/** Writes are for officials; anyone else is UNAUTHENTICATED before anything is read. */
export function requireOfficial(identity: Identity): Official {
  return officialOrThrow(identity);
}

export function requireDepartment(official: Official, allowed: (string | null | undefined)[], what: string): void {
  if (!allowed.includes(official.department)) {
    throw forbidden(`Only ${allowed.filter(Boolean).join(' or ')} may ${what}; the caller acts for ${official.department}.`);
  }
}
