/**
 * Exact money arithmetic on decimal strings with 2 places (soles), through integer cents in
 * BigInt: never a float on the way.
 */
export function toCents(value: string): bigint {
  const negative = value.startsWith('-');
  const [int, frac = ''] = value.replace(/^[-+]/, '').split('.');
  const cents = BigInt(int || '0') * 100n + BigInt(frac.padEnd(2, '0').slice(0, 2));
  return negative ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** "1250000.5" → "1250000.50"; "-0.01" stays negative. */
export const normalizeDecimal = (value: string) => fromCents(toCents(value));

export const sumDecimals = (values: string[]) => fromCents(values.reduce((s, v) => s + toCents(v), 0n));

/** value ÷ divisor, rounded half up to the cent (0.00 when the divisor is not positive). */
export function divideDecimal(value: string, divisor: number): string {
  if (!(divisor > 0)) return '0.00';
  const d = BigInt(divisor);
  const cents = toCents(value);
  const q = (2n * (cents < 0n ? -cents : cents) + d) / (2n * d);
  return fromCents(cents < 0n ? -q : q);
}
