/**
 * The error vocabulary of the API. Every error a client sees carries a stable `extensions.code`;
 * input errors also carry the `field` (a dotted path into the input) and a human `reason`.
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  /** A database statement ran past its time limit (statement_timeout) and was cancelled. */
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  /** The gateway did not finish the request within its deadline (HTTP 504). */
  GATEWAY_TIMEOUT: 'GATEWAY_TIMEOUT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Codes a client may see as they are: the API's own (but INTERNAL_SERVER_ERROR, which is always
 * masked), a subgraph being unreachable, and Apollo's codes about the request itself.
 */
export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set([
  ErrorCode.BAD_USER_INPUT, ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT,
  ErrorCode.QUERY_TIMEOUT, ErrorCode.GATEWAY_TIMEOUT, 'SUBGRAPH_UNAVAILABLE', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE',
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Only well-formed UUIDs may reach SQL as uuid; anything else is simply not found. */
export const isUuid = (id: string) => UUID.test(id);

export interface InputProblem {
  field: string;
  reason: string;
  /** For a batch: the position of the offending item in the input list. */
  index?: number;
  /** For a batch: what kind of problem (INVALID, FORBIDDEN, NOT_FOUND, CONFLICT). */
  code?: string;
}

/** One or more problems with the caller's input; nothing was written. */
export function badUserInput(problems: InputProblem[]): GraphQLError {
  const [first] = problems;
  return new GraphQLError(problems.map((p) => `${p.field}: ${p.reason}`).join('; '), {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field: first?.field, reason: first?.reason, problems },
  });
}

export const unauthenticated = (reason = 'This operation needs an identity: send a valid bearer token.') =>
  new GraphQLError(reason, { extensions: { code: ErrorCode.UNAUTHENTICATED, reason } });

export const forbidden = (reason: string) =>
  new GraphQLError(reason, { extensions: { code: ErrorCode.FORBIDDEN, reason } });

export const notFound = (field: string, reason: string) =>
  new GraphQLError(reason, { extensions: { code: ErrorCode.NOT_FOUND, field, reason } });

export const conflict = (field: string, reason: string) =>
  new GraphQLError(reason, { extensions: { code: ErrorCode.CONFLICT, field, reason } });

/** Collects input problems while validating, so that the caller hears about all of them at once. */
export class InputProblems {
  readonly list: InputProblem[] = [];
  add(field: string, reason: string): this {
    this.list.push({ field, reason });
    return this;
  }
  check(ok: boolean, field: string, reason: string): this {
    if (!ok) this.add(field, reason);
    return this;
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
  throwIfAny(): void {
    if (!this.empty) throw badUserInput(this.list);
  }
}
