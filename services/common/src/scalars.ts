/**
 * Scalars of the API conventions: money is an exact decimal carried as a string (never a float),
 * dates are ISO 8601 calendar dates. Shape problems are rejected while parsing; range rules
 * (a cost may not be negative) belong to each service's validation, which names the field.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DECIMAL = /^-?\d{1,16}(\.\d{1,2})?$/;

export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal amount with up to 2 decimal places, as a string (for money: soles, PEN). Example: "1250000.50".',
  serialize: (value) => String(value),
  parseValue: (value) => parseDecimal(value),
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : undefined),
});

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw new GraphQLError('Decimal must be a string like "1250000.50" (up to 2 decimal places).', { extensions: { code: 'BAD_USER_INPUT', reason: 'not a decimal amount' } });
  }
  return text;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, ISO 8601 (YYYY-MM-DD), in Peru time.',
  serialize: (value) => (value instanceof globalThis.Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError('Date must be a calendar date as YYYY-MM-DD.', { extensions: { code: 'BAD_USER_INPUT', reason: 'not a calendar date' } });
  }
  return value;
}

/** Today's date in Peru (America/Lima, UTC-5, no daylight saving), as YYYY-MM-DD. */
export function todayInPeru(now: Date = new Date()): string {
  return new Date(now.getTime() - 5 * 3600_000).toISOString().slice(0, 10);
}
