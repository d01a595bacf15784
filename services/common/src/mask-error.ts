/**
 * What a client may see of an error, for HTTP and WebSocket alike: the API's own codes pass as they
 * are; anything else (a driver error, a bug) is logged with its detail, personal data redacted, and
 * reaches the client as INTERNAL_SERVER_ERROR.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, PUBLIC_ERROR_CODES } from './errors.js';
import { type Logger, redactPersonalData } from './logger.js';

/** The caller closed the connection before the answer (the gateway gave up on the call): the request's SQL is cancelled. */
export class RequestAbandonedError extends Error {
  override name = 'RequestAbandonedError';
  /** Kept when the ORM wraps the error in its own DriverException (which copies own properties). */
  readonly requestAbandoned = true;
  constructor() {
    super('the caller closed the connection before the answer; its SQL was cancelled');
  }
}

/** PostgreSQL's query_canceled: statement_timeout passed, or the statement was cancelled (pg_cancel_backend). */
const QUERY_CANCELED = '57014';

export function maskError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  const original = unwrapResolverError(error);
  if ((original as { requestAbandoned?: unknown } | undefined)?.requestAbandoned === true) {
    // Nobody is waiting for this answer any more.
    logger.info('request abandoned by the caller', { path: formatted.path });
    return { message: 'The request was abandoned by the caller.', path: formatted.path, extensions: { code: ErrorCode.QUERY_TIMEOUT } };
  }
  if ((original as { code?: unknown } | undefined)?.code === QUERY_CANCELED) {
    logger.warn('statement cancelled', { path: formatted.path, sqlState: QUERY_CANCELED, detail: pgMessage((original as Error).message) });
    return {
      message: 'The database took too long to answer this and the query was cancelled; try again, or ask for less.',
      path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.QUERY_TIMEOUT },
    };
  }
  // Our own errors and Apollo's request-level ones are GraphQLErrors with a public code; anything
  // else (a driver error, a bug) is masked.
  if (PUBLIC_ERROR_CODES.has(code) && original instanceof GraphQLError) {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  logger.error('unexpected error', {
    path: formatted.path,
    error: original instanceof Error
      ? { name: original.name, message: redactPersonalData(original.message), stack: redactPersonalData(original.stack ?? '') }
      : redactPersonalData(String(original)),
  });
  return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/** MikroORM prefixes PostgreSQL's message with the statement (values inlined): only the message is logged. */
function pgMessage(message: string): string {
  const at = message.lastIndexOf(' - ');
  return redactPersonalData(at >= 0 ? message.slice(at + 3) : message);
}
