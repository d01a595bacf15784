/**
 * Dataset downloads through the one public address: `GET /datasets/works.csv` is the works
 * subgraph's export (services/works/src/modules/dataset/works-csv.ts), passed through as a stream.
 * Nothing is buffered: the subgraph's response is piped to the client with backpressure, so a
 * download of any size costs the gateway the chunks in flight. Status, content type, disposition,
 * caching and Retry-After pass through, and so does the query string (the subgraph checks the
 * filters and answers 400 itself).
 *
 * Admission happens before (server.ts): the caller is identified as for /graphql and charged
 * DATASET_READ_COST points of the same read budget, under the same subject. A client that goes
 * away aborts the call to the subgraph, which stops its COPY. A works subgraph that refuses the
 * connection, is known to be down or does not start answering gets 503 SUBGRAPH_UNAVAILABLE.
 *
 * While it waits for the subgraph's first answer, the call is watched like any subgraph call
 * (SubgraphHealth: a hung subgraph is found within a second); once rows flow it is not, since a
 * download held back by a slow client is silent by design.
 */
import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { type Logger, redactPersonalData } from '@articula/common';
import type express from 'express';
import type { SubgraphHealth } from './subgraph-client.js';

/** Read points one download costs: the price of a third of an anonymous caller's budget per window. */
export const DATASET_READ_COST = 1_000;

/** How long the subgraph may take to start answering: a filtered export sorts its rows before the first byte. */
const FIRST_BYTE_TIMEOUT_MS = 60_000;

const PASSED_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'retry-after'] as const;

export interface DatasetProxyOptions {
  /** The works subgraph's /graphql URL; its datasets are served beside it (relative to it, so a path prefix is kept). */
  worksUrl: string;
  health?: SubgraphHealth;
  logger: Logger;
}

export interface DatasetProxy {
  /** Streams the subgraph's answer for `req` (already admitted) to `res`; resolves when it is over, however it ended. */
  forward(req: express.Request, res: express.Response, requestId: string): Promise<void>;
  close(): void;
}

export function datasetProxy(options: DatasetProxyOptions): DatasetProxy {
  const base = new URL(options.worksUrl);
  const transport = base.protocol === 'https:' ? https : http;
  const agent = new transport.Agent({ keepAlive: true });

  const unavailable = (res: express.Response) =>
    res.status(503).json({ errors: [{ message: 'The works service is unavailable; try again shortly.', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'works' } }] });

  function forward(req: express.Request, res: express.Response, requestId: string): Promise<void> {
    const log = options.logger.child({ requestId, path: req.path });
    if (options.health?.failFast) {
      unavailable(res);
      return Promise.resolve();
    }
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const target = new URL(`${req.path.slice(1)}${query}`, base);
    const controller = new AbortController();
    const waiting = options.health?.track(controller);
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${FIRST_BYTE_TIMEOUT_MS} ms`)), FIRST_BYTE_TIMEOUT_MS);
    const answered = () => {
      clearTimeout(timer);
      waiting?.progress();
      waiting?.end();
    };
    let gone = false;
    res.once('close', () => {
      gone = !res.writableFinished;
      if (gone) controller.abort(new Error('client disconnected'));
    });

    return new Promise<void>((resolve) => {
      const upstream = transport.request(target, { method: req.method, agent, signal: controller.signal, headers: { 'x-request-id': requestId, accept: 'text/csv' } });
      upstream.on('error', (error) => {
        answered();
        if (res.headersSent) return; // the response's own pipeline reports it
        if (!gone) {
          log.warn('dataset call failed', { service: 'works', detail: redactPersonalData(String(controller.signal.reason?.message ?? error.message)) });
          options.health?.probeSoon();
          unavailable(res);
        }
        resolve();
      });
      upstream.once('response', (answer) => {
        answered();
        // The subgraph's stream failing first (not the client leaving) is a cut download, not an abandoned one.
        let cut = false;
        answer.once('error', () => {
          cut = !gone;
        });
        res.status(answer.statusCode ?? 502);
        for (const name of PASSED_HEADERS) {
          const value = answer.headers[name];
          if (value !== undefined) res.setHeader(name, value);
        }
        pipeline(answer, res).then(
          () => resolve(),
          (error: Error) => {
            if (gone && !cut) log.info('dataset download abandoned by the client');
            else log.warn('dataset download cut', { service: 'works', detail: redactPersonalData(error.message) });
            resolve();
          },
        );
      });
      upstream.end();
    });
  }

  return { forward, close: () => agent.destroy() };
}
