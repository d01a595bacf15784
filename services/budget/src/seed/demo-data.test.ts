import { createRandom, type DistrictReference, loadDistrictReference, stableId, DEMO_DEPARTMENT_CODES } from '@articula/common';
import { AccreditationStatus, BudgetPhase, DEFAULT_CRITERIA, EvaluationStatus, PHASE_ORDER, SubmitterKind } from '../enums.js';
import { budgetLineProblems } from '../modules/execution/budget-line.rules.js';
import { type BudgetDemoData, type BudgetDemoInputs, type BudgetLineRow, DEMO_REFERENCE_DATE, type DemoOrganization, type DemoWork, generateBudgetDemoData } from './demo-data.js';

// ---------------------------------------------------------------------------------------------
// Inputs, as the seed would fetch them from the other subgraphs (synthetic here)
// ---------------------------------------------------------------------------------------------

const DEPARTMENTS: string[] = DEMO_DEPARTMENT_CODES;
const SECTORS = [
  'PUBLIC_ORDER_AND_SECURITY', 'AGRICULTURE', 'ENERGY', 'TRADE', 'TOURISM', 'TRANSPORT', 'ENVIRONMENT', 'SANITATION',
  'HOUSING_AND_URBAN_DEVELOPMENT', 'HEALTH', 'CULTURE_AND_SPORTS', 'EDUCATION', 'SOCIAL_PROTECTION', 'PLANNING_AND_MANAGEMENT',
];
const SECTOR_FUNCTION: Record<string, string> = {
  PLANNING_AND_MANAGEMENT: '03', PUBLIC_ORDER_AND_SECURITY: '05', AGRICULTURE: '10', ENERGY: '12', TOURISM: '13', TRADE: '14', TRANSPORT: '15',
  ENVIRONMENT: '17', SANITATION: '18', HOUSING_AND_URBAN_DEVELOPMENT: '19', HEALTH: '20', CULTURE_AND_SPORTS: '21', EDUCATION: '22', SOCIAL_PROTECTION: '23',
};

const reference: DistrictReference[] = loadDistrictReference();
const districts: BudgetDemoInputs['districts'] = reference.map((d) => ({ ubigeo: d.ubigeo, name: d.name, population: d.population, area: d.area, povertyPct: d.povertyPct }));

function syntheticWorks(n: number): DemoWork[] {
  return Array.from({ length: n }, (_, i) => {
    const r = createRandom(`budget-test-work:${i}`);
    const status = r.weighted([['IN_EXECUTION', 35], ['COMPLETED', 25], ['SUSPENDED', 10], ['PLANNED', 10], ['IN_PREPARATION', 12], ['CANCELLED', 8]] as const);
    const startYear = status === 'PLANNED' || status === 'IN_PREPARATION' ? r.int(2024, 2027) : r.int(2021, 2026);
    const startMonth = startYear === 2026 && status !== 'PLANNED' && status !== 'IN_PREPARATION' ? r.int(1, 9) : r.int(1, 12);
    const plannedStart = r.chance(0.03) ? null : `${startYear}-${String(startMonth).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const physicalProgress = status === 'COMPLETED' ? 100
      : status === 'IN_EXECUTION' ? r.int(3, 97)
        : status === 'SUSPENDED' ? r.int(5, 80)
          : status === 'CANCELLED' ? r.int(0, 15) : 0;
    const first = r.pick(districts).ubigeo;
    const second = r.chance(0.15) ? r.pick(districts).ubigeo : first;
    return {
      id: stableId('work', String(i)),
      cui: r.chance(0.8) ? String(r.int(2_100_000, 2_699_999)) : null,
      department: r.weighted([['GOP', 55], ...DEPARTMENTS.filter((d) => d !== 'GOP').map((d) => [d, 3.5] as const)] as const),
      sector: r.pick(SECTORS),
      investmentCost: r.chance(0.04) ? null : `${r.int(150_000, 8_000_000)}.${String(r.int(0, 99)).padStart(2, '0')}`,
      physicalProgress,
      status,
      plannedStart,
      ubigeos: second === first ? [first] : [first, second],
    };
  });
}

function syntheticOrganizations(n: number): DemoOrganization[] {
  const weights = districts.map((d) => [d, Math.sqrt(d.population)] as const);
  const kinds = ['Junta Vecinal', 'Comunidad Campesina', 'Comité del Vaso de Leche', 'Asociación de Productores', 'Club de Madres', 'Comité de Regantes', 'Asociación de Comerciantes'];
  return Array.from({ length: n }, (_, i) => {
    const r = createRandom(`budget-test-org:${i}`);
    const d = i < districts.length ? districts[i]! : r.weighted(weights);
    return { id: stableId('organization', String(i)), ubigeo: d.ubigeo, name: `${r.pick(kinds)} ${d.name} N.° ${i + 1}` };
  });
}

const inputs: BudgetDemoInputs = { districts, works: syntheticWorks(300), organizations: syntheticOrganizations(600), departments: DEPARTMENTS };

function shuffled<T>(items: readonly T[], seed: string): T[] {
  const r = createRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const MONEY = /^\d{1,14}\.\d{2}$/;
const UBIGEO = /^1201[0-9]{2}$/;
const CUI = /^[0-9]{7}$/;
const DEPARTMENT = /^[A-Z][A-Z0-9-]{1,15}$/;
const validDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const cents = (s: string) => Math.round(Number(s) * 100);
const accruedCents = (l: BudgetLineRow) => l.accrued.reduce((s, v) => s + cents(v), 0);

/** The rows failing a check (at most 5, to keep failures readable). */
function failing<T>(rows: readonly T[], ok: (row: T) => boolean): T[] {
  const bad: T[] = [];
  for (const row of rows) if (!ok(row) && bad.push(row) >= 5) break;
  return bad;
}
function duplicates(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup: string[] = [];
  for (const k of keys) if (seen.has(k)) dup.push(k); else seen.add(k);
  return dup.slice(0, 5);
}

/** Σ_c weight_c × mean over agents of score_c ÷ 10, per proposal (only scored proposals). */
function aggregateScores(data: BudgetDemoData): Map<string, number> {
  const weight = new Map(data.criteria.map((c) => [`${c.year}|${c.code}`, Number(c.weight)]));
  const yearOf = new Map(data.proposals.map((p) => [p.id, p.year]));
  const sums = new Map<string, Map<string, { sum: number; n: number }>>();
  for (const s of data.scores) {
    let byCriterion = sums.get(s.proposalId);
    if (!byCriterion) sums.set(s.proposalId, (byCriterion = new Map()));
    const e = byCriterion.get(s.criterionCode) ?? { sum: 0, n: 0 };
    e.sum += Math.round(Number(s.score) * 100);
    e.n += 1;
    byCriterion.set(s.criterionCode, e);
  }
  const out = new Map<string, number>();
  for (const [proposalId, byCriterion] of sums) {
    let total = 0;
    for (const [code, { sum, n }] of byCriterion) total += (weight.get(`${yearOf.get(proposalId)}|${code}`)! * sum) / n / 100 / 10;
    out.set(proposalId, total);
  }
  return out;
}

/** Whether a work of the inputs is active (has budget execution) in some year of 2024–2026. */
function activeIn2024to2026(w: DemoWork): boolean {
  const sy = w.plannedStart === null ? null : Number(w.plannedStart.slice(0, 4));
  if (w.status === 'IN_EXECUTION' || w.status === 'SUSPENDED') return true;
  return sy !== null && sy >= 2024 && sy <= 2026;
}

let data: BudgetDemoData;

beforeAll(() => {
  data = generateBudgetDemoData(inputs);
});

// ---------------------------------------------------------------------------------------------

describe('budget demo data', () => {
  it('is deterministic', () => {
    const again = generateBudgetDemoData(inputs);
    expect(again).toEqual(data);
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
    expect(JSON.stringify(generateBudgetDemoData(inputs, { referenceDate: DEMO_REFERENCE_DATE, scale: 1 }))).toBe(JSON.stringify(data));
  });

  it('does not depend on the order of the inputs', () => {
    const reordered: BudgetDemoInputs = {
      districts: shuffled(inputs.districts, 'd'),
      works: shuffled(inputs.works, 'w'),
      organizations: shuffled(inputs.organizations, 'o'),
      departments: shuffled(inputs.departments, 'g'),
    };
    expect(JSON.stringify(generateBudgetDemoData(reordered))).toBe(JSON.stringify(data));
  });

  it('has four processes with four phases each, in order, and one phase in progress (2027)', () => {
    expect(data.processes.map((p) => p.year)).toEqual([2024, 2025, 2026, 2027]);
    for (const p of data.processes) {
      expect(MONEY.test(p.ceiling)).toBe(true);
      expect(Number(p.ceiling)).toBeGreaterThanOrEqual(8_000_000);
      expect(Number(p.ceiling)).toBeLessThanOrEqual(15_000_000);
    }
    expect(data.phases).toHaveLength(16);
    for (const year of [2024, 2025, 2026, 2027]) {
      const phases = data.phases.filter((p) => p.year === year);
      expect(phases.map((p) => p.phase)).toEqual(PHASE_ORDER);
      expect(phases.map((p) => p.position)).toEqual([0, 1, 2, 3]);
      // Planned between February and July of the preceding year, one phase after the other.
      expect(phases[0]!.plannedStart.slice(0, 7)).toBe(`${year - 1}-02`);
      expect(phases[3]!.plannedEnd.slice(0, 4)).toBe(String(year - 1));
      expect(Number(phases[3]!.plannedEnd.slice(5, 7))).toBeLessThanOrEqual(8);
      for (let k = 1; k < 4; k++) {
        expect(phases[k]!.plannedStart > phases[k - 1]!.plannedEnd).toBe(true);
        if (phases[k]!.actualStart !== null) expect(phases[k]!.actualStart! > phases[k - 1]!.actualEnd!).toBe(true);
      }
      if (year <= 2026) for (const p of phases) expect(p.actualStart !== null && p.actualEnd !== null).toBe(true);
    }
    const late = data.phases.filter((p) => p.actualEnd !== null && p.actualEnd > p.plannedEnd);
    expect(late.length).toBeGreaterThan(0);
    const inProgress = data.phases.filter((p) => p.actualStart !== null && p.actualEnd === null);
    expect(inProgress).toHaveLength(1);
    expect(inProgress[0]!.year).toBe(2027);
    const current = data.phases.filter((p) => p.year === 2027);
    expect(current.map((p) => (p.actualEnd !== null ? 'done' : p.actualStart !== null ? 'started' : 'planned'))).toEqual(['done', 'done', 'started', 'planned']);
    for (const p of data.phases) {
      if (p.actualStart !== null) expect(p.actualStart <= DEMO_REFERENCE_DATE).toBe(true);
      if (p.actualEnd !== null) expect(p.actualEnd < DEMO_REFERENCE_DATE).toBe(true);
    }
  });

  it('has the expected volumes', () => {
    expect(data.proposals.length).toBeGreaterThanOrEqual(200);
    expect(data.proposals.length).toBeLessThanOrEqual(300);
    expect(data.criteria).toHaveLength(4 * DEFAULT_CRITERIA.length);
    for (const year of [2024, 2025, 2026, 2027]) {
      const criteria = data.criteria.filter((c) => c.year === year);
      expect(criteria.map((c) => c.code)).toEqual(DEFAULT_CRITERIA.map((c) => c.code));
      expect(criteria.map((c) => c.position)).toEqual([0, 1, 2, 3, 4]);
      expect(criteria.reduce((s, c) => s + Number(c.weight), 0)).toBe(100);
      expect(criteria[0]!.weight).toBe('25.00');
      const agents = data.agents.filter((a) => a.year === year);
      expect(agents.length).toBeGreaterThanOrEqual(40);
      expect(agents.length).toBeLessThanOrEqual(80);
      expect(agents.filter((a) => a.accreditationStatus === AccreditationStatus.ACCREDITED).length / agents.length).toBeGreaterThan(0.7);
      const committee = data.oversight.filter((o) => o.year === year);
      expect(committee.length).toBeGreaterThanOrEqual(4);
      expect(committee.length).toBeLessThanOrEqual(6);
      expect(committee[0]!.role).toBe('Presidente');
      const proposals = data.proposals.filter((p) => p.year === year);
      expect(proposals.length).toBeGreaterThanOrEqual(50);
      expect(proposals.length).toBeLessThanOrEqual(70);
    }
    for (const status of Object.values(AccreditationStatus)) expect(data.agents.some((a) => a.accreditationStatus === status)).toBe(true);
    expect(data.proposals.some((p) => p.submittedByKind === SubmitterKind.DEPARTMENT)).toBe(true);
    expect(data.proposals.filter((p) => p.submittedByKind === SubmitterKind.ORGANIZATION).length / data.proposals.length).toBeGreaterThan(0.6);
    expect(data.proposals.some((p) => p.cui !== null)).toBe(true);
  });

  it('evaluates every proposal of past processes (~80 % viable) and leaves some of 2027 pending', () => {
    for (const year of [2024, 2025, 2026]) {
      const proposals = data.proposals.filter((p) => p.year === year);
      expect(proposals.filter((p) => p.evaluationStatus === EvaluationStatus.PENDING)).toEqual([]);
      const viable = proposals.filter((p) => p.evaluationStatus === EvaluationStatus.VIABLE).length / proposals.length;
      expect(viable).toBeGreaterThan(0.65);
      expect(viable).toBeLessThan(0.92);
    }
    const current = data.proposals.filter((p) => p.year === 2027);
    expect(current.some((p) => p.evaluationStatus === EvaluationStatus.PENDING)).toBe(true);
    expect(current.some((p) => p.evaluationStatus !== EvaluationStatus.PENDING)).toBe(true);
    const reasons = new Set(data.proposals.filter((p) => p.evaluationStatus === EvaluationStatus.NOT_VIABLE).map((p) => p.evaluationReason));
    expect(reasons.size).toBeGreaterThanOrEqual(3);
    for (const p of data.proposals) if (p.evaluationStatus !== EvaluationStatus.NOT_VIABLE) expect(p.evaluationReason).toBeNull();
  });

  it('satisfies every constraint of the process tables', () => {
    const years = new Set(data.processes.map((p) => p.year));
    expect(duplicates(data.processes.map((p) => String(p.year)))).toEqual([]);
    for (const p of data.processes) expect(p.year >= 2000 && p.year <= 2100 && Number(p.ceiling) >= 0).toBe(true);

    expect(duplicates(data.phases.map((p) => `${p.year}|${p.phase}`))).toEqual([]);
    expect(failing(data.phases, (p) =>
      years.has(p.year) && Object.values(BudgetPhase).includes(p.phase) && Number.isInteger(p.position)
      && validDate(p.plannedStart) && validDate(p.plannedEnd) && p.plannedEnd >= p.plannedStart
      && (p.actualStart === null || validDate(p.actualStart)) && (p.actualEnd === null || validDate(p.actualEnd))
      && (p.actualEnd === null || (p.actualStart !== null && p.actualEnd >= p.actualStart)))).toEqual([]);

    expect(duplicates(data.criteria.map((c) => `${c.year}|${c.code}`))).toEqual([]);
    expect(failing(data.criteria, (c) =>
      years.has(c.year) && /^[A-Z_]{2,40}$/.test(c.code) && c.name.length > 0 && /^\d{1,3}\.\d{2}$/.test(c.weight)
      && Number(c.weight) > 0 && Number(c.weight) <= 100 && Number.isInteger(c.position))).toEqual([]);

    expect(duplicates(data.oversight.map((o) => `${o.year}|${o.organizationId}`))).toEqual([]);
    expect(failing(data.oversight, (o) => years.has(o.year) && UUID.test(o.organizationId) && o.role.trim().length > 0)).toEqual([]);

    expect(duplicates(data.agents.map((a) => a.id))).toEqual([]);
    expect(failing(data.agents, (a) =>
      UUID.test(a.id) && years.has(a.year) && UUID.test(a.organizationId) && a.name.trim().length > 0
      && Object.values(AccreditationStatus).includes(a.accreditationStatus)
      && (a.accreditationStatus === AccreditationStatus.ACCREDITED) === (a.accreditedOn !== null)
      && (a.accreditedOn === null || (validDate(a.accreditedOn) && a.accreditedOn <= DEMO_REFERENCE_DATE)))).toEqual([]);
    expect(data.agents.map((a) => a.id)).toEqual(data.agents.map((a) => stableId('pp-agent', `${a.year}:${data.agents.filter((b) => b.year === a.year).indexOf(a)}`)));
  });

  it('satisfies every constraint of the proposal tables', () => {
    const years = new Set(data.processes.map((p) => p.year));
    expect(duplicates(data.proposals.map((p) => p.id))).toEqual([]);
    expect(failing(data.proposals, (p) =>
      UUID.test(p.id) && years.has(p.year) && p.title.trim().length >= 5 && p.title.trim().length <= 500 && typeof p.description === 'string'
      && p.sector in SECTOR_FUNCTION && MONEY.test(p.estimatedCost) && Number(p.estimatedCost) > 0
      && Number(p.estimatedCost) >= 150_000 && Number(p.estimatedCost) <= 3_500_000
      && Number.isInteger(p.beneficiaries) && p.beneficiaries >= 0 && p.beneficiaries <= 2_147_483_647
      && (p.cui === null || CUI.test(p.cui)) && Object.values(SubmitterKind).includes(p.submittedByKind) && p.submittedBy.length > 0
      && TIMESTAMP.test(p.submittedAt) && !Number.isNaN(Date.parse(p.submittedAt)) && p.submittedAt < `${DEMO_REFERENCE_DATE}T05:00:00Z`
      && Object.values(EvaluationStatus).includes(p.evaluationStatus)
      && (p.evaluationStatus !== EvaluationStatus.NOT_VIABLE || (p.evaluationReason ?? '').trim() !== '')
      && (p.workId === null || UUID.test(p.workId)))).toEqual([]);
    // Submitted during the process (preparation or concertation), in the year before its fiscal year.
    expect(failing(data.proposals, (p) => p.submittedAt.slice(0, 4) === String(p.year - 1))).toEqual([]);
    const departments = new Set(inputs.departments);
    expect(failing(data.proposals, (p) => p.submittedByKind === SubmitterKind.ORGANIZATION ? UUID.test(p.submittedBy) : departments.has(p.submittedBy))).toEqual([]);

    const proposalIds = new Set(data.proposals.map((p) => p.id));
    expect(duplicates(data.proposalDistricts.map((d) => `${d.proposalId}|${d.ubigeo}`))).toEqual([]);
    expect(failing(data.proposalDistricts, (d) => proposalIds.has(d.proposalId) && UBIGEO.test(d.ubigeo))).toEqual([]);
    const withDistrict = new Set(data.proposalDistricts.map((d) => d.proposalId));
    expect(failing(data.proposals, (p) => withDistrict.has(p.id))).toEqual([]);

    const agents = new Map(data.agents.map((a) => [a.id, a]));
    const proposals = new Map(data.proposals.map((p) => [p.id, p]));
    const criteria = new Set(data.criteria.map((c) => `${c.year}|${c.code}`));
    expect(duplicates(data.scores.map((s) => `${s.proposalId}|${s.agentId}|${s.criterionCode}`))).toEqual([]);
    expect(failing(data.scores, (s) => {
      const p = proposals.get(s.proposalId);
      const a = agents.get(s.agentId);
      return p !== undefined && a !== undefined && a.year === p.year && a.accreditationStatus === AccreditationStatus.ACCREDITED
        && criteria.has(`${p.year}|${s.criterionCode}`) && /^\d{1,2}\.\d{2}$/.test(s.score) && Number(s.score) >= 0 && Number(s.score) <= 10;
    })).toEqual([]);
  });

  it('has 3 to 8 agents scoring every criterion of every viable or pending proposal, with differing aggregates and an exact tie', () => {
    const byProposal = new Map<string, Map<string, Set<string>>>();
    for (const s of data.scores) {
      let byAgent = byProposal.get(s.proposalId);
      if (!byAgent) byProposal.set(s.proposalId, (byAgent = new Map()));
      let codes = byAgent.get(s.agentId);
      if (!codes) byAgent.set(s.agentId, (codes = new Set()));
      codes.add(s.criterionCode);
    }
    expect(failing(data.proposals, (p) => {
      const byAgent = byProposal.get(p.id);
      if (p.evaluationStatus === EvaluationStatus.NOT_VIABLE) return byAgent === undefined;
      return byAgent !== undefined && byAgent.size >= 3 && byAgent.size <= 8 && [...byAgent.values()].every((codes) => codes.size === DEFAULT_CRITERIA.length);
    })).toEqual([]);

    const aggregates = aggregateScores(data);
    const values = [...aggregates.values()];
    expect(new Set(values.map((v) => v.toFixed(6))).size).toBeGreaterThan(values.length * 0.8);
    const yearOf = new Map(data.proposals.map((p) => [p.id, p.year]));
    const seen = new Map<string, string>();
    const ties: [string, string][] = [];
    for (const [id, v] of aggregates) {
      const key = `${yearOf.get(id)}|${v}`;
      const other = seen.get(key);
      if (other) ties.push([other, id]);
      else seen.set(key, id);
    }
    expect(ties.length).toBeGreaterThanOrEqual(1);
    // The aggregates spread over the scale.
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(2);
  });

  it('has proposals in urban and rural districts every year', () => {
    const area = new Map(districts.map((d) => [d.ubigeo, d.area]));
    const yearOf = new Map(data.proposals.map((p) => [p.id, p.year]));
    for (const year of [2024, 2025, 2026, 2027]) {
      const rows = data.proposalDistricts.filter((d) => yearOf.get(d.proposalId) === year);
      const rural = rows.filter((d) => area.get(d.ubigeo) === 'RURAL').length;
      const urban = rows.filter((d) => area.get(d.ubigeo) === 'URBAN').length;
      expect({ year, urban: urban > 0, ruralShare: rural / rows.length > 0.3 }).toEqual({ year, urban: true, ruralShare: true });
    }
    // Beneficiaries never exceed the population of the districts of the proposal.
    const population = new Map(districts.map((d) => [d.ubigeo, d.population]));
    const places = new Map<string, string[]>();
    for (const d of data.proposalDistricts) places.set(d.proposalId, [...(places.get(d.proposalId) ?? []), d.ubigeo]);
    expect(failing(data.proposals, (p) => p.beneficiaries <= Math.max(30, places.get(p.id)!.reduce((s, u) => s + population.get(u)!, 0)))).toEqual([]);
  });

  it('links proposals only to input works of the same district and sector, in 2024 and 2025', () => {
    const works = new Map(inputs.works.map((w) => [w.id, w]));
    const places = new Map<string, string[]>();
    for (const d of data.proposalDistricts) places.set(d.proposalId, [...(places.get(d.proposalId) ?? []), d.ubigeo]);
    const linked = data.proposals.filter((p) => p.workId !== null);
    expect(failing(linked, (p) => {
      const w = works.get(p.workId!);
      return w !== undefined && (p.year === 2024 || p.year === 2025) && p.evaluationStatus === EvaluationStatus.VIABLE
        && w.sector === p.sector && w.ubigeos.includes(places.get(p.id)![0]!);
    })).toEqual([]);
    expect(duplicates(linked.map((p) => p.workId!))).toEqual([]);
    for (const year of [2024, 2025]) {
      const viable = data.proposals.filter((p) => p.year === year && p.evaluationStatus === EvaluationStatus.VIABLE);
      const share = viable.filter((p) => p.workId !== null).length / viable.length;
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThanOrEqual(0.42);
    }
  });

  it('only references organizations of the inputs', () => {
    const organizations = new Set(inputs.organizations.map((o) => o.id));
    expect(failing(data.agents, (a) => organizations.has(a.organizationId))).toEqual([]);
    expect(failing(data.oversight, (o) => organizations.has(o.organizationId))).toEqual([]);
    expect(failing(data.proposals, (p) => p.submittedByKind !== SubmitterKind.ORGANIZATION || organizations.has(p.submittedBy))).toEqual([]);
    // The committee is elected among the year's accredited agents.
    const accredited = new Set(data.agents.filter((a) => a.accreditationStatus === AccreditationStatus.ACCREDITED).map((a) => `${a.year}|${a.organizationId}`));
    expect(failing(data.oversight, (o) => accredited.has(`${o.year}|${o.organizationId}`))).toEqual([]);
  });

  it('has budget lines that satisfy the rules and the constraints of budget_line', () => {
    expect(duplicates(data.budgetLines.map((l) => l.id))).toEqual([]);
    expect(failing(data.budgetLines, (l) => budgetLineProblems(l).length === 0)).toEqual([]);
    const departments = new Set(inputs.departments);
    const works = new Map(inputs.works.map((w) => [w.id, w]));
    expect(failing(data.budgetLines, (l) =>
      UUID.test(l.id) && DEPARTMENT.test(l.department) && departments.has(l.department) && /^[0-9]{2}$/.test(l.functionCode)
      && (l.ubigeo === null || UBIGEO.test(l.ubigeo)) && (l.cui === null || CUI.test(l.cui))
      && [l.openingBudget, l.modifiedBudget, l.certified, l.committed, l.paid, ...l.accrued].every((v) => MONEY.test(v))
      && l.accrued.length === 12 && cents(l.paid) <= accruedCents(l) && accruedCents(l) <= cents(l.committed)
      && cents(l.committed) <= cents(l.certified) && cents(l.certified) <= cents(l.modifiedBudget)
      && (l.workId === null || works.has(l.workId)))).toEqual([]);
    expect(new Set(data.budgetLines.map((l) => l.year))).toEqual(new Set([2024, 2025, 2026, 2027]));

    // Investment lines: category 2.6, the work's CUI, function code, first district and department.
    const investment = data.budgetLines.filter((l) => l.workId !== null);
    expect(failing(investment, (l) => {
      const w = works.get(l.workId!)!;
      return l.expenseCategory.startsWith('2.6') && l.cui === w.cui && l.functionCode === SECTOR_FUNCTION[w.sector]
        && l.ubigeo === w.ubigeos[0] && (l.department === w.department || !departments.has(w.department));
    })).toEqual([]);
    expect(duplicates(investment.map((l) => `${l.year}|${l.workId}`))).toEqual([]);

    // Non-investment lines: 2 to 5 per department and year.
    for (const year of [2024, 2025, 2026, 2027]) {
      for (const dept of inputs.departments) {
        const n = data.budgetLines.filter((l) => l.year === year && l.department === dept && l.workId === null).length;
        expect({ year, dept, ok: n >= 2 && n <= 5 }).toEqual({ year, dept, ok: true });
      }
    }
    const programs = new Set(data.budgetLines.map((l) => l.budgetProgram));
    expect(programs.has('9001 ACCIONES CENTRALES')).toBe(true);
    expect(programs.has('9002 ASIGNACIONES PRESUPUESTARIAS QUE NO RESULTAN EN PRODUCTOS')).toBe(true);
    const categories = new Set(data.budgetLines.map((l) => l.expenseCategory));
    expect(categories).toEqual(new Set(['2.1 PERSONAL Y OBLIGACIONES SOCIALES', '2.3 BIENES Y SERVICIOS', '2.6 ADQUISICION DE ACTIVOS NO FINANCIEROS']));
    expect(new Set(data.budgetLines.map((l) => l.fundingSource)).size).toBeGreaterThanOrEqual(5);
  });

  it('executes closed years at 60–90 %, 2026 up to the reference date, and only opens 2027', () => {
    for (const year of [2024, 2025]) {
      const lines = data.budgetLines.filter((l) => l.year === year);
      const rate = lines.reduce((s, l) => s + accruedCents(l), 0) / lines.reduce((s, l) => s + cents(l.modifiedBudget), 0);
      expect({ year, rate: rate >= 0.6 && rate <= 0.9 }).toEqual({ year, rate: true });
      // Low in the first quarter, peak in December.
      const months = Array.from({ length: 12 }, (_, m) => lines.reduce((s, l) => s + cents(l.accrued[m]!), 0));
      expect(months.indexOf(Math.max(...months))).toBe(11);
      expect(months[0]!).toBeLessThan(months[11]! / 2);
    }
    const current = data.budgetLines.filter((l) => l.year === 2026);
    expect(failing(current, (l) => l.accrued[10] === '0.00' && l.accrued[11] === '0.00')).toEqual([]);
    expect(current.some((l) => l.accrued[9] !== '0.00')).toBe(true);
    const next = data.budgetLines.filter((l) => l.year === 2027);
    expect(next.length).toBeGreaterThan(0);
    expect(failing(next, (l) => l.modifiedBudget === l.openingBudget && cents(l.openingBudget) > 0 && l.certified === '0.00'
      && l.committed === '0.00' && l.paid === '0.00' && l.accrued.every((v) => v === '0.00'))).toEqual([]);
  });

  it('has an investment line for every municipal work active in 2024–2026, accruing about its physical progress', () => {
    const lines = new Map<string, BudgetLineRow[]>();
    for (const l of data.budgetLines) if (l.workId !== null && l.year <= 2026) lines.set(l.workId, [...(lines.get(l.workId) ?? []), l]);
    const active = inputs.works.filter(activeIn2024to2026);
    expect(active.length).toBeGreaterThan(150);
    expect(failing(active, (w) => lines.has(w.id))).toEqual([]);

    const ratios = inputs.works.filter((w) => w.investmentCost !== null && lines.has(w.id)).map((w) => {
      const accrued = lines.get(w.id)!.reduce((s, l) => s + accruedCents(l), 0);
      return { w, excess: accrued / cents(w.investmentCost!) - w.physicalProgress / 100 };
    });
    const moneySpent = ratios.filter((r) => r.excess >= 0.4);
    expect(moneySpent.length).toBeGreaterThanOrEqual(5);
    expect(moneySpent.length).toBeLessThanOrEqual(Math.ceil(active.length * 0.12));
    expect(failing(moneySpent, (r) => r.w.physicalProgress < 40)).toEqual([]);
    // The others accrue about their physical progress.
    const others = ratios.filter((r) => r.excess < 0.4);
    expect(failing(others, (r) => Math.abs(r.excess) <= 0.1)).toEqual([]);
    // Nothing accrues beyond the investment cost.
    expect(failing(ratios, (r) => r.excess + r.w.physicalProgress / 100 <= 1)).toEqual([]);
  });

  it('grows linearly with the scale', () => {
    const double = generateBudgetDemoData(inputs, { scale: 2 });
    expect(double.proposals.length).toBe(2 * data.proposals.length);
    const nonInvestment = (d: BudgetDemoData) => d.budgetLines.filter((l) => l.workId === null).length;
    expect(nonInvestment(double)).toBe(2 * nonInvestment(data));
    expect(double.budgetLines.length - nonInvestment(double)).toBe(data.budgetLines.length - nonInvestment(data));
    expect(double.processes).toEqual(data.processes);
    expect(double.phases).toEqual(data.phases);
    expect(double.agents).toEqual(data.agents);
    const ids = new Set(double.proposals.map((p) => p.id));
    expect(failing(data.proposals, (p) => ids.has(p.id))).toEqual([]);
    expect(failing(double.budgetLines, (l) => budgetLineProblems(l).length === 0)).toEqual([]);
  });

  it.each(['2025-03-15', '2026-06-30', '2027-03-01'])('keeps its invariants at reference date %s', (referenceDate) => {
    const other = generateBudgetDemoData(inputs, { referenceDate });
    expect(failing(other.budgetLines, (l) => budgetLineProblems(l).length === 0)).toEqual([]);
    expect(failing(other.phases, (p) => p.plannedEnd >= p.plannedStart && (p.actualStart === null || p.actualStart <= referenceDate)
      && (p.actualEnd === null || (p.actualStart !== null && p.actualEnd >= p.actualStart && p.actualEnd < referenceDate)))).toEqual([]);
    expect(other.phases.filter((p) => p.actualStart !== null && p.actualEnd === null).length).toBeLessThanOrEqual(1);
    expect(failing(other.agents, (a) => (a.accreditationStatus === AccreditationStatus.ACCREDITED) === (a.accreditedOn !== null)
      && (a.accreditedOn === null || a.accreditedOn <= referenceDate))).toEqual([]);
    expect(failing(other.proposals, (p) => p.submittedAt < `${referenceDate}T05:00:00Z`
      && (p.evaluationStatus !== EvaluationStatus.NOT_VIABLE || p.evaluationReason !== null))).toEqual([]);
    const refYear = Number(referenceDate.slice(0, 4));
    expect(failing(other.budgetLines, (l) => l.year <= refYear || accruedCents(l) === 0)).toEqual([]);
  });

  it('copes with empty inputs', () => {
    const empty = generateBudgetDemoData({ districts: [], works: [], organizations: [], departments: [] });
    expect(empty.processes).toHaveLength(4);
    expect(empty.phases).toHaveLength(16);
    expect(empty.proposals).toEqual([]);
    expect(empty.budgetLines).toEqual([]);
    expect(() => generateBudgetDemoData(inputs, { scale: 0 })).toThrow(RangeError);
    expect(() => generateBudgetDemoData(inputs, { referenceDate: '2026-02-30' })).toThrow(RangeError);
  });
});
