/**
 * Owns the es-PE wording of numbers and dates on the charts. Numbers go through
 * Intl.NumberFormat('es-PE'), whose CLDR data uses ',' for thousands and '.' for decimals
 * ("S/ 1,234,567", "45.5%"), as Peruvian public bodies write them. Month names are fixed here
 * rather than taken from Intl because ICU writes September as "sept." and Peru uses "set".
 */

const integerFormat = new Intl.NumberFormat('es-PE', { maximumFractionDigits: 0 });
const solesFormats = new Map<number, Intl.NumberFormat>();
const percentFormats = new Map<number, Intl.NumberFormat>();
const compactFormat = new Intl.NumberFormat('es-PE', { notation: 'compact', maximumFractionDigits: 1 });

/** "S/ 1,234,567" (no-break space after the symbol). */
export function formatSoles(amount: number, fractionDigits = 0): string {
  let format = solesFormats.get(fractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('es-PE', {
      style: 'currency',
      currency: 'PEN',
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    solesFormats.set(fractionDigits, format);
  }
  return format.format(amount);
}

/** Short amounts for axes, where "S/ 12,345,678" would not fit at 320 px: "S/ 12.3 M", "S/ 950 k". */
export function formatSolesCompact(amount: number): string {
  return `S/\u00a0${compactFormat.format(amount)}`;
}

/** Takes a percentage on the 0–100 scale, as the datasets publish them: 45.56 → "45.6%". */
export function formatPercent(percent: number, fractionDigits = 1): string {
  let format = percentFormats.get(fractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('es-PE', { style: 'percent', maximumFractionDigits: fractionDigits });
    percentFormats.set(fractionDigits, format);
  }
  return format.format(percent / 100);
}

/** 1234567 → "1,234,567". */
export function formatInteger(value: number): string {
  return integerFormat.format(value);
}

/** Abbreviations used in the portal's text; Peru writes "set" and "setiembre". */
export const MONTHS_SHORT = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'set', 'oct', 'nov', 'dic'] as const;
export const MONTHS_LONG = [
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio',
  'julio', 'agosto', 'setiembre', 'octubre', 'noviembre', 'diciembre',
] as const;

/** Joins with commas and a final "y", as a sentence would: "a, b y c". */
export function joinSpanish(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} y ${parts[parts.length - 1]}`;
}
