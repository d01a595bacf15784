/**
 * Static public reference codes every service may validate against without reading another
 * service's tables: the INEI UBIGEO codes of the 28 districts of the province of Huancayo (the
 * works subgraph owns the districts' data; these are only their keys).
 */
export const HUANCAYO_UBIGEOS: ReadonlySet<string> = new Set([
  '120101', '120104', '120105', '120106', '120107', '120108', '120111', '120112', '120113', '120114', '120116', '120117', '120119', '120120',
  '120121', '120122', '120124', '120125', '120126', '120127', '120128', '120129', '120130', '120132', '120133', '120134', '120135', '120136',
]);

/** Department (gerencia) codes as officials' tokens carry them. */
export const DEPARTMENT_CODE = /^[A-Z][A-Z0-9-]{1,15}$/;

/** The works dataset's path, the same at the gateway and on the works subgraph (beside its /graphql). */
export const WORKS_CSV_PATH = '/datasets/works.csv';
