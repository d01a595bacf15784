/**
 * What the budget's demo data needs from other domains (the municipality's works, the registered
 * organizations, the departments), fetched through their subgraphs' public GraphQL APIs: the
 * budget subgraph never reads their tables.
 */
import { loadDistrictReference } from '@articula/common';
import type { BudgetDemoInputs, DemoOrganization, DemoWork } from './demo-data.js';

async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(30_000) });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data || body.errors?.length) throw new Error(`demo inputs from ${url}: ${body.errors?.[0]?.message ?? `HTTP ${response.status}`}`);
  return body.data;
}

async function allPages<N>(url: string, query: string, pick: (data: any) => { edges: { node: N }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }, variables: Record<string, unknown> = {}) {
  const nodes: N[] = [];
  let after: string | null = null;
  for (;;) {
    const page = pick(await gql(url, query, { ...variables, after }));
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
}

export async function fetchDemoInputs(worksUrl: string, participationUrl: string): Promise<BudgetDemoInputs> {
  const { agencies, departments } = await gql<{ agencies: { id: string; isMunicipality: boolean }[]; departments: { code: string }[] }>(
    worksUrl, `{ agencies(level: LOCAL) { id isMunicipality } departments { code } }`);
  const municipality = agencies.find((a) => a.isMunicipality)?.id;
  if (!municipality) throw new Error('demo inputs: the works subgraph has no municipality agency');
  const works = await allPages<any>(
    worksUrl,
    `query($after: String, $executor: [ID!]) { works(first: 100, after: $after, filter: { executor: $executor }) {
      edges { node { id cui sector investmentCost physicalProgress status plannedStart department { code } districts { ubigeo } } } pageInfo { hasNextPage endCursor } } }`,
    (d) => d.works,
    { executor: [municipality] },
  );
  const organizations = await allPages<any>(
    participationUrl,
    `query($after: String) { organizations(first: 100, after: $after) { edges { node { id name district { ubigeo } } } pageInfo { hasNextPage endCursor } } }`,
    (d) => d.organizations,
  );
  return {
    districts: loadDistrictReference().map((d) => ({ ubigeo: d.ubigeo, name: d.name, population: d.population, area: d.area, povertyPct: d.povertyPct })),
    departments: departments.map((d) => d.code),
    works: works
      .filter((w) => w.department)
      .map((w): DemoWork => ({
        id: w.id, cui: w.cui, department: w.department.code, sector: w.sector, investmentCost: w.investmentCost, physicalProgress: w.physicalProgress,
        status: w.status, plannedStart: w.plannedStart, ubigeos: w.districts.map((d: { ubigeo: string }) => d.ubigeo),
      })),
    organizations: organizations.map((o): DemoOrganization => ({ id: o.id, name: o.name, ubigeo: o.district.ubigeo })),
  };
}
