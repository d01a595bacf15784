/** Small helpers every subgraph's DataLoaders share: order results by the keys they were asked for. */
import { isUuid } from './errors.js';

/** One result per key (null when missing), in the keys' order. */
export function byKey<K, V>(keys: readonly K[], rows: V[], key: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((r) => [key(r), r] as const));
  return keys.map((k) => map.get(k) ?? null);
}

/** The rows of each key (empty when none), in the keys' order. */
export function groupByKey<K, V>(keys: readonly K[], rows: V[], key: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const r of rows) {
    const k = key(r);
    (map.get(k) ?? map.set(k, []).get(k)!).push(r);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** Runs `query` with the well-formed UUIDs only; an empty list costs no statement. */
export async function withUuids<R>(ids: readonly string[], query: (valid: string[]) => Promise<R[]>): Promise<R[]> {
  const valid = ids.filter(isUuid);
  return valid.length ? query(valid) : [];
}
