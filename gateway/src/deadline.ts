/**
 * The gateway answers every request within its deadline (GATEWAY_TIMEOUT_MS, 9.5 s by default, so
 * that the answer has left within 10 s even on a busy event loop), whatever happens behind it: a
 * request still unanswered then gets HTTP 504 with a GATEWAY_TIMEOUT error, and its subgraph calls
 * are aborted (each subgraph then cancels its database work: see the subgraphs' server). A client
 * that disconnects early aborts its subgraph calls the same way.
 *
 * Registered before everything else on /graphql, so that the deadline covers reading the body,
 * authentication, admission and execution alike.
 */
import { ErrorCode, type Logger } from '@articula/common';
import type express from 'express';

export const DEFAULT_GATEWAY_TIMEOUT_MS = 9_500;

const SIGNAL = Symbol('articula.requestSignal');

/** Aborted when the request's deadline passes or its client disconnects; undefined outside /graphql. */
export function requestSignal(req: express.Request): AbortSignal | undefined {
  return (req as unknown as Record<symbol, AbortSignal | undefined>)[SIGNAL];
}

export function requestDeadline(options: { timeoutMs: number; logger: Logger }): express.RequestHandler {
  const seconds = Math.round(options.timeoutMs / 100) / 10;
  const body = JSON.stringify({
    errors: [{ message: `The request was not answered within ${seconds} s and was abandoned; try again, or ask for less.`, extensions: { code: ErrorCode.GATEWAY_TIMEOUT } }],
  });
  return (req, res, next) => {
    const controller = new AbortController();
    (req as unknown as Record<symbol, AbortSignal>)[SIGNAL] = controller.signal;
    const timer = setTimeout(() => {
      if (res.headersSent) return; // an answer is already on its way
      controller.abort(new Error('request deadline passed'));
      options.logger.warn('request deadline passed', { requestId: res.getHeader('x-request-id'), timeoutMs: options.timeoutMs });
      res.writeHead(504, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      // Whatever was still running answers into the void instead of failing on a sent response.
      silence(res);
    }, options.timeoutMs);
    res.once('close', () => {
      clearTimeout(timer);
      if (!res.writableFinished) controller.abort(new Error('client disconnected'));
    });
    next();
  };
}

function silence(res: express.Response): void {
  const self = function (this: unknown) {
    return this;
  };
  Object.assign(res, {
    setHeader: self, writeHead: self, status: self, set: self, header: self, append: self, type: self,
    send: self, json: self, end: self, write: () => true, flushHeaders: () => undefined,
  });
}
