/**
 * What a client may see of an error, for HTTP and WebSocket alike: the API's own codes pass as they
 * are; anything else (a driver error, a bug) is logged with its detail, personal data redacted, and
 * reaches the client as INTERNAL_SERVER_ERROR.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, PUBLIC_ERROR_CODES } from './errors.js';
import { type Logger, redactPersonalData } from './logger.js';

export function maskError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  const original = unwrapResolverError(error);
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
