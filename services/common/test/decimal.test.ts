import { divideDecimal, fromCents, normalizeDecimal, sumDecimals, toCents } from '../src/decimal.js';

it.each([
  ['1250000.5', '1250000.50'],
  ['-0.01', '-0.01'],
  ['-12', '-12.00'],
  ['0007.1', '7.10'],
  ['99999999999999.99', '99999999999999.99'],
])('normalizes %s to %s', (input, expected) => {
  expect(normalizeDecimal(input)).toBe(expected);
});

it('sums exactly where floats would not', () => {
  expect(sumDecimals(['0.10', '0.20'])).toBe('0.30');
  expect(sumDecimals(Array.from({ length: 1000 }, () => '0.01'))).toBe('10.00');
  expect(fromCents(toCents('123456789012345.67') * 3n)).toBe('370370367037037.01');
});

it.each([
  ['100.00', 3, '33.33'],
  ['200.00', 3, '66.67'],
  ['0.05', 10, '0.01'],
  ['-100.00', 3, '-33.33'],
  ['5.00', 0, '0.00'],
])('divides %s by %d, rounding half up to the cent', (value, divisor, expected) => {
  expect(divideDecimal(value, divisor)).toBe(expected);
});
