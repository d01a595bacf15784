import { addBusinessDays, holidaysOf, isBusinessDay } from '../src/business-days.js';

it('knows the movable holidays: Holy Thursday and Good Friday', () => {
  expect(isBusinessDay('2025-04-17')).toBe(false); // Jueves Santo 2025
  expect(isBusinessDay('2025-04-18')).toBe(false); // Viernes Santo 2025
  expect(isBusinessDay('2026-04-02')).toBe(false); // Jueves Santo 2026
  expect(isBusinessDay('2026-04-16')).toBe(true);
});

it.each([
  ['2026-11-20', 1, '2026-11-23'], // Friday + 1 → Monday
  ['2026-07-27', 1, '2026-07-30'], // Fiestas Patrias: 28 and 29 July are holidays
  ['2026-12-24', 1, '2026-12-28'], // Christmas, then the weekend
  ['2026-11-02', 10, '2026-11-16'],
  ['2026-11-02', 30, '2026-12-16'], // 8 and 9 December are holidays
])('%s + %d business days = %s', (from, days, expected) => {
  expect(addBusinessDays(from, days)).toBe(expected);
});
