/**
 * The data step's reading half: everything the portal publishes, asked of the public gateway
 * exactly as a journalist could ask it. Nothing here is transformed beyond naming.
 */
import type { GatewayClient } from '../gateway.ts';

const WORK_FIELDS = `id cui infobrasCode title description kind sector status suspensionReason
  plannedStart plannedEnd actualStart actualEnd investmentCost contractAmount delayed createdAt updatedAt
  physicalProgress financialProgress progressGap
  executor { id name acronym level } department { code name }
  districts { ubigeo name } location { latitude longitude } contractor { name ruc }
  progressReports { date physicalProgress note }
  history(first: 100) { at action actorKind actorDepartment { code } actorAgency { name } changes { field from to } }
  agreements { id } originProposal { id }`;

export interface Snapshot {
  generatedAt: string;
  districts: any[];
  investment: { districts: any[]; byArea: any[] };
  departments: any[];
  agencies: any[];
  works: any[];
  organizations: any[];
  meetings: any[];
  agreements: any[];
  agreementStats: { department: any[]; district: any[] };
  requestStats: Record<'DISTRICT' | 'CATEGORY' | 'KIND' | 'STATUS', any[]>;
  budgets: any[];
  proposals: any[];
  budgetLines: any[];
  budgetYears: number[];
  /** Execution aggregates as the API computes them, to check the published lines add up to the same. */
  execution: Record<number, { total: any[]; curve: any[] }>;
}

export async function fetchSnapshot(client: GatewayClient, options: { now: Date }): Promise<Snapshot> {
  const year = Number(options.now.toISOString().slice(0, 4));
  const base = await client.query<any>(`{
    districts { ubigeo ubigeoReniec name population areaKm2 density altitude latitude longitude hdi povertyRate
      extremePovertyRate foodInsecurityIndex area boundary organizations { totalCount } }
    investmentPerCapita { districts { district { ubigeo } workCount totalInvestment investmentPerInhabitant }
      byArea { area districtCount population workCount totalInvestment investmentPerInhabitant povertyRate } }
    departments { id code name responsibleOfficial { name title } }
    agencies { id name acronym level isMunicipality website district { ubigeo } }
    byDepartment: agreementStats(groupBy: DEPARTMENT) { key total fulfilled fulfilledOnTime overdue cancelled fulfilmentRate }
    byDistrict: agreementStats(groupBy: DISTRICT) { key total fulfilled fulfilledOnTime overdue cancelled fulfilmentRate }
    rDistrict: requestStats(groupBy: DISTRICT) { key suppressed count resolvedCount medianDaysToResolve resolvedWithinDeadlineShare overdueCount }
    rCategory: requestStats(groupBy: CATEGORY) { key suppressed count resolvedCount medianDaysToResolve resolvedWithinDeadlineShare overdueCount }
    rKind: requestStats(groupBy: KIND) { key suppressed count resolvedCount medianDaysToResolve resolvedWithinDeadlineShare overdueCount }
    rStatus: requestStats(groupBy: STATUS) { key suppressed count resolvedCount medianDaysToResolve resolvedWithinDeadlineShare overdueCount }
    participatoryBudgets { year ceiling currentPhase allocated remaining
      phases { phase plannedStart plannedEnd actualStart actualEnd state }
      criteria { code name weight }
      oversightCommittee { organization { id name } role }
      populationRule { district { ubigeo name } population fairShare allocatedByScore allocatedByPopulation } }
  }`);

  const works = await client.all<any>(`query($first: Int, $after: String) { works(first: $first, after: $after, orderBy: { field: TITLE }) {
    edges { node { ${WORK_FIELDS} } } pageInfo { hasNextPage endCursor } } }`, 'works');
  const organizations = await client.all<any>(`query($first: Int, $after: String) { organizations(first: $first, after: $after) {
    edges { node { id name type district { ubigeo name } registrationNumber registrationDate registrationStatus } } pageInfo { hasNextPage endCursor } } }`, 'organizations');
  const meetings = await client.all<any>(`query($first: Int, $after: String) { meetings(first: $first, after: $after) {
    edges { node { id kind title startsAt district { ubigeo name } place conveningDepartment { code } attendanceCount agenda minutesSummary status seriesId
      organizations { id } departments { code } agreements { id } } } pageInfo { hasNextPage endCursor } } }`, 'meetings');
  const agreements = await client.all<any>(`query($first: Int, $after: String) { agreements(first: $first, after: $after) {
    edges { node { id text responsibleDepartment { code name } dueDate status overdue fulfilledOn fulfilledLate cancellationReason progress
      meeting { id kind title startsAt district { ubigeo name } }
      parties { kind department { code name } organization { id name } agency { id name } }
      works { id } followUps { id date note evidenceUrl progress } } } pageInfo { hasNextPage endCursor } } }`, 'agreements');
  const proposals = await client.all<any>(`query($first: Int, $after: String) { allProposals(first: $first, after: $after) {
    edges { node { id year title description sector estimatedCost beneficiaries cui submittedByKind organization { id name } department { code }
      submittedAt districts { ubigeo name } evaluation evaluationReason score rank decision funded cumulativeBefore remainingBefore remainingAfter
      explanation fundedUnderPopulationRule work { id } scoresByCriterion { code average agents } } } pageInfo { hasNextPage endCursor } } }`, 'allProposals');

  // Budget lines of the years around now that have any (the coming year's opening budget included).
  const budgetLines: any[] = [];
  const budgetYears: number[] = [];
  const execution: Snapshot['execution'] = {};
  for (let y = year - 3; y <= year + 1; y++) {
    const lines = await client.all<any>(`query($first: Int, $after: String, $year: Int!) { budgetLines(year: $year, first: $first, after: $after) {
      edges { node { id year department { code } functionCode budgetProgram fundingSource fundingItem expenseCategory work { id } cui district { ubigeo }
        openingBudget modifiedBudget certified committed accrued paid accruedByMonth } } pageInfo { hasNextPage endCursor } } }`, 'budgetLines', { year: y });
    if (lines.length === 0) continue;
    budgetYears.push(y);
    budgetLines.push(...lines);
    const aggregates = await client.query<any>(`query($year: Int!) {
      total: budgetExecution(year: $year, groupBy: DEPARTMENT) { key openingBudget modifiedBudget certified committed accrued paid }
      curve: executionCurve(year: $year) { month accrued cumulativeAccrued cumulativeRate } }`, { year: y });
    execution[y] = aggregates;
  }

  return {
    generatedAt: options.now.toISOString(),
    districts: base.districts,
    investment: base.investmentPerCapita,
    departments: base.departments,
    agencies: base.agencies,
    works,
    organizations,
    meetings,
    agreements,
    agreementStats: { department: base.byDepartment, district: base.byDistrict },
    requestStats: { DISTRICT: base.rDistrict, CATEGORY: base.rCategory, KIND: base.rKind, STATUS: base.rStatus },
    budgets: base.participatoryBudgets,
    proposals,
    budgetLines,
    budgetYears,
    execution,
  };
}
