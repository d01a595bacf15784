import { EvaluationStatus } from '../../enums.js';
import { type AllocationCandidate, Decision, allocateByPopulation, allocateByScore, soles, splitProportionally } from './allocation.js';

const S = (soles: string) => BigInt(Math.round(Number(soles) * 100));
let n = 0;
const p = (id: string, score: number, cost: string, extra: Partial<AllocationCandidate> = {}): AllocationCandidate => ({
  id, score, cost: S(cost), submittedAt: `2026-03-${String(10 + (n++ % 18)).padStart(2, '0')}T10:00:00Z`, evaluation: EvaluationStatus.VIABLE, ubigeos: ['120101'], ...extra,
});
const summary = (results: ReturnType<typeof allocateByScore>) => results.map((r) => [r.id, r.rank, r.decision]);

describe('allocation by score', () => {
  it.each([
    ['exact fit: the last proposal uses the ceiling to the cent', '100.00', [p('A', 90, '60.00'), p('B', 80, '40.00')], [['A', 1, 'FUNDED'], ['B', 2, 'FUNDED']]],
    ['one cent over: it does not fit', '100.00', [p('A', 90, '60.00'), p('B', 80, '40.01')], [['A', 1, 'FUNDED'], ['B', 2, 'DOES_NOT_FIT']]],
    ['a proposal that does not fit is skipped and the next ones are still tried', '100.00', [p('A', 90, '70.00'), p('B', 80, '50.00'), p('C', 70, '30.00')], [['A', 1, 'FUNDED'], ['B', 2, 'DOES_NOT_FIT'], ['C', 3, 'FUNDED']]],
    ['a proposal larger than the whole ceiling', '100.00', [p('A', 95, '150.00'), p('B', 60, '100.00')], [['A', 1, 'DOES_NOT_FIT'], ['B', 2, 'FUNDED']]],
    ['tie on score: the cheaper first', '100.00', [p('A', 80, '70.00'), p('B', 80, '60.00')], [['B', 1, 'FUNDED'], ['A', 2, 'DOES_NOT_FIT']]],
    ['tie on score and cost: the earlier submission first', '100.00',
      [p('A', 80, '60.00', { submittedAt: '2026-03-20T10:00:00Z' }), p('B', 80, '60.00', { submittedAt: '2026-03-02T10:00:00Z' })], [['B', 1, 'FUNDED'], ['A', 2, 'DOES_NOT_FIT']]],
    ['not viable and pending proposals are not ranked, whatever their score', '100.00',
      [p('A', 99, '10.00', { evaluation: EvaluationStatus.NOT_VIABLE, evaluationReason: 'Sin saneamiento del terreno' }), p('B', 98, '10.00', { evaluation: EvaluationStatus.PENDING }), p('C', 50, '100.00')],
      [['C', 1, 'FUNDED'], ['A', null, 'NOT_VIABLE'], ['B', null, 'PENDING_EVALUATION']]],
    ['an empty ceiling funds nothing but still ranks', '0.00', [p('A', 90, '0.01'), p('B', 80, '5.00')], [['A', 1, 'DOES_NOT_FIT'], ['B', 2, 'DOES_NOT_FIT']]],
    ['no proposals', '100.00', [], []],
  ] as const)('%s', (_label, ceiling, candidates, expected) => {
    expect(summary(allocateByScore([...candidates], S(ceiling)))).toEqual(expected);
  });

  it('explains each decision with the amounts before and after', () => {
    const [a, b, c, d] = allocateByScore([p('A', 90, '700000.00'), p('B', 80, '500000.00'), p('C', 70, '300000.00'),
      p('D', 99, '1.00', { evaluation: EvaluationStatus.NOT_VIABLE, evaluationReason: 'Duplica una inversión del Gobierno Regional' })], S('1000000.00'));
    expect(a).toMatchObject({ funded: true, cumulativeBefore: 0n, remainingBefore: S('1000000.00'), remainingAfter: S('300000.00') });
    expect(a!.explanation).toBe('Puesto 1 con 90.00 puntos: financiada. Antes se habían asignado S/ 0.00 de S/ 1,000,000.00; quedaban S/ 1,000,000.00 y su costo de S/ 700,000.00 cabe; quedan S/ 300,000.00.');
    expect(b).toMatchObject({ funded: false, decision: Decision.DOES_NOT_FIT, cumulativeBefore: S('700000.00'), remainingBefore: S('300000.00'), remainingAfter: S('300000.00') });
    expect(b!.explanation).toMatch(/no financiada\. Quedaban S\/ 300,000\.00 y su costo de S\/ 500,000\.00 no cabe/);
    expect(c).toMatchObject({ funded: true, cumulativeBefore: S('700000.00'), remainingAfter: 0n });
    expect(d!.explanation).toMatch(/no viable \(Duplica una inversión del Gobierno Regional\)/);
  });

  it('never funds more than the ceiling, on many random cases', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let t = 0; t < 200; t++) {
      const candidates = Array.from({ length: 1 + Math.floor(rand() * 30) }, (_, i) => p(`P${t}-${i}`, Math.round(rand() * 100), (rand() * 1000).toFixed(2)));
      const ceiling = S((rand() * 5000).toFixed(2));
      const results = allocateByScore(candidates, ceiling);
      const funded = results.filter((r) => r.funded).reduce((s, r) => s + candidates.find((c) => c.id === r.id)!.cost, 0n);
      expect(funded <= ceiling).toBe(true);
      // Nothing left unfunded would still fit in what remains.
      const left = ceiling - funded;
      expect(results.some((r) => !r.funded && candidates.find((c) => c.id === r.id)!.cost <= left)).toBe(false);
    }
  });
});

describe('allocation by population', () => {
  it('splits the ceiling exactly in proportion to population', () => {
    expect(splitProportionally(10000n, [3n, 1n])).toEqual([7500n, 2500n]);
    expect(splitProportionally(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(splitProportionally(0n, [5n, 5n])).toEqual([0n, 0n]);
  });

  it('funds within each district’s fair share, showing what the rule does to a small district', () => {
    // Urban district 3 times more populous; ceiling S/ 100: fair shares S/ 75 and S/ 25.
    const districts = [{ ubigeo: '120101', population: 3000 }, { ubigeo: '120104', population: 1000 }];
    const candidates = [
      p('U1', 90, '60.00', { ubigeos: ['120101'] }),
      p('U2', 85, '30.00', { ubigeos: ['120101'] }),
      p('R1', 60, '20.00', { ubigeos: ['120104'] }),
      p('R2', 55, '10.00', { ubigeos: ['120104'] }),
      p('UR', 50, '10.00', { ubigeos: ['120101', '120104'] }),
    ];
    const byScore = allocateByScore(candidates, S('100.00'));
    // By score the urban proposals take S/ 90, R2 fits the last S/ 10, and the shared UR no longer fits.
    expect(byScore.filter((r) => r.funded).map((r) => r.id)).toEqual(['U1', 'U2', 'R2']);
    const { fundedIds, districts: shares } = allocateByPopulation(candidates, S('100.00'), districts, byScore);
    expect([...fundedIds]).toEqual(['U1', 'R1', 'UR']);
    expect(shares).toEqual([
      { ubigeo: '120101', population: 3000, fairShare: S('75.00'), allocatedByScore: S('90.00'), allocatedByPopulation: S('65.00') },
      { ubigeo: '120104', population: 1000, fairShare: S('25.00'), allocatedByScore: S('10.00'), allocatedByPopulation: S('25.00') },
    ]);
  });
});

it('writes soles as Peru does', () => {
  expect(soles(125000050n)).toBe('S/ 1,250,000.50');
  expect(soles(5n)).toBe('S/ 0.05');
});
