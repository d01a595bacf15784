/** Queries built to sit exactly at a limit of limits.ts (with one more to break it), on the public API schema. */

/**
 * A query exactly `depth` fields deep, walking works → edges → node → districts → works … and
 * ending in a scalar of whatever type it reached. Pages of 1 keep its cost far below any limit.
 */
export function nested(depth: number): string {
  const path = ['works(first: 1)', 'edges', 'node', 'districts'];
  const leafAfter = ['totalCount', 'cursor', 'title', 'name'];
  const fields = Array.from({ length: depth - 1 }, (_, i) => path[i % 4]);
  return `{ ${fields.map((f) => `${f} { `).join('')}${leafAfter[(depth - 2) % 4]}${' }'.repeat(depth - 1)} }`;
}

export const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `d${i}: districts { name }`).join(' ')} }`;

const scalars = ['ubigeo', 'name', 'population', 'areaKm2', 'density', 'altitude', 'latitude', 'longitude', 'povertyRate', 'area', 'extremePovertyRate'];
export const directed = (n: number) => `{ districts { ${scalars.slice(0, n).map((f) => `${f} @include(if: true)`).join(' ')} } }`;

// Tokens: { works ( first : 1 filter : { district : [  = 12, then one per string, then ] } ) { totalCount } } = 7.
export const withTokens = (n: number) => `{ works(first: 1 filter: { district: [${' "a"'.repeat(n - 19)} ] }) { totalCount } }`;

export const ofLength = (n: number) => {
  const query = '{ districts { name } }';
  return query + ' '.repeat(n - query.length);
};

export const page = (n: number) => `{ works(first: ${n}) { totalCount } }`;

// agreements 1 + pageInfo 1 + edges 1 + 83 × (node 1 + works 1 + 10 × executor 1) + district 1 = 3 + 83 × 12 + 1 = 1,000.
export const atAnonymousLimit = `{
  agreements(first: 83) { pageInfo { hasNextPage } edges { node { works { executor { name } } } } }
  district(ubigeo: "120101") { name }
}`;
// One more object: departments 1 + 10 × 0.
export const oneMore = (query: string) => query.replace(/\}\s*$/, ' departments { name } }');

// works 1 + edges 1 + 49 × (node 1 + districts 1 + 10 × (works 1 + edges 1 + 8 × node 1)) = 2 + 49 × 102 = 5,000; depth 8.
export const atAuthenticatedLimit = `{ works(first: 49) { edges { node { districts { works(first: 8) { edges { node { title } } } } } } } }`;
